import { formatNumber, getLang } from '../i18n/index.ts';
import { ApiRequestError } from '../api-client.ts';

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
  return e;
}

export function button(text: string, onClick: () => void, cls = 'plan-button', attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', class: cls, ...attrs }, text);
  b.addEventListener('click', onClick);
  return b;
}

/** 0.3882 → "38.8%"; null (no demand) → "—". */
export function pct(ratio: number | null | undefined, digits = 1): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return '—';
  return `${(ratio * 100).toFixed(digits)}%`;
}

/** Demand weights are people (or rider-activity counts): whole numbers in the reader's grouping. */
export function num(n: number): string {
  return formatNumber(Math.round(n), getLang());
}

export function km(m: number | null): string {
  return m === null ? '—' : (m / 1000).toFixed(1);
}

/** Run `fn` once `ms` after the last call (slider drags fire dozens of inputs a second). */
export function debounce<A extends unknown[]>(fn: (...a: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = (...a: A) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn(...a);
    }, ms);
  };
  run.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return run;
}

/** The server's message in the reader's language, or the network/generic text. */
export function errorText(err: unknown, network: string): string {
  if (err instanceof ApiRequestError) {
    if (err.status === 0) return network;
    return (getLang() === 'en' ? err.message_en : err.message_zh) || `HTTP ${err.status}`;
  }
  return err instanceof Error && err.message ? err.message : String(err);
}

/**
 * Replace a panel's content without dropping keyboard focus: the focused control is found again in the new
 * content by its id, data-testid or data-key, so re-rendering after a click or a progress tick keeps the user's place.
 */
export function replaceKeepingFocus(container: HTMLElement, nodes: Node[]): void {
  const a = document.activeElement;
  let key: string | null = null;
  if (a instanceof HTMLElement && container.contains(a)) key = a.id || a.dataset.testid || a.dataset.key || null;
  container.replaceChildren(...nodes);
  if (!key) return;
  const q = CSS.escape(key);
  const again = container.querySelector<HTMLElement>(`#${q}, [data-testid="${q}"], [data-key="${q}"]`);
  again?.focus();
}
