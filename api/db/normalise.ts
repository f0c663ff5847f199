/**
 * Result-type normalisation shared by both drivers, so that the API never sees a BigInt (JSON.stringify
 * throws on it) and both backends return the same JS types for the same SQL.
 */

/** PostgreSQL type OIDs we parse ourselves. */
export const PG_OID = { int8: 20, numeric: 1700, date: 1082 } as const;

/** int8 → number when it fits in 2^53, else the exact decimal string. */
export function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

/** numeric → number (aggregates like sum()/avg() return numeric); non-finite text stays text ('NaN'). */
export function parseNumeric(text: string): number | string {
  const n = Number(text);
  return Number.isFinite(n) ? n : text;
}

/** date → 'YYYY-MM-DD' text: a calendar date has no time zone, a JS Date would invent one. */
export const parseDate = (text: string): string => text;

/** One mapping used by both drivers' parser tables. */
export const PARSERS: Record<number, (text: string) => unknown> = {
  [PG_OID.int8]: parseInt8,
  [PG_OID.numeric]: parseNumeric,
  [PG_OID.date]: parseDate,
};

/** Session settings applied on every connection of both drivers. */
export const SESSION_TIME_ZONE = 'Asia/Shanghai';

/**
 * A JS array as a PostgreSQL array literal ('{1,2,"a b",NULL}'). postgres.js guesses an array parameter's type
 * from its first element and can send bool for bool[]; sending literal text lets the server infer the type from
 * the SQL's cast ($1::boolean[]), the same way PGlite does.
 */
export function toPgArrayLiteral(values: readonly unknown[]): string {
  const item = (v: unknown): string => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return toPgArrayLiteral(v);
    if (typeof v === 'boolean') return v ? 't' : 'f';
    if (typeof v === 'number' || typeof v === 'bigint') return String(v);
    if (v instanceof Date) return `"${v.toISOString()}"`;
    return `"${String(v).replace(/[\\"]/g, (m) => `\\${m}`)}"`;
  };
  return `{${values.map(item).join(',')}}`;
}
