import type { Config } from '../config.ts';
import { DbUnavailableError } from '../errors.ts';
import type { Db, DbCaps, Row, Tx } from './types.ts';

export type { Db, DbCaps, Queryable, Row, Tx } from './types.ts';

/** Open the backend the config names: DATABASE_URL → PostgreSQL, otherwise embedded PGlite in DATA_DIR. */
export async function openDb(config: Pick<Config, 'DATABASE_URL' | 'DATA_DIR' | 'DB_POOL_MAX'>): Promise<Db> {
  if (config.DATABASE_URL) {
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres({ url: config.DATABASE_URL, max: config.DB_POOL_MAX });
  }
  const { openPglite } = await import('./pglite.ts');
  return openPglite({ dataDir: config.DATA_DIR });
}

/**
 * A Db whose real connection arrives later (the server listens before the database is open, so /api/health
 * can say 503 "starting" and a slow first PGlite creation does not look like a dead server).
 */
export class LateDb implements Db {
  private db: Db | null = null;
  private reason = '数据库正在启动 / database is starting';

  set(db: Db): void {
    this.db = db;
  }
  fail(reason: string): void {
    this.reason = reason;
  }
  get ready(): boolean {
    return this.db !== null;
  }
  private get(): Db {
    if (!this.db) throw new DbUnavailableError(this.reason);
    return this.db;
  }
  get caps(): DbCaps {
    return this.get().caps;
  }
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.get().query<T>(sql, params);
  }
  tx<T>(fn: (q: Tx) => Promise<T>): Promise<T> {
    return this.get().tx(fn);
  }
  ping(): Promise<void> {
    return this.get().ping();
  }
  async close(): Promise<void> {
    await this.db?.close();
  }
}
