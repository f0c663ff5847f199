import { createRoute, z } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { ApiError, notFound } from '../errors.ts';
import { commonErrors, ErrorSchema } from '../lib/errors-openapi.ts';
import { createRouter } from '../lib/router.ts';
import { planJobs } from './jobs.ts';
import { JobIdParam, JobStatus, MAX_BODY_BYTES, SuggestBody, SuggestResult } from './schema.ts';

const err = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });
const planErrors = {
  ...commonErrors,
  413: err('请求体或点数过大 / body or point count too large'),
  429: err('计算任务过多 / too many running suggestions'),
} as const;

const body = {
  content: { 'application/json': { schema: SuggestBody } },
  required: true,
  description: 'k, radius_m and optional region/hour/weight/keep_existing/candidates/demand/time_limit_ms',
};

const suggest = createRoute({
  method: 'post',
  path: '/plans/suggest',
  tags: ['plans'],
  summary: '新站点选址建议（最大覆盖选址）/ suggest new sites (Maximal Covering Location), certified gap',
  request: { body },
  responses: {
    200: { content: { 'application/json': { schema: SuggestResult } }, description: 'chosen sites, covered weight, proven upper bound, gap' },
    ...planErrors,
  },
});

const startRoute = createRoute({
  method: 'post',
  path: '/plans/jobs',
  tags: ['plans'],
  summary: '后台选址计算（可查询进度、可取消）/ start a suggestion job (progress, cancel)',
  request: { body },
  responses: {
    202: { content: { 'application/json': { schema: z.object({ job_id: z.string() }) } }, description: 'job started' },
    ...planErrors,
  },
});

const getRoute = createRoute({
  method: 'get',
  path: '/plans/jobs/{id}',
  tags: ['plans'],
  summary: '选址任务状态 / job status, progress and result (kept in memory a few minutes)',
  request: { params: JobIdParam },
  responses: {
    200: { content: { 'application/json': { schema: JobStatus } }, description: 'job' },
    ...planErrors,
  },
});

const cancelRoute = createRoute({
  method: 'delete',
  path: '/plans/jobs/{id}',
  tags: ['plans'],
  summary: '取消选址任务 / cancel a job (terminates its worker)',
  request: { params: JobIdParam },
  responses: {
    200: { content: { 'application/json': { schema: JobStatus } }, description: 'job after cancel' },
    ...planErrors,
  },
});

const jobNotFound = (id: string) => notFound(`选址任务 ${id}（任务只保存在内存中几分钟）`, `Job ${id} (jobs are kept in memory for a few minutes)`, { id });

const router = createRouter();
// Caller point sets may be tens of MB; anything bigger is refused before it is read into memory.
router.use(
  '/plans/*',
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError('payload_too_large', `请求体超过 ${MAX_BODY_BYTES / 1024 / 1024} MB`, `Request body exceeds ${MAX_BODY_BYTES / 1024 / 1024} MB`);
    },
  }),
);

// @hono/zod-openapi answers a wrong media type with an HTTPException 415 that the app's error mapping does not
// know (it would become a 500); refuse it here in the one error shape instead.
router.use('/plans/*', async (c, next) => {
  if (c.req.method === 'POST' && !/^application\/json\s*(;|$)/i.test(c.req.header('content-type') ?? '')) {
    throw new ApiError(
      'bad_request',
      '请求体应为 JSON（Content-Type: application/json）',
      'Request body must be JSON (Content-Type: application/json)',
      { content_type: c.req.header('content-type') ?? null },
    );
  }
  await next();
});

export const plansRouter = router
  .openapi(suggest, async (c) => {
    const result = await planJobs.run(c.var.db, c.req.valid('json'));
    return c.json(result, 200);
  })
  .openapi(startRoute, async (c) => {
    const job = await planJobs.start(c.var.db, c.req.valid('json'));
    return c.json({ job_id: job.id }, 202);
  })
  .openapi(getRoute, (c) => {
    const { id } = c.req.valid('param');
    const s = planJobs.get(id);
    if (!s) throw jobNotFound(id);
    return c.json(s, 200);
  })
  .openapi(cancelRoute, (c) => {
    const { id } = c.req.valid('param');
    const s = planJobs.cancel(id);
    if (!s) throw jobNotFound(id);
    return c.json(s, 200);
  });
