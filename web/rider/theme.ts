/**
 * Day / night theme for the rider view. Follows the phone's prefers-color-scheme until the rider taps the
 * toggle; the choice is then remembered. The theme is an attribute on <html> so the shared header follows too.
 */
export type Theme = 'light' | 'dark';

const KEY = 'zgfw.theme';
const DARK = '(prefers-color-scheme: dark)';

function stored(): Theme | null {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'dark' || v === 'light' ? v : null;
  } catch {
    return null;
  }
}

export function startTheme(onChange: (t: Theme) => void): { toggle(): void; current(): Theme; stop(): void } {
  const mq = typeof matchMedia === 'function' ? matchMedia(DARK) : null;
  let choice = stored();
  const resolve = (): Theme => choice ?? (mq?.matches ? 'dark' : 'light');
  const apply = () => {
    const t = resolve();
    document.documentElement.dataset.theme = t;
    onChange(t);
  };
  const onSystem = () => {
    if (!choice) apply();
  };
  // addListener: Safari before 14 (still inside some WeChat installs) has no addEventListener on MediaQueryList
  if (mq?.addEventListener) mq.addEventListener('change', onSystem);
  else mq?.addListener?.(onSystem);
  apply();
  return {
    toggle() {
      choice = resolve() === 'dark' ? 'light' : 'dark';
      try {
        localStorage.setItem(KEY, choice);
      } catch {
        // applies for this visit only
      }
      apply();
    },
    current: resolve,
    stop() {
      if (mq?.removeEventListener) mq.removeEventListener('change', onSystem);
      else mq?.removeListener?.(onSystem);
      delete document.documentElement.dataset.theme;
    },
  };
}
