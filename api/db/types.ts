/**
 * The one database interface. Two drivers implement it (pglite.ts, postgres.ts); everything else in the
 * API talks to this, never to a driver. Values are bound parameters ($1, $2 …) — never interpolated.
 */
export type Row = Record<string, unknown>;

export interface DbCaps {
  /** "pglite" | "postgres" — for display in /api/health only; code branches on capabilities, not on this. */
  driver: 'pglite' | 'postgres';
  /** e.g. "18.3" */
  postgres_version: string;
  /** e.g. "3.6.2" */
  postgis_version: string;
  /** ST_AsMVT works (PGlite's PostGIS is built without protobuf-c). */
  mvt: boolean;
}

export interface Queryable {
  /** Run one statement with bound parameters. int8/numeric come back as JS numbers when safe; never BigInt. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

/** Inside a transaction: also multi-statement scripts without parameters (migrations). */
export interface Tx extends Queryable {
  exec(sql: string): Promise<void>;
  /** Bulk load CSV text (header row, RFC 4180 quoting) into table(columns) with COPY. */
  copyCsv(table: string, columns: readonly string[], csv: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly caps: DbCaps;
  /** Run fn inside one transaction; rolls back if fn throws. Keep it short: PGlite blocks the event loop. */
  tx<T>(fn: (q: Tx) => Promise<T>): Promise<T>;
  /** Cheap liveness probe; throws DbUnavailableError when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
