import { createRoute, z } from '@hono/zod-openapi';
import { commonErrors } from '../lib/errors-openapi.ts';
import { createRouter } from '../lib/router.ts';
import { resolveRegion } from '../regions/queries.ts';
import { RegionCode } from '../regions/schema.ts';
import { buildKpis } from './kpis.ts';
import { summaryRow } from './queries.ts';

const KpiSchema = z
  .object({
    id: z.string(), label: z.string(), label_en: z.string(), value: z.number(), unit: z.string(),
    reference: z.number().nullable(), comparator: z.enum(['at_least', 'equal']).nullable(), ratio: z.number().nullable(),
  })
  .openapi('Kpi');

const SummarySchema = z
  .object({
    region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    radius_m: z.number(),
    demo: z.boolean(),
    kpis: z.array(KpiSchema),
  })
  .openapi('Summary');

const summary = createRoute({
  method: 'get',
  path: '/stats/summary',
  tags: ['stats'],
  summary: '关键指标 / KPIs of a region, computed from rows, with the report’s reference figures',
  request: { query: z.object({ region: RegionCode.default('320900') }) },
  responses: {
    200: { content: { 'application/json': { schema: SummarySchema } }, description: 'KPIs' },
    ...commonErrors,
  },
});

export const statsRouter = createRouter().openapi(summary, async (c) => {
  const { region } = c.req.valid('query');
  const db = c.var.db;
  const r = await resolveRegion(db, region);
  const radius_m = 1000;
  const row = await summaryRow(db, r.code, radius_m);
  const [{ demo }] = await db.query<{ demo: boolean }>('select exists (select 1 from facilities where demo) as demo');
  return c.json({ region: { code: r.code, name: r.name, level: r.level }, radius_m, demo, kpis: buildKpis(row, r.level) }, 200);
});
