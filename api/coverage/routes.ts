import { createRoute } from '@hono/zod-openapi';
import { commonErrors } from '../lib/errors-openapi.ts';
import { createRouter } from '../lib/router.ts';
import { capacity, coverageCells, coverageSummary, gaps, isDemo, resolveCoverageParams, withoutJit } from './queries.ts';
import {
  CapacityQuery, CapacityResult, CellsQuery, CellsResult, CoverageQuery, CoverageResult, GapsQuery, GapsResult,
} from './schema.ts';

const json = <T,>(schema: T, description: string) => ({ content: { 'application/json': { schema } }, description });

const coverage = createRoute({
  method: 'get',
  path: '/coverage',
  tags: ['coverage'],
  summary: '覆盖率 / share of demand within reach of an open facility, overall and per child region',
  request: { query: CoverageQuery },
  responses: { 200: json(CoverageResult, 'coverage'), ...commonErrors },
});

const gapsRoute = createRoute({
  method: 'get',
  path: '/gaps',
  tags: ['coverage'],
  summary: '覆盖盲区 / heaviest uncovered cells and merged gap areas',
  request: { query: GapsQuery },
  responses: { 200: json(GapsResult, 'gaps'), ...commonErrors },
});

const cells = createRoute({
  method: 'get',
  path: '/coverage/cells',
  tags: ['coverage'],
  summary: '需求网格 / demand cells with covered flags, compact parallel arrays for H3HexagonLayer',
  request: { query: CellsQuery },
  responses: { 200: json(CellsResult, 'cells'), ...commonErrors },
});

const capacityRoute = createRoute({
  method: 'get',
  path: '/coverage/capacity',
  tags: ['coverage'],
  summary: '承载压力 / demand per unit of capacity in each catchment',
  request: { query: CapacityQuery },
  responses: { 200: json(CapacityResult, 'capacity'), ...commonErrors },
});

export const coverageRouter = createRouter()
  .openapi(coverage, async (c) => {
    const t0 = performance.now();
    const db = c.var.db;
    const p = await resolveCoverageParams(db, c.req.valid('query'));
    const [body, demo] = await Promise.all([withoutJit(db, (q) => coverageSummary(q, p)), isDemo(db)]);
    return c.json({ ...body, demo, elapsed_ms: Math.round(performance.now() - t0) }, 200);
  })
  .openapi(gapsRoute, async (c) => {
    const t0 = performance.now();
    const db = c.var.db;
    const q = c.req.valid('query');
    const p = await resolveCoverageParams(db, q);
    const [body, demo] = await Promise.all([withoutJit(db, (tx) => gaps(tx, p, q.limit ?? 20)), isDemo(db)]);
    return c.json({ ...body, demo, elapsed_ms: Math.round(performance.now() - t0) }, 200);
  })
  .openapi(cells, async (c) => {
    const db = c.var.db;
    const q = c.req.valid('query');
    const p = await resolveCoverageParams(db, q);
    const [body, demo] = await Promise.all([withoutJit(db, (tx) => coverageCells(tx, p, q.res ?? 9)), isDemo(db)]);
    return c.json({ ...body, demo }, 200);
  })
  .openapi(capacityRoute, async (c) => {
    const t0 = performance.now();
    const db = c.var.db;
    const p = await resolveCoverageParams(db, c.req.valid('query'));
    const [body, demo] = await Promise.all([withoutJit(db, (q) => capacity(q, p)), isDemo(db)]);
    return c.json({ ...body, demo, elapsed_ms: Math.round(performance.now() - t0) }, 200);
  });
