import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { workerCount } from './cluster.ts';
import { ConfigError, loadConfig } from './config.ts';

describe('API_WORKERS', () => {
  it('defaults to one process and resolves "auto" to the core count', () => {
    expect(workerCount(loadConfig({}))).toBe(1);
    expect(workerCount(loadConfig({ API_WORKERS: 'auto', DATABASE_URL: 'postgres://h/db' }))).toBe(availableParallelism());
    expect(workerCount(loadConfig({ API_WORKERS: '3', DATABASE_URL: 'postgres://h/db' }))).toBe(3);
  });

  it('refuses more than one worker on embedded PGlite, and nonsense values, naming the key', () => {
    for (const env of [{ API_WORKERS: 'auto' }, { API_WORKERS: '2' }, { API_WORKERS: '0', DATABASE_URL: 'postgres://h/db' }, { API_WORKERS: 'lots' }]) {
      expect(() => loadConfig(env)).toThrow(ConfigError);
      expect(() => loadConfig(env)).toThrow(/API_WORKERS/);
    }
  });
});
