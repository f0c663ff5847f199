import type { Lang } from '../i18n/index.ts';
import { tv } from './messages.ts';

/**
 * Pure formatting for the cards. Times are Beijing wall time computed by offset arithmetic (China has no DST),
 * not Intl time zones: older in-app browsers ship without full time-zone data.
 */

const SHANGHAI_MS = 8 * 3600_000;

/** Beijing calendar day number (days since 1970-01-01 in UTC+8) and minute of day. */
function shanghaiParts(ms: number): { day: number; minute: number; weekday: number; month: number; date: number } {
  const local = ms + SHANGHAI_MS;
  const d = new Date(local);
  return {
    day: Math.floor(local / 86_400_000),
    minute: d.getUTCHours() * 60 + d.getUTCMinutes(),
    weekday: d.getUTCDay(),
    month: d.getUTCMonth() + 1,
    date: d.getUTCDate(),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "22:00", "明天 08:00" / "tomorrow 08:00", "周一 08:00" within a week, else "5月3日 08:00" / "3 May 08:00". */
export function formatWhen(iso: string, now: Date, lang: Lang): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const at = shanghaiParts(t);
  const today = shanghaiParts(now.getTime());
  const hhmm = `${pad2(Math.floor(at.minute / 60))}:${pad2(at.minute % 60)}`;
  const days = at.day - today.day;
  if (days <= 0) return hhmm;
  if (days === 1) return `${tv('card.tomorrow', {}, lang)} ${hhmm}`;
  if (days < 7) return `${(lang === 'en' ? WEEKDAY_EN : WEEKDAY_ZH)[at.weekday]} ${hhmm}`;
  const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  return lang === 'en' ? `${at.date} ${MONTHS_EN[at.month - 1]} ${hhmm}` : `${at.month}月${at.date}日 ${hhmm}`;
}

/** "营业中 · 22:00 关门" / "已关闭 · 明天 08:00 开门" (the API's next_change, evaluated at the same instant). */
export function openStateText(open: boolean, nextChange: string | null, now: Date, lang: Lang): string {
  const state = tv(open ? 'card.open' : 'card.closed', {}, lang);
  if (!nextChange) return `${state} · ${tv(open ? 'card.always' : 'card.no_next', {}, lang)}`;
  const when = formatWhen(nextChange, now, lang);
  return `${state} · ${tv(open ? 'card.closes_at' : 'card.opens_at', { when }, lang)}`;
}

/** Straight-line distance: metres below 1 km, else km with one decimal (two below 10 km would be false precision). */
export function formatDistance(m: number, lang: Lang): string {
  if (m < 1000) return lang === 'en' ? `${Math.round(m)} m` : `${Math.round(m)} 米`;
  const km = m < 10_000 ? (m / 1000).toFixed(1) : String(Math.round(m / 1000));
  return lang === 'en' ? `${km} km` : `${km} 公里`;
}

const DIR_ZH = ['北', '东北', '东', '东南', '南', '西南', '西', '西北'];
const DIR_EN = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

/** Eight-point compass from a bearing in degrees clockwise from north. */
export function compass(bearingDeg: number, lang: Lang): string {
  const i = Math.round((((bearingDeg % 360) + 360) % 360) / 45) % 8;
  return (lang === 'en' ? DIR_EN : DIR_ZH)[i];
}

/** `YYYY-MM-DD` (the API's date) in the reader's form. */
export function formatDate(ymd: string, lang: Lang): string {
  const m = /^(\d{4})-(\d\d)-(\d\d)/.exec(ymd);
  if (!m) return ymd;
  return lang === 'en' ? `${+m[3]} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][+m[2] - 1]} ${m[1]}` : `${m[1]}年${+m[2]}月${+m[3]}日`;
}

/** A saved-at time for the stale banner: today's as HH:MM, older ones with their date. */
export function formatSavedAt(iso: string, now: Date, lang: Lang): string {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return iso;
  const at = shanghaiParts(t);
  const hhmm = `${pad2(Math.floor(at.minute / 60))}:${pad2(at.minute % 60)}`;
  if (at.day === shanghaiParts(now.getTime()).day) return hhmm;
  return lang === 'en' ? `${at.date}/${at.month} ${hhmm}` : `${at.month}月${at.date}日 ${hhmm}`;
}
