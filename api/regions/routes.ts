import { createRoute } from '@hono/zod-openapi';
import { commonErrors } from '../lib/errors-openapi.ts';
import { createRouter } from '../lib/router.ts';
import { listRegions, resolveRegion } from './queries.ts';
import { RegionCollection, RegionsQuery } from './schema.ts';

const list = createRoute({
  method: 'get',
  path: '/regions',
  tags: ['regions'],
  summary: '行政区划（市、县区、镇街、村居）/ administrative regions',
  request: { query: RegionsQuery },
  responses: {
    200: { content: { 'application/json': { schema: RegionCollection } }, description: 'GeoJSON FeatureCollection' },
    ...commonErrors,
  },
});

export const regionsRouter = createRouter().openapi(list, async (c) => {
  const { level, parent, geometry } = c.req.valid('query');
  const db = c.var.db;
  if (parent) await resolveRegion(db, parent);
  const features = await listRegions(db, { level, parent, geometry: geometry === 'true' });
  c.header('Cache-Control', 'public, max-age=300');
  return c.json({ type: 'FeatureCollection' as const, features, numberReturned: features.length }, 200);
});
