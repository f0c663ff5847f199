import { MESSAGES, type MessageKey } from './messages.ts';

export type Lang = 'zh-CN' | 'en';
export const LANGS: readonly Lang[] = ['zh-CN', 'en'];
export type { MessageKey };

/** A vocabulary entry as the API's constants carry it. */
export interface Bilingual {
  zh: string;
  en: string;
}

const STORAGE_KEY = 'zgfw.lang';
const listeners = new Set<(lang: Lang) => void>();
let current: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    if (v === 'en' || v === 'zh-CN') return v;
  } catch {
    // Storage can be disabled (private mode, sandboxed iframe): fall back to the default.
  }
  // zh-CN first: the product's users read Chinese; English is opt-in and then remembered.
  return 'zh-CN';
}

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  if (lang === current) return;
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered, still switched
  }
  document.documentElement.lang = lang;
  for (const cb of listeners) cb(lang);
}

/** Subscribe to language changes; returns the unsubscribe function. */
export function onLangChange(cb: (lang: Lang) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Pick the current language from a zh/en pair. */
export function pick(label: Bilingual, lang: Lang = current): string {
  return lang === 'en' ? label.en : label.zh;
}

function fill(text: string, params: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Translate a UI string, filling {name} placeholders. */
export function t(key: MessageKey, params: Record<string, string | number> = {}, lang: Lang = current): string {
  return fill(pick(MESSAGES[key], lang), params);
}

/**
 * A view's own dictionary (web/<view>/messages.ts), so each view ships only its strings and views can be
 * built side by side: `export const tv = defineMessages({ 'rider.title': { zh: '…', en: '…' } })`.
 */
export function defineMessages<K extends string>(dict: Record<K, Bilingual>) {
  return (key: K, params: Record<string, string | number> = {}, lang: Lang = current): string =>
    fill(pick(dict[key], lang), params);
}

/** Numbers in the reader's convention (zh-CN and en both group by thousands). */
export function formatNumber(n: number, lang: Lang = current): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'zh-CN').format(n);
}
