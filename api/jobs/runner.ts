import { Worker } from 'node:worker_threads';

/**
 * Long work (imports, optimisation) runs in a worker thread so the HTTP event loop stays responsive — PGlite and
 * every request share the main thread. A job reports progress; cancel = terminate the thread (a synchronous WASM
 * solver cannot be interrupted any other way).
 */
export interface JobProgress {
  done: number;
  total: number;
  message?: string;
}

export interface JobHandle<R> {
  readonly result: Promise<R>;
  readonly progress: JobProgress;
  cancel(reason?: string): void;
}

export class JobCancelledError extends Error {}

type FromWorker<R> =
  | { kind: 'progress'; progress: JobProgress }
  | { kind: 'done'; result: R }
  | { kind: 'error'; message: string; stack?: string };

/** Worker modules are TypeScript: bootstrap.mjs registers tsx in the worker, then imports the module. */
const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

export function startJob<I, R>(
  moduleUrl: URL,
  input: I,
  opts: { onProgress?: (p: JobProgress) => void; timeout_ms?: number } = {},
): JobHandle<R> {
  const worker = new Worker(BOOTSTRAP, { workerData: { module: moduleUrl.href, input } });
  const state: { progress: JobProgress } = { progress: { done: 0, total: 0 } };
  let settle: { resolve: (r: R) => void; reject: (e: Error) => void };
  const result = new Promise<R>((resolve, reject) => {
    settle = { resolve, reject };
  });
  let finished = false;
  const finish = (fn: () => void) => {
    if (finished) return;
    finished = true;
    if (timer) clearTimeout(timer);
    fn();
  };
  const cancel = (reason = 'cancelled') => {
    finish(() => settle.reject(new JobCancelledError(reason)));
    void worker.terminate();
  };
  const timer = opts.timeout_ms ? setTimeout(() => cancel(`timed out after ${opts.timeout_ms} ms`), opts.timeout_ms) : null;
  worker.on('message', (m: FromWorker<R>) => {
    if (m.kind === 'progress') {
      state.progress = m.progress;
      opts.onProgress?.(m.progress);
    } else if (m.kind === 'done') {
      finish(() => settle.resolve(m.result));
      void worker.terminate();
    } else {
      const err = new Error(m.message);
      if (m.stack) err.stack = m.stack;
      finish(() => settle.reject(err));
      void worker.terminate();
    }
  });
  worker.on('error', (err) => finish(() => settle.reject(err)));
  worker.on('exit', (code) => finish(() => settle.reject(new Error(`job worker exited with code ${code}`))));
  return {
    result,
    get progress() {
      return state.progress;
    },
    cancel,
  };
}
