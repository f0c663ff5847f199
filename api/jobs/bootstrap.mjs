// Worker entry: Node 20 cannot run TypeScript and ignores --import in worker execArgv, so register tsx's ESM
// hooks here, then load the job module (a .ts file) named by the parent.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.module);
