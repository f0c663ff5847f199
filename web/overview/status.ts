import { ApiRequestError } from '../api-client.ts';
import { getLang, t } from '../i18n/index.ts';

/** Seconds before a retryable failure (503 while the database starts, a dropped connection) retries itself. */
const AUTO_RETRY_S = 5;

export type StatusState =
  | { kind: 'loading'; text: () => string }
  | { kind: 'error'; error: unknown; retry: (() => void) | null }
  | { kind: 'idle' };

/** The loading / error overlay over the map. Loading is a small pill; an error is a card with a retry button. */
export function createStatus() {
  const root = document.createElement('div');
  root.className = 'status';
  root.setAttribute('role', 'status');
  root.setAttribute('aria-live', 'polite');
  let state: StatusState = { kind: 'idle' };
  let timer: ReturnType<typeof setInterval> | null = null;
  let countdown = 0;

  const stopTimer = () => {
    if (timer) clearInterval(timer);
    timer = null;
  };

  function message(err: unknown): string {
    if (err instanceof ApiRequestError) {
      if (err.status === 0) return t('error.network');
      const m = getLang() === 'en' ? err.message_en : err.message_zh;
      return m || `HTTP ${err.status}`;
    }
    return err instanceof Error && err.message ? err.message : String(err);
  }

  function render() {
    root.replaceChildren();
    root.className = `status status-${state.kind}`;
    root.hidden = state.kind === 'idle';
    if (state.kind === 'loading') {
      const spin = document.createElement('span');
      spin.className = 'spinner';
      spin.setAttribute('aria-hidden', 'true');
      const text = document.createElement('span');
      text.textContent = state.text();
      root.append(spin, text);
    } else if (state.kind === 'error') {
      root.setAttribute('role', 'alert');
      const card = document.createElement('div');
      card.className = 'status-card panel';
      const h = document.createElement('h2');
      h.textContent = t('error.title');
      const p = document.createElement('p');
      p.textContent = message(state.error);
      card.append(h, p);
      const retry = state.retry;
      if (retry) {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'button-primary';
        b.textContent = t('error.retry');
        b.addEventListener('click', () => retry());
        card.append(b);
        if (timer) {
          const small = document.createElement('p');
          small.className = 'status-countdown';
          small.textContent = t('error.auto_retry', { s: countdown });
          card.append(small);
        }
      }
      root.append(card);
      return;
    }
    root.setAttribute('role', 'status');
  }

  return {
    element: root,
    set(next: StatusState) {
      stopTimer();
      state = next;
      if (next.kind === 'error' && next.retry && next.error instanceof ApiRequestError && next.error.retryable) {
        const retry = next.retry;
        countdown = AUTO_RETRY_S;
        timer = setInterval(() => {
          countdown -= 1;
          if (countdown <= 0) {
            stopTimer();
            retry();
          } else render();
        }, 1000);
      }
      render();
    },
    render,
    destroy() {
      stopTimer();
      root.remove();
    },
  };
}
