import { ApiRequestError } from '../api-client.ts';
import { getLang } from '../i18n/index.ts';
import type { RegionCollection } from './data.ts';
import { el } from './format.ts';
import { tv } from './messages.ts';

/** A region as the dashboard navigates it: code, name, level and the path from the city down. */
export interface RegionNode {
  code: string;
  name: string;
  level: 'city' | 'county' | 'town' | 'village';
  parent: string | null;
  pinyin: string | null;
}

export class RegionIndex {
  readonly byCode = new Map<string, RegionNode>();

  constructor(fc: RegionCollection) {
    for (const f of fc.features) {
      const p = f.properties;
      this.byCode.set(p.code, { code: p.code, name: p.name, level: p.level, parent: p.parent_code, pinyin: p.pinyin });
    }
  }

  get(code: string): RegionNode | undefined {
    return this.byCode.get(code);
  }

  /** city → … → code */
  path(code: string): RegionNode[] {
    const out: RegionNode[] = [];
    for (let r = this.byCode.get(code); r; r = r.parent ? this.byCode.get(r.parent) : undefined) out.unshift(r);
    return out;
  }

  children(code: string): RegionNode[] {
    return [...this.byCode.values()].filter((r) => r.parent === code).sort((a, b) => a.code.localeCompare(b.code));
  }

  city(): RegionNode | undefined {
    return [...this.byCode.values()].find((r) => r.level === 'city');
  }
}

/** The server's bilingual message, or a network hint, for an error shown to the reader. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiRequestError) {
    if (err.status === 0) return tv('state.network');
    const m = getLang() === 'en' ? err.message_en : err.message_zh;
    return m || `HTTP ${err.status}`;
  }
  return err instanceof Error && err.message ? err.message : String(err);
}

/** An error card with a retry button (role=alert so a screen reader announces it). */
export function errorCard(title: string, err: unknown, retry: (() => void) | null): HTMLElement {
  const card = el('div', 'dash-error');
  card.setAttribute('role', 'alert');
  card.append(el('h2', undefined, title), el('p', undefined, errorMessage(err)));
  if (retry) {
    const b = el('button', 'button-primary', tv('state.retry'));
    b.type = 'button';
    b.addEventListener('click', retry);
    card.append(b);
  }
  return card;
}

export function loadingLine(text: string): HTMLElement {
  const p = el('p', 'dash-loading');
  p.setAttribute('role', 'status');
  const spin = el('span', 'dash-spinner');
  spin.setAttribute('aria-hidden', 'true');
  p.append(spin, el('span', undefined, text));
  return p;
}

export function emptyLine(text: string): HTMLElement {
  return el('p', 'dash-empty', text);
}
