import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApp } from '../../api/app.ts';
import { testConfig } from '../../api/config.ts';
import type { Db } from '../../api/db/index.ts';

/** Which backend this run tests: the same suite runs on both (CI runs it twice). */
export const backend = (): 'postgres' | 'pglite' => (inject('databaseUrl') ? 'postgres' : 'pglite');

/**
 * A seeded database for one test file: PGlite loaded from the prepared template (its own private copy, so
 * writes are isolated), or the prepared real PostgreSQL database (shared: tests that write must clean up).
 */
export async function openTestDb(): Promise<Db> {
  const url = inject('databaseUrl');
  if (url) {
    const { openPostgres } = await import('../../api/db/postgres.ts');
    return openPostgres({ url, max: 4 });
  }
  const { openPglite } = await import('../../api/db/pglite.ts');
  const tarball = await readFile(inject('pgliteTemplate'));
  return openPglite({ loadDataDir: new Blob([tarball]) });
}

/** The production app stack (middleware, validation, error mapping) over a test database. */
export function testApp(db: Db) {
  return createApp({ db, config: testConfig() });
}

/** GET a path through the app and parse JSON, returning status + body. */
export async function getJson<T = any>(app: ReturnType<typeof testApp>, path: string): Promise<{ status: number; body: T }> {
  const res = await app.request(path);
  const text = await res.text();
  let body: T;
  try {
    body = JSON.parse(text) as T;
  } catch {
    throw new Error(`${path} → ${res.status} non-JSON: ${text.slice(0, 200)}`);
  }
  return { status: res.status, body };
}

/**
 * The usual test-file set-up: one seeded database and the app over it for the whole file, closed afterwards.
 * Read `ctx.db` / `ctx.app` inside tests (they are set in beforeAll).
 */
export function useTestApp(): { db: Db; app: ReturnType<typeof testApp> } {
  const ctx = {} as { db: Db; app: ReturnType<typeof testApp> };
  beforeAll(async () => {
    ctx.db = await openTestDb();
    ctx.app = testApp(ctx.db);
  });
  afterAll(async () => ctx.db?.close());
  return ctx;
}
