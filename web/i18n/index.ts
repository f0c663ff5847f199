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

/** Translate a UI string, filling {name} placeholders. */
export function t(key: MessageKey, params: Record<string, string | number> = {}, lang: Lang = current): string {
  const text = pick(MESSAGES[key], lang);
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

/** Numbers in the reader's convention (zh-CN and en both group by thousands). */
export function formatNumber(n: number, lang: Lang = current): string {
  return new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'zh-CN').format(n);
}
