import { createRoute, z } from '@hono/zod-openapi';
import type { Db } from '../db/index.ts';
import { ApiError, badParam } from '../errors.ts';
import { bi } from '../lib/bilingual.ts';
import { commonErrors, ErrorSchema } from '../lib/errors-openapi.ts';
import { createRouter } from '../lib/router.ts';
import { resolveRegion, type RegionRef } from '../regions/queries.ts';
import { RegionCode } from '../regions/schema.ts';
import { buildKpis, kpiDef, KPI_DEFS, kpiValue } from './kpis.ts';
import { factsRows, hasDemoData, KPI_RADIUS_M, summaryRow, today } from './queries.ts';
import { snapshotMonth, trends, withoutJit } from './snapshots.ts';

const TrendPoint = z.object({ month: z.string().openapi({ example: '2025-06' }), value: z.number() });

const KpiSchema = z
  .object({
    id: z.string(), label: z.string(), label_en: z.string(), value: z.number(), unit: z.string(),
    reference: z.number().nullable(), comparator: z.enum(['at_least', 'equal']).nullable(), ratio: z.number().nullable(),
    numerator: z.number(), denominator: z.number().nullable(),
    trend: z.array(TrendPoint).openapi({ description: 'last 12 monthly snapshots up to this month, oldest first' }),
  })
  .openapi('Kpi');

const RegionBrief = z.object({ code: z.string(), name: z.string(), level: z.string() });

const SummarySchema = z
  .object({
    region: RegionBrief,
    radius_m: z.number(),
    as_of: z.string().openapi({ description: 'YYYY-MM-DD (Asia/Shanghai)' }),
    demo: z.boolean(),
    kpis: z.array(KpiSchema),
  })
  .openapi('Summary');

/** KPIs are defined for the city, a county-level unit or a town/street; a village has no rows of its own. */
async function statsRegion(db: Db, code: string, param = 'region'): Promise<RegionRef> {
  const r = await resolveRegion(db, code);
  if (r.level === 'village') {
    throw badParam(param, '统计只支持市、县（区）、乡镇（街道）级', 'statistics exist for the city, counties and towns only', { param, code });
  }
  return r;
}

const summary = createRoute({
  method: 'get',
  path: '/stats/summary',
  tags: ['stats'],
  summary: '关键指标 / KPIs of a region, computed from rows, with the report’s reference figures and monthly trend',
  request: { query: z.object({ region: RegionCode.default('320900') }) },
  responses: {
    200: { content: { 'application/json': { schema: SummarySchema } }, description: 'KPIs' },
    ...commonErrors,
  },
});

/** Choropleth metrics: every KPI meaningful per town, plus the short names the dashboard uses. */
const METRIC_ALIASES = { coverage: 'coverage_residents_1000m', coverage_new_form: 'coverage_new_form_1000m' } as const;
const METRICS = [
  ...Object.keys(METRIC_ALIASES),
  ...KPI_DEFS.filter((d) => d.town || d.id === 'new_form_members').map((d) => d.id),
] as [string, ...string[]];

const ByRegionQuery = z.object({
  level: z.enum(['county', 'town'], { message: bi('level 应为 county 或 town', 'level must be county or town') }),
  parent: RegionCode.optional().openapi({ description: 'county level: the city (default); town level: a county or the city (default)' }),
  metric: z
    .enum(METRICS, { message: bi(`未知指标；可选：${METRICS.join(', ')}`, `unknown metric; allowed: ${METRICS.join(', ')}`) })
    .default('coverage'),
});

const ValueSchema = z.object({ value: z.number(), numerator: z.number(), denominator: z.number().nullable() });

const ByRegionSchema = z
  .object({
    metric: z.string(),
    kpi: z.string().openapi({ description: 'the KPI id the metric stands for' }),
    label: z.string(),
    label_en: z.string(),
    unit: z.string(),
    additive: z.boolean().openapi({ description: 'numerators and denominators of the regions add up to the parent total' }),
    as_of: z.string(),
    demo: z.boolean(),
    parent: RegionBrief.extend(ValueSchema.shape),
    regions: z.array(z.object({ code: z.string(), name: z.string() }).extend(ValueSchema.shape)),
  })
  .openapi('ByRegion');

