import { mkdir } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { DbUnavailableError } from '../errors.ts';
import { fromWire, type HostReply, type HostRequest } from './pglite-protocol.ts';
import type { Db, DbCaps, Row, Tx } from './types.ts';

export interface PgliteOptions {
  /** Directory for a persistent database; undefined → in memory. */
  dataDir?: string;
  /** A tarball from dump() to start from (tests reuse one prepared template). */
  loadDataDir?: Blob | Uint8Array;
}

/** The embedded Db, plus a dump of its data directory (for the test template). */
export type PgliteDb = Db & { dump(): Promise<Blob> };

const BOOTSTRAP = new URL('../jobs/bootstrap.mjs', import.meta.url);
const HOST = new URL('./pglite-host.ts', import.meta.url);

type Request = HostRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

/**
 * Embedded PostgreSQL 18 + PostGIS 3.6 (WASM), run in a worker thread. PGlite executes SQL synchronously on
 * whatever thread hosts it; hosting it here keeps the HTTP event loop free while a long statement or the first-run
 * data load runs, so /api/health and other requests still answer.
 */
export async function openPglite(opts: PgliteOptions = {}): Promise<PgliteDb> {
  if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
  const tarball =
    opts.loadDataDir instanceof Blob ? new Uint8Array(await opts.loadDataDir.arrayBuffer()) : opts.loadDataDir;
  const worker = new Worker(BOOTSTRAP, { workerData: { module: HOST.href, input: { dataDir: opts.dataDir, tarball } } });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let nextTx = 1;
  let dead: string | null = null;

  const caps = await new Promise<DbCaps>((resolve, reject) => {
    const onMessage = (m: HostReply) => {
      if (m.kind === 'ready') resolve(m.caps);
      else if (m.kind === 'fatal') reject(fromWire(m.error));
    };
    worker.once('message', onMessage);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new DbUnavailableError(`PGlite worker exited during start-up (code ${code})`)));
  });
  worker.removeAllListeners('error');
  worker.removeAllListeners('exit');

  const failAll = (why: string) => {
    dead ??= why;
    for (const p of pending.values()) p.reject(new DbUnavailableError(why));
    pending.clear();
  };
  worker.on('message', (m: HostReply) => {
    if (m.kind !== 'reply') return;
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(fromWire(m.error));
  });
  worker.on('error', (err) => failAll(`embedded database crashed: ${err.message}`));
  worker.on('exit', (code) => failAll(`embedded database stopped (exit ${code})`));

  const call = <T>(req: Request): Promise<T> => {
    if (dead) return Promise.reject(new DbUnavailableError(dead));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      worker.postMessage({ ...req, id });
    });
  };

  const txOf = (txId: number): Tx => ({
    query: <T = Row>(sql: string, params: readonly unknown[] = []) => call<T[]>({ op: 'query', txId, sql, params }),
    exec: (sql: string) => call<void>({ op: 'exec', txId, sql }),
    copyCsv: (table, columns, csv) => call<void>({ op: 'copy', txId, table, columns, csv }),
  });

  return {
    caps,
    query: <T = Row>(sql: string, params: readonly unknown[] = []) => call<T[]>({ op: 'query', sql, params }),
    async tx<T>(fn: (q: Tx) => Promise<T>): Promise<T> {
      const txId = nextTx++;
      await call({ op: 'begin', txId });
      let result: T;
      try {
        result = await fn(txOf(txId));
      } catch (err) {
        await call({ op: 'rollback', txId }).catch(() => {});
        throw err;
      }
      await call({ op: 'commit', txId });
      return result;
    },
    async ping() {
      await call({ op: 'query', sql: 'select 1', params: [] });
    },
    async close() {
      if (dead) return;
      await call({ op: 'close' }).catch(() => {});
      dead = 'embedded database is closed';
      failAll(dead);
      await worker.terminate();
    },
    async dump() {
      return new Blob([await call<Uint8Array<ArrayBuffer>>({ op: 'dump' })]);
    },
  };
}
