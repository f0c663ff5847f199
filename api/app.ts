import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Config } from './config.ts';
import type { Db } from './db/index.ts';
import { isUnavailable } from './db/unavailable.ts';
import { ApiError } from './errors.ts';
import { facilitiesRouter } from './facilities/routes.ts';
import { healthRouter } from './health/routes.ts';
import { docsPage } from './lib/docs-page.ts';
import type { AppEnv, Deps } from './lib/env.ts';
import { regionsRouter } from './regions/routes.ts';
import { statsRouter } from './stats/routes.ts';
import { leadersRouter } from './grids/leaders-router.ts';
import { coverageApi } from './coverage/index.ts';
import { plansRouter } from './plans/routes.ts';
import { nearbyRouter } from './nearby/routes.ts';
import { reportsRouter } from './reports/routes.ts';

/** Paths the web app handles itself (one SPA; each view loads its own code on demand). */
const VIEW_PATHS = ['/', '/map', '/plan', '/dashboard', '/admin'];

function errorResponse(c: Context, err: ApiError) {
  return c.json(err.toBody(), err.status);
}

/** Map anything thrown to the one error shape: ApiError as is, DB down → 503, the rest → logged 500. */
export function toApiError(err: unknown, log: (msg: string, err: unknown) => void): ApiError {
  if (err instanceof ApiError) return err;
  if (isUnavailable(err)) {
    return new ApiError('db_unavailable', '数据库暂时不可用，请稍后重试', 'Database temporarily unavailable, retry shortly');
  }
  if (err instanceof HTTPException) {
    if (err.status === 413) return new ApiError('payload_too_large', '请求体过大', 'Request body too large');
    if (err.status === 400) return new ApiError('bad_request', `请求格式错误：${err.message}`, `Malformed request: ${err.message}`);
    // The JSON-body validator answers a wrong Content-Type with 415; one error shape, so it is a 400 here.
    if (err.status === 415) {
      return new ApiError('bad_request', '请求体应为 JSON（Content-Type: application/json）', 'Request body must be JSON (Content-Type: application/json)');
    }
  }
  // A data error from PostgreSQL caused by request input that slipped past validation (22xxx data exception,
  // 23xxx integrity violation) is the client's problem, not a crash: answer 400 and log it for a fix.
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && /^2[23][0-9A-Z]{3}$/.test(code)) {
    log('data error reached the database', err);
    return new ApiError('bad_request', '请求数据无效', 'Invalid request data', { sqlstate: code });
  }
  log('unhandled error', err);
  return new ApiError('internal', '服务器内部错误', 'Internal server error');
}

export function createApp(deps: Deps) {
  const { config } = deps;
  const log = (msg: string, err: unknown) => {
    if (config.LOG_LEVEL !== 'silent') console.error(`[api] ${msg}:`, err);
  };
  const app = new OpenAPIHono<AppEnv>();

  app.use('*', async (c, next) => {
    c.set('db', deps.db);
    c.set('config', deps.config);
    await next();
  });

  app.onError((err, c) => errorResponse(c, toApiError(err, log)));

  const api = app
    .route('/api', healthRouter)
    .route('/api', regionsRouter)
    // before facilities: its /facilities/{id} would otherwise take "nearby" as an id and answer 400
    .route('/api', nearbyRouter)
    .route('/api', facilitiesRouter)
    .route('/api', statsRouter)
    .route('/api', leadersRouter)
    .route('/api', plansRouter)
    .route('/api', coverageApi)
    .route('/api', reportsRouter);

  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: '职工服务阵地网络 API',
      version: '0.1.0',
      description: 'Yancheng union service-site network. Coordinates WGS84 (lng, lat). Errors: {error:{code,message,message_en,details}}.',
    },
  });
  app.get('/docs', (c) => c.html(docsPage()));

  app.get('/favicon.ico', (c) => c.redirect('/favicon.svg', 301));

  app.notFound((c) => {
    const path = c.req.path;
    return errorResponse(c, new ApiError('not_found', `没有这个地址：${path}`, `No such path: ${path}`, { path }));
  });

  if (config.WEB_DIST) mountWeb(app, resolve(config.WEB_DIST));
  return api;
}

/** Serve the built web app (vite build → dist/) on the same port; view paths get index.html. */
function mountWeb(app: OpenAPIHono<AppEnv>, dist: string) {
  const index = join(dist, 'index.html');
  app.use('/assets/*', serveStatic({ root: dist }));
  app.use('/favicon.svg', serveStatic({ root: dist }));
  app.get('*', async (c, next) => {
    const path = c.req.path;
    const view = VIEW_PATHS.includes(path);
    // Unknown non-API pages a browser asks for get the app's own 404 page (status 404); API clients get JSON.
    const browserPage = !view && !path.startsWith('/api/') && (c.req.header('accept') ?? '').includes('text/html');
    if (!view && !browserPage) return next();
    if (!existsSync(index)) {
      return c.text('Web app not built yet: run `npm run build` (npm start does it for you).', 503);
    }
    c.header('Cache-Control', 'no-cache');
    return c.html(await readFile(index, 'utf8'), view ? 200 : 404);
  });
}

export type AppType = ReturnType<typeof createApp>;
export type { Config, Db };
