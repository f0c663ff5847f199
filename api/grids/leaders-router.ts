import { enterprisesRouter } from '../enterprises/routes.ts';
import { createRouter } from '../lib/router.ts';
import { unionsRouter } from '../unions/routes.ts';
import { gridsRouter } from './routes.ts';

/**
 * The leaders' part of the API (grids, unions, enterprises and zones) mounted as one router, so app.ts needs one
 * line for it.
 */
export const leadersRouter = createRouter().route('/', gridsRouter).route('/', unionsRouter).route('/', enterprisesRouter);
