import { demoCsv, generateDemo } from '../../data/demo/generate.ts';
import { defineJob } from '../jobs/worker-side.ts';

/** Generate the demo data in a worker thread: seconds of CPU that would otherwise stall the HTTP event loop. */
defineJob<{ seed?: number }, { tables: ReturnType<typeof demoCsv>; updates: ReturnType<typeof generateDemo>['updates'] }>(
  (input, report) => {
    report({ done: 0, total: 2, message: 'generating' });
    const data = generateDemo(input.seed === undefined ? {} : { seed: input.seed });
    report({ done: 1, total: 2, message: 'csv' });
    return { tables: demoCsv(data), updates: data.updates };
  },
);
