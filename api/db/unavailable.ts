import { DbUnavailableError } from '../errors.ts';

/**
 * Errors that mean "the database is not there" (as opposed to "your SQL or data is wrong"). They become 503,
 * and postgres.js reconnects on the next query, so the server recovers by itself when the database returns.
 */
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EPIPE',
  'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT',
]);

export function isUnavailable(err: unknown): boolean {
  if (err instanceof DbUnavailableError) return true;
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code !== 'string') return false;
  // SQLSTATE class 08 = connection exception; 57P01..57P03 = admin shutdown / crash / cannot connect now.
  return NETWORK_CODES.has(code) || code.startsWith('08') || /^57P0[1-3]$/.test(code);
}

/** Re-throw driver errors of the unavailable kind as DbUnavailableError, leave others as they are. */
export function wrapUnavailable(err: unknown, doing: string): never {
  if (isUnavailable(err) && !(err instanceof DbUnavailableError)) {
    throw new DbUnavailableError(`database unavailable while ${doing}: ${(err as Error).message}`, err);
  }
  throw err;
}
