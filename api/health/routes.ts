import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors } from '../lib/errors-openapi.ts';
import { createRouter } from '../lib/router.ts';

const HealthSchema = z
  .object({
    ok: z.literal(true),
    db: z.enum(['pglite', 'postgres']),
    postgres: z.string(),
    postgis: z.string(),
    mvt: z.boolean(),
  })
  .openapi('Health');

const health = createRoute({
  method: 'get',
  path: '/health',
  tags: ['health'],
  summary: '健康检查 / liveness and database status',
  responses: {
    200: { content: { 'application/json': { schema: HealthSchema } }, description: 'database reachable' },
    503: commonErrors[503],
  },
});

export const healthRouter = createRouter().openapi(health, async (c) => {
  const db = c.var.db;
  await db.ping(); // throws DbUnavailableError → 503
  c.header('Cache-Control', 'no-store');
  return c.json(
    { ok: true as const, db: db.caps.driver, postgres: db.caps.postgres_version, postgis: db.caps.postgis_version, mvt: db.caps.mvt },
    200,
  );
});
