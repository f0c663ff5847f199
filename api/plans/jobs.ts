import { randomUUID } from 'node:crypto';
import type { z } from '@hono/zod-openapi';
import type { Db } from '../db/index.ts';
import { ApiError } from '../errors.ts';
import { JobCancelledError, startJob, type JobProgress } from '../jobs/runner.ts';
import type { JobInput } from './job-input.ts';
import { kTooLarge, prepare } from './prepare.ts';
import type { JobOutput } from './run.ts';
import type { JobStatus, SuggestBodyT, SuggestResultT } from './schema.ts';

/**
 * Suggestion jobs. Each runs in its own worker thread (api/jobs/runner.ts). The job table lives in this
 * process's memory: single-process only, lost on restart, finished jobs kept for KEEP_MS. With two cores, at
 * most MAX_RUNNING optimisations run at once; more get 429.
 */
export const KEEP_MS = 5 * 60_000;
export const MAX_RUNNING = 2;
const JOB_MODULE = new URL('./suggest-job.ts', import.meta.url);

type Status = z.infer<typeof JobStatus>;

interface Job {
  id: string;
  status: Status['status'];
  progress: JobProgress;
  result?: SuggestResultT;
  error?: ApiError;
  finishedAt?: number;
  cancel: () => void;
  done: Promise<void>;
}

function toResponse(input: JobInput, out: JobOutput, started: number): SuggestResultT {
  if (out.error) throw kTooLarge(input.k, out.error.candidates);
  const r = out.result;
  const c = input.candidates;
  const site = (j: number) => {
    if (j < c.ids.length) return { id: c.ids[j], lng: c.lng[j], lat: c.lat[j], name: c.names[j], kind: c.kinds[j] };
    const e = out.extra[j - c.ids.length];
    return { id: e.id, lng: e.lng, lat: e.lat, name: undefined, kind: 'h3_cell' as const };
  };
  const selected_sites = r.order.map((j, q) => {
    const s = site(j);
    return {
      id: s.id, lng: round6(s.lng), lat: round6(s.lat), ...(s.name !== undefined ? { name: s.name } : {}), kind: s.kind,
      added_weight: r.added[q],
    };
  });
  const method = r.optimal && r.bound_method === 'mip' ? 'mip-optimal' : `${r.solution_method}/${r.bound_method}`;
  return {
    selected: selected_sites.map((s) => s.id),
    selected_sites,
    covered_weight: r.covered_weight,
    total_weight: r.total_weight,
    baseline_weight: r.baseline_weight,
    upper_bound: r.upper_bound,
    gap: r.gap,
    optimal: r.optimal,
    method,
    greedy_weight: r.greedy_weight,
    elapsed_ms: Date.now() - started,
    candidates_count: c.ids.length + out.extra.length,
    demand_count: input.demand_count,
    timings_ms: r.timings_ms,
  };
}

const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export class PlanJobs {
  private readonly jobs = new Map<string, Job>();

  private running(): number {
    let n = 0;
    for (const j of this.jobs.values()) if (j.status === 'running') n++;
    return n;
  }

  private sweep() {
    const now = Date.now();
    for (const [id, j] of this.jobs) if (j.finishedAt && now - j.finishedAt > KEEP_MS) this.jobs.delete(id);
  }

  /** Validate and load (errors surface to the caller as 4xx), then optimise in a worker. */
  async start(db: Db, body: SuggestBodyT): Promise<Job> {
    this.sweep();
    if (this.running() >= MAX_RUNNING) {
      throw new ApiError('rate_limited', `已有 ${MAX_RUNNING} 个选址计算在运行，请稍后再试`, `${MAX_RUNNING} suggestions are already running; retry shortly`);
    }
    const started = Date.now();
    const id = randomUUID();
    const job: Job = { id, status: 'running', progress: { done: 0, total: 100, message: 'loading' }, cancel: () => {}, done: Promise.resolve() };
    this.jobs.set(id, job);
    let input: JobInput;
    try {
      input = await prepare(db, body);
    } catch (err) {
      this.jobs.delete(id);
      throw err;
    }
    if (job.status === 'cancelled') return job;
    // generous hard stop: the solver keeps its own time limit; this only catches a stuck worker
    const handle = startJob<JobInput, JobOutput>(JOB_MODULE, input, {
      timeout_ms: input.time_limit_ms + 120_000,
      onProgress: (p) => { job.progress = p; },
    });
    job.cancel = () => handle.cancel('cancelled by user');
    job.done = handle.result.then(
      (out) => {
        try {
          job.result = toResponse(input, out, started);
          job.status = 'done';
          job.progress = { done: 100, total: 100, message: 'done' };
        } catch (err) {
          job.status = 'failed';
          job.error = err instanceof ApiError ? err : new ApiError('internal', '选址计算失败', 'Suggestion failed');
        }
      },
      (err: Error) => {
        if (err instanceof JobCancelledError && job.status === 'cancelled') return;
        job.status = 'failed';
        job.error = new ApiError('internal', `选址计算失败：${err.message}`, `Suggestion failed: ${err.message}`);
      },
    ).finally(() => { job.finishedAt = Date.now(); });
    return job;
  }

  /** Run a job to the end and return its response (POST /plans/suggest). */
  async run(db: Db, body: SuggestBodyT): Promise<SuggestResultT> {
    const job = await this.start(db, body);
    await job.done;
    if (job.status === 'done') { this.jobs.delete(job.id); return job.result!; }
    this.jobs.delete(job.id);
    throw job.error ?? new ApiError('internal', '选址计算失败', 'Suggestion failed');
  }

  get(id: string): Status | undefined {
    this.sweep();
    const j = this.jobs.get(id);
    if (!j) return undefined;
    return {
      job_id: j.id,
      status: j.status,
      progress: j.progress,
      ...(j.result ? { result: j.result } : {}),
      ...(j.error ? { error: { code: j.error.code, message: j.error.message_zh, message_en: j.error.message_en } } : {}),
    };
  }

  cancel(id: string): Status | undefined {
    const j = this.jobs.get(id);
    if (!j) return undefined;
    if (j.status === 'running') {
      j.status = 'cancelled';
      j.finishedAt = Date.now();
      j.cancel();
    }
    return this.get(id);
  }
}

/** One table per process (see the class comment). */
export const planJobs = new PlanJobs();