const byRegion = createRoute({
  method: 'get',
  path: '/stats/by-region',
  tags: ['stats'],
  summary: '分区指标 / one metric for every county or town (choropleth source)',
  request: { query: ByRegionQuery },
  responses: {
    200: { content: { 'application/json': { schema: ByRegionSchema } }, description: 'metric by region' },
    ...commonErrors,
  },
});

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const SnapshotBody = z.strictObject({
  month: z
    .string()
    .regex(MONTH, bi('month 应为 YYYY-MM', 'month must be YYYY-MM'))
    .optional()
    .openapi({ description: 'default: the current month (Asia/Shanghai)', example: '2025-12' }),
});

const snapshots = createRoute({
  method: 'post',
  path: '/stats/snapshots',
  tags: ['stats'],
  summary: '生成月度指标快照 / write every KPI of every region for one month into kpi_snapshots (idempotent)',
  request: { body: { content: { 'application/json': { schema: SnapshotBody } }, required: false } },
  responses: {
    200: {
      content: {
        'application/json': {
          schema: z.object({ month: z.string(), regions: z.number().int(), kpis: z.number().int(), rows_written: z.number().int() }),
        },
      },
      description: 'snapshot written',
    },
    ...commonErrors,
    429: { content: { 'application/json': { schema: ErrorSchema } }, description: '已有快照任务在运行 / a snapshot run is in progress' },
  },
});

/** One snapshot run per database at a time: a second caller gets 429 instead of doubling the load. */
const running = new WeakSet<Db>();

export const statsRouter = createRouter()
  .openapi(summary, async (c) => {
    const { region } = c.req.valid('query');
    const db = c.var.db;
    const r = await statsRegion(db, region);
    const radius_m = KPI_RADIUS_M;
    const row = await withoutJit(db, (q) => summaryRow(q, r.code, radius_m));
    const as_of = await today(db);
    const trend = await trends(db, r.code, as_of.slice(0, 7));
    const demo = await hasDemoData(db);
    const kpis = buildKpis(row, r.level).map((k) => ({ ...k, trend: trend.get(k.id) ?? [] }));
    return c.json({ region: { code: r.code, name: r.name, level: r.level }, radius_m, as_of, demo, kpis }, 200);
  })
  .openapi(byRegion, async (c) => {
    const p = c.req.valid('query');
    const db = c.var.db;
    const [city] = await db.query<{ code: string }>(`select code from regions where level = 'city' order by code limit 1`);
    const parent = await statsRegion(db, p.parent ?? city.code, 'parent');
    const ok = p.level === 'county' ? parent.level === 'city' : parent.level === 'city' || parent.level === 'county';
    if (!ok) {
      throw badParam('parent', `${p.level === 'county' ? '县级' : '乡镇级'}分区的上级应为${p.level === 'county' ? '市' : '市或县（区）'}`,
        `for level=${p.level} the parent must be ${p.level === 'county' ? 'the city' : 'the city or a county'}`, { param: 'parent', code: parent.code });
    }
    const kpi = (METRIC_ALIASES as Record<string, string>)[p.metric] ?? p.metric;
    const def = kpiDef(kpi)!;
    const as_of = await today(db);
    const rows = await withoutJit(db, (q) => factsRows(q, [as_of], KPI_RADIUS_M, parent.code));
    const top = rows.find((r) => r.region_code === parent.code)!;
    const regions = rows
      .filter((r) => r.level === p.level && r.region_code !== parent.code)
      .map((r) => ({ code: r.region_code, name: r.name, ...kpiValue(def, r) }));
    return c.json(
      {
        metric: p.metric, kpi, label: def.label, label_en: def.label_en, unit: def.unit, additive: def.additive, as_of,
        demo: await hasDemoData(db),
        parent: { code: parent.code, name: parent.name, level: parent.level, ...kpiValue(def, top) },
        regions,
      },
      200,
    );
  })
  .openapi(snapshots, async (c) => {
    const db = c.var.db;
    const body = c.req.valid('json') ?? {};
    const current = (await today(db)).slice(0, 7);
    const month = body.month ?? current;
    if (month > current) {
      throw badParam('month', `不能为未来月份（当前 ${current}）`, `must not be in the future (now ${current})`, { param: 'month', month });
    }
    if (month < '2000-01') throw badParam('month', '不能早于 2000-01', 'must not be before 2000-01', { param: 'month', month });
    if (running.has(db)) {
      throw new ApiError('rate_limited', '已有快照任务在运行，请稍后重试', 'A snapshot run is in progress; retry shortly');
    }
    running.add(db);
    try {
      const r = await snapshotMonth(db, month);
      return c.json({ month, regions: r.regions, kpis: KPI_DEFS.length, rows_written: r.rows_written }, 200);
    } finally {
      running.delete(db);
    }
  });
