import { createRoute } from '@hono/zod-openapi';
import { commonErrors } from '../lib/errors-openapi.ts';
import { createRouter } from '../lib/router.ts';
import { resolveRegion } from '../regions/queries.ts';
import { hasDemoData } from '../stats/queries.ts';
import { withoutJit } from '../stats/snapshots.ts';
import { coBuildingGrids, GRID_SIMPLIFY_DEG, reachByTown } from './queries.ts';
import { CoBuildingQuery, GridCollection, ReachQuery, ReachSchema } from './schema.ts';

const coBuilding = createRoute({
  method: 'get',
  path: '/grids/co-building',
  tags: ['grids'],
  summary: '党建网格党工共建状态 / 党工共建 status of every party-building grid (GeoJSON, simplified polygons)',
  request: { query: CoBuildingQuery },
  responses: {
    200: { content: { 'application/json': { schema: GridCollection } }, description: 'GeoJSON FeatureCollection' },
    ...commonErrors,
  },
});

const reach = createRoute({
  method: 'get',
  path: '/grids/reach',
  tags: ['grids'],
  summary: '共建阵地覆盖 / reach of co-built sites per town: grids with all three, workers served, new-form workers reached',
  request: { query: ReachQuery },
  responses: {
    200: { content: { 'application/json': { schema: ReachSchema } }, description: 'per town + totals' },
    ...commonErrors,
  },
});

export const gridsRouter = createRouter()
  .openapi(coBuilding, async (c) => {
    const { region } = c.req.valid('query');
    const db = c.var.db;
    await resolveRegion(db, region);
    const features = await coBuildingGrids(db, region);
    const counts = { full: 0, partial: 0, none: 0 };
    for (const f of features) counts[f.properties.status]++;
    return c.json(
      {
        type: 'FeatureCollection' as const, features, numberReturned: features.length, counts,
        simplify_tolerance_deg: GRID_SIMPLIFY_DEG, demo: await hasDemoData(db),
      },
      200,
    );
  })
  .openapi(reach, async (c) => {
    const { region, radius_m } = c.req.valid('query');
    const db = c.var.db;
    const r = await resolveRegion(db, region);
    const { towns, totals } = await withoutJit(db, (q) => reachByTown(q, r.code, radius_m));
    return c.json(
      { region: { code: r.code, name: r.name, level: r.level }, radius_m, demo: await hasDemoData(db), towns, totals },
      200,
    );
  });
