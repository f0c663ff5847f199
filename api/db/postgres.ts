import postgres from 'postgres';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PARSERS, SESSION_TIME_ZONE, toPgArrayLiteral } from './normalise.ts';
import { probeCaps } from './probe.ts';
import type { Db, Row, Tx } from './types.ts';
import { wrapUnavailable } from './unavailable.ts';

export interface PostgresOptions {
  url: string;
  max?: number;
}

type Sql = postgres.Sql | postgres.TransactionSql;

function txOf(sql: Sql): Tx {
  return {
    query: async <T,>(text: string, params: readonly unknown[] = []) => {
      try {
        const bound = params.map((p) => (Array.isArray(p) ? toPgArrayLiteral(p) : p));
        return (await sql.unsafe(text, bound as postgres.ParameterOrJSON<never>[], { prepare: true })) as unknown as T[];
      } catch (err) {
        return wrapUnavailable(err, 'running a query');
      }
    },
    exec: async (text: string) => {
      try {
        await sql.unsafe(text);
      } catch (err) {
        wrapUnavailable(err, 'running a script');
      }
    },
    copyCsv: async (table, columns, csv) => {
      const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;
      const stream = await sql
        .unsafe(`copy ${ident(table)} (${columns.map(ident).join(', ')}) from stdin with (format csv, header true)`)
        .writable();
      await pipeline(Readable.from([csv]), stream);
    },
  };
}

/** Real PostgreSQL + PostGIS through a postgres.js pool. */
export async function openPostgres(opts: PostgresOptions): Promise<Db> {
  const types = Object.fromEntries(
    Object.entries(PARSERS).map(([oid, parse]) => [
      `t${oid}`,
      { to: Number(oid), from: [Number(oid)], serialize: (x: unknown) => String(x), parse },
    ]),
  );
  const sql = postgres(opts.url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    connection: { TimeZone: SESSION_TIME_ZONE, application_name: 'zhigong-api' },
    types,
    // Fail fast when the server is down, so the API answers 503 quickly instead of hanging.
    connect_timeout: 5,
    idle_timeout: 60,
  });
  const base = txOf(sql);
  try {
    await sql.unsafe('create extension if not exists postgis');
  } catch (err) {
    await sql.end({ timeout: 1 });
    wrapUnavailable(err, 'enabling PostGIS');
  }
  const caps = await probeCaps(base, 'postgres');
  return {
    caps,
    query: base.query,
    async tx<T>(fn: (q: Tx) => Promise<T>) {
      try {
        return (await sql.begin((t) => fn(txOf(t)))) as T;
      } catch (err) {
        return wrapUnavailable(err, 'running a transaction');
      }
    },
    async ping() {
      await base.query('select 1');
    },
    async close() {
      await sql.end({ timeout: 5 });
    },
  };
}
