import { parentPort, workerData } from 'node:worker_threads';
import type { JobProgress } from './runner.ts';

/**
 * Inside a job worker: `defineJob(async (input, report) => result)`. Progress messages are throttled to at most
 * one per 100 ms so a tight loop cannot flood the main thread.
 */
export function defineJob<I, R>(fn: (input: I, report: (p: JobProgress) => void) => Promise<R> | R): void {
  if (!parentPort) throw new Error('defineJob must run inside a worker thread');
  const port = parentPort;
  let last = 0;
  const report = (progress: JobProgress) => {
    const now = Date.now();
    if (now - last < 100 && progress.done < progress.total) return;
    last = now;
    port.postMessage({ kind: 'progress', progress });
  };
  Promise.resolve()
    .then(() => fn((workerData as { input: I }).input, report))
    .then(
      (result) => port.postMessage({ kind: 'done', result }),
      (err: Error) => port.postMessage({ kind: 'error', message: err?.message ?? String(err), stack: err?.stack }),
    );
}
