import { createHash, createHmac } from 'node:crypto';

/**
 * How a rider's address is kept out of the database while still letting us cap reports per address:
 * client_hmac = HMAC-SHA256(day_key, address), day_key = HMAC-SHA256(REPORT_HMAC_SECRET, "problem-report:" + Beijing
 * date). The key rotates at Beijing midnight by construction — nothing to schedule — and yesterday's hashes
 * cannot be linked to today's, nor reversed by enumerating the IPv4 space without the secret. Rotating the
 * secret itself (e.g. on a leak) only makes today's caps restart. Cost: a per-address window that spans midnight
 * restarts at midnight, which only loosens the cap for one window a day.
 */
const keyCache = new Map<string, Buffer>();

/** Beijing calendar date of an instant (UTC+8, no daylight saving). */
const beijingDay = (at: Date): string => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

export function dayKey(secret: string, at: Date): Buffer {
  const id = `${beijingDay(at)}|${secret}`;
  let key = keyCache.get(id);
  if (!key) {
    key = createHmac('sha256', secret).update(`problem-report:${beijingDay(at)}`).digest();
    if (keyCache.size > 4) keyCache.clear();
    keyCache.set(id, key);
  }
  return key;
}

export const clientHmac = (secret: string, address: string, at: Date): string =>
  createHmac('sha256', dayKey(secret, at)).update(address).digest('hex');

/** Device tokens are random strings the phone made up; we keep only their hash, so a dump reveals none. */
export const deviceHash = (token: string): string => createHash('sha256').update(`device:${token}`).digest('hex');

/** The default secret ships in the source: fine on a laptop, a leak in production. */
export const DEV_SECRET = 'dev-only-report-secret-change-me';
