import type { Queryable } from '../db/index.ts';

/**
 * Keeps the open_spans window (007) ahead of the clock: `open_spans_ensure` rolls it forward when it reaches
 * fewer than 10 days past today, at most one process at a time (an advisory try-lock inside). Called at start,
 * every CHECK_MS, and when a request found the window short; never awaited by a request.
 */
const CHECK_MS = 10 * 60_000;
/** a request-triggered check at most this often per process, so a burst of misses costs one refresh */
const RETRY_MS = 60_000;

const lastTry = new WeakMap<Queryable, number>();

export async function ensureOpenSpans(db: Queryable): Promise<boolean> {
  const [row] = await db.query<{ refreshed: boolean }>('select open_spans_ensure(now()) as refreshed');
  return row?.refreshed ?? false;
}

/** Fire-and-forget, throttled: for the request path. Failures only mean the rules keep answering. */
export function nudgeOpenSpans(db: Queryable, now = Date.now()): void {
  const last = lastTry.get(db) ?? 0;
  if (now - last < RETRY_MS) return;
  lastTry.set(db, now);
  ensureOpenSpans(db).catch(() => {});
}

/** Start the periodic check; returns a stop function. The timer never keeps the process alive. */
export function keepOpenSpans(db: Queryable, log: (line: string) => void): () => void {
  const run = () =>
    ensureOpenSpans(db).then(
      (refreshed) => {
        if (refreshed) log('营业时段窗口已更新 / opening-hours window rolled forward (open_spans)');
      },
      (err: Error) => log(`营业时段窗口更新失败，将按规则计算 / opening-hours window not refreshed, answering from rules: ${err.message}`),
    );
  void run();
  const timer = setInterval(run, CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
