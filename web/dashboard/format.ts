import { formatNumber, getLang, type Lang } from '../i18n/index.ts';
import { regionLabelZh, regionNameEn } from '../i18n/regions.ts';

/** English for the API's units; counts read naturally without one in English. */
const UNIT_EN: Record<string, string> = { '个': '', '人': '', '家': '', '个/万人': 'per 10k' };

/** A KPI or metric value as text, by the API's unit: ratio → percent, per-10k → 2 decimals, counts grouped. */
export function formatValue(value: number, unit: string, lang: Lang = getLang(), withUnit = true): string {
  if (unit === 'ratio') return formatPercent(value, lang);
  if (unit === '个/万人') {
    const n = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'zh-CN', { maximumFractionDigits: 2, minimumFractionDigits: 2 }).format(value);
    return withUnit ? `${n} ${lang === 'en' ? UNIT_EN[unit] : unit}` : n;
  }
  const n = formatNumber(Math.round(value), lang);
  if (!withUnit) return n;
  const u = lang === 'en' ? (UNIT_EN[unit] ?? unit) : unit;
  return u ? (lang === 'en' ? `${n} ${u}` : `${n}${u}`) : n;
}

export function formatPercent(ratio: number, lang: Lang = getLang(), digits = 1): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    style: 'percent',
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(ratio);
}

export function regionName(code: string, name: string, lang: Lang = getLang(), pinyin: string | null = null): string {
  return lang === 'en' ? regionNameEn(code, name, pinyin) : regionLabelZh(code, name);
}

/** Today in Asia/Shanghai as YYYY-MM-DD (the server's calendar), whatever the browser's time zone. */
export function todayShanghai(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date());
}

/** 2026-01-26 → 2026年1月26日 / 26 January 2026 */
export function formatDate(iso: string, lang: Lang = getLang()): string {
  const [y, m, d] = iso.split('-').map(Number);
  if (lang === 'en') {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(Date.UTC(y, m - 1, d)));
  }
  return `${y}年${m}月${d}日`;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}
