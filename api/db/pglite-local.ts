import { PGlite, type Transaction } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { mkdir } from 'node:fs/promises';
import { PARSERS, SESSION_TIME_ZONE } from './normalise.ts';
import { probeCaps } from './probe.ts';
import type { Db, DbCaps, Row, Tx } from './types.ts';
import { DbUnavailableError } from '../errors.ts';

export interface PgliteOptions {
  /** Directory for a persistent database; undefined → in memory. */
  dataDir?: string;
  /** A tarball from dumpDataDir() to start from (tests reuse one prepared template). */
  loadDataDir?: Blob;
}

/** The in-process PGlite Db, plus a dump of its data directory (for the test template). */
export type LocalPglite = Db & { dump(): Promise<Blob> };

type PgLike = Pick<Transaction, 'query' | 'exec'>;

function copyStatement(table: string, columns: readonly string[]): string {
  // Identifiers come from our own loader code, not from requests; quote them anyway.
  const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
  return `copy ${ident(table)} (${columns.map(ident).join(', ')}) from '/dev/blob' with (format csv, header true)`;
}

function txOf(pg: PgLike): Tx {
  return {
    query: async <T,>(sql: string, params: readonly unknown[] = []) =>
      (await pg.query<T>(sql, params as unknown[])).rows,
    exec: async (sql: string) => {
      await pg.exec(sql);
    },
    copyCsv: async (table, columns, csv) => {
      await pg.query(copyStatement(table, columns), [], { blob: new Blob([csv]) });
    },
  };
}

/**
 * Embedded PostgreSQL 18 + PostGIS 3.6 (WASM) in the calling thread. The API does not call this directly:
 * pglite.ts runs it inside a worker thread (pglite-host.ts) so SQL never blocks the HTTP event loop.
 */
export async function openPgliteLocal(opts: PgliteOptions = {}): Promise<LocalPglite> {
  if (opts.dataDir) await mkdir(opts.dataDir, { recursive: true });
  const pg = await PGlite.create({
    dataDir: opts.dataDir,
    loadDataDir: opts.loadDataDir,
    extensions: { postgis },
    parsers: PARSERS,
  });
  await pg.exec(`set time zone '${SESSION_TIME_ZONE}'; create extension if not exists postgis;`);
  const base = txOf(pg);
  const caps: DbCaps = await probeCaps(base, 'pglite');
  let closed = false;
  const live = () => {
    if (closed || pg.closed) throw new DbUnavailableError('embedded database is closed');
  };
  return {
    caps,
    async query<T>(sql: string, params?: readonly unknown[]) {
      live();
      return base.query<T>(sql, params);
    },
    async tx<T>(fn: (q: Tx) => Promise<T>) {
      live();
      return pg.transaction((t) => fn(txOf(t)));
    },
    async ping() {
      live();
      await pg.query('select 1');
    },
    async close() {
      if (closed) return;
      closed = true;
      await pg.close();
    },
    dump: () => pg.dumpDataDir('gzip'),
  };
}
