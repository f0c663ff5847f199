import { createRouter } from '../lib/router.ts';
import { scenariosRouter } from '../scenarios/routes.ts';
import { coverageRouter } from './routes.ts';

/** Coverage, gaps, capacity and scenarios under one mount, so app.ts carries one line for this part. */
export const coverageApi = createRouter().route('/', coverageRouter).route('/', scenariosRouter);
