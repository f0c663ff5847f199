import { describe, expect, it } from 'vitest';
import { JobCancelledError, startJob, type JobProgress } from './runner.ts';

const BUSY = new URL('./fixtures/busy-job.ts', import.meta.url);

describe('job runner (worker_threads)', () => {
  it('returns the result and reports progress', async () => {
    const seen: JobProgress[] = [];
    const job = startJob<{ n: number }, { primes: number }>(BUSY, { n: 200_000 }, { onProgress: (p) => seen.push(p) });
    expect(await job.result).toEqual({ primes: 17984 });
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toMatchObject({ done: 200_000, total: 200_000 });
  });

  it('keeps the main event loop responsive while the job computes', async () => {
    const job = startJob<{ n: number }, { primes: number }>(BUSY, { n: 3_000_000 });
    // A 10 ms timer must keep firing while the worker is busy; on the main thread it would stall for seconds.
    let ticks = 0;
    const t = setInterval(() => ticks++, 10);
    await job.result;
    clearInterval(t);
    expect(ticks).toBeGreaterThan(5);
  });

  it('cancels by terminating the worker', async () => {
    const job = startJob(BUSY, { n: 50_000_000 });
    setTimeout(() => job.cancel('user pressed cancel'), 200);
    await expect(job.result).rejects.toBeInstanceOf(JobCancelledError);
  });

  it('propagates a failure from the job', async () => {
    const job = startJob(BUSY, { n: 10, fail: true });
    await expect(job.result).rejects.toThrow('fixture asked to fail');
  });

  it('times out', async () => {
    const job = startJob(BUSY, { n: 50_000_000 }, { timeout_ms: 300 });
    await expect(job.result).rejects.toThrow(/timed out/);
  });
});
