import { defineJob } from '../jobs/worker-side.ts';
import type { JobInput } from './job-input.ts';
import { runSuggest, type JobOutput } from './run.ts';

/** Worker thread entry: a synchronous WASM MIP must not run on the HTTP event loop. Cancel = terminate. */
defineJob<JobInput, JobOutput>((input, report) => runSuggest(input, (done, total, message) => report({ done, total, message })));
