import { keysetPage } from '../lib/paging.ts';
import { createRoute, z } from '@hono/zod-openapi';
import type { Queryable } from '../db/index.ts';
import { notFound } from '../errors.ts';
import { escapeLike } from '../facilities/queries.ts';
import { bi } from '../lib/bilingual.ts';
import { commonErrors, ErrorSchema } from '../lib/errors-openapi.ts';
import { featureCollection, parseGeom, PointSchema } from '../lib/geojson.ts';
import { CursorParam, encodeCursor, intParam } from '../lib/params.ts';
import { createRouter } from '../lib/router.ts';
import { SqlBuilder } from '../lib/sql.ts';
import { resolveRegion } from '../regions/queries.ts';
import { RegionCode } from '../regions/schema.ts';
import { hasDemoData } from '../stats/queries.ts';
import { loginRequired } from '../unions/routes.ts';

/**
 * Public fields of an enterprise. Deliberately absent (logged-in roles only, see docs/ARCHITECTURE.md "Public and
 * restricted fields"): unionized, own_union_on, has_workers_congress, open_affairs, collective_contract.
 * 产改试点 and 技高者多得 are published programmes, so those flags are public.
 */
const EnterpriseProps = z
  .object({
    id: z.number().int(),
    credit_code: z.string(),
    name: z.string(),
    industry: z.string(),
    region_code: z.string(),
    region_name: z.string(),
    county_code: z.string().nullable(),
    zone_id: z.number().int().nullable(),
    zone_name: z.string().nullable(),
    employees: z.number().int(),
    non_public: z.boolean(),
    reform_pilot: z.boolean(),
    skill_pay: z.boolean(),
    skill_pay_workers: z.number().int(),
    demo: z.boolean(),
  })
  .openapi('EnterpriseProperties');

const EnterpriseCollection = featureCollection('Enterprise', EnterpriseProps, PointSchema);

const bool = (what_zh: string, what_en: string) =>
  z.enum(['true', 'false'], { message: bi(`${what_zh}应为 true 或 false`, `${what_en} must be true or false`) })
    .transform((s) => s === 'true');

const EnterprisesQuery = z.object({
  region: RegionCode.optional(),
  zone: intParam(1, 1e12, '园区/商圈编号 zone ', 'zone id').optional(),
  unionized: bool('unionized ', 'unionized').optional()
    .openapi({ type: 'string', enum: ['true', 'false'], description: 'needs a login: 403 until the admin issue brings one' }),
  reform_pilot: bool('reform_pilot ', 'reform_pilot').optional().openapi({ type: 'string', enum: ['true', 'false'] }),
  skill_pay: bool('skill_pay ', 'skill_pay').optional().openapi({ type: 'string', enum: ['true', 'false'] }),
  q: z.string().trim().min(1).max(50, bi('搜索词最多 50 个字符', 'search text is at most 50 characters')).optional()
    .openapi({ description: 'name or credit code contains' }),
  limit: intParam(1, 5000, 'limit ', 'limit').optional().openapi({ description: 'page size, default 1000' }),
  cursor: CursorParam.optional(),
});

type EnterpriseRow = z.infer<typeof EnterpriseProps> & { geom: string };

async function listEnterprises(
  q: Queryable,
  f: { region?: string; zone?: number; reform_pilot?: boolean; skill_pay?: boolean; q?: string; afterId?: number; limit: number },
) {
  const b = new SqlBuilder();
  if (f.region) b.where(`e.region_code in (select code from region_towns(${b.param(f.region)}))`);
  if (f.zone !== undefined) b.where(`e.zone_id = ${b.param(f.zone)}`);
  if (f.reform_pilot !== undefined) b.where(`e.reform_pilot = ${b.param(f.reform_pilot)}`);
  if (f.skill_pay !== undefined) b.where(`e.skill_pay = ${b.param(f.skill_pay)}`);
  if (f.q) b.where(`(e.name ilike ${b.param(`%${escapeLike(f.q)}%`)} or e.credit_code ilike $${b.params.length})`);
  if (f.afterId !== undefined) b.where(`e.id > ${b.param(f.afterId)}`);
  const limit = b.param(f.limit + 1);
  const rows = await q.query<EnterpriseRow>(
    `select e.id, e.credit_code, e.name, e.industry, e.region_code, t.name as region_name, t.parent_code as county_code,
            e.zone_id, z.name as zone_name, e.employees, e.non_public, e.reform_pilot, e.skill_pay, e.skill_pay_workers,
            e.demo, ST_AsGeoJSON(e.geom, 6) as geom
       from live_enterprises e
       join regions t on t.code = e.region_code
       left join live_zones z on z.id = e.zone_id
       ${b.whereClause()}
      order by e.id limit ${limit}`,
    b.params,
  );
  const { page, lastId } = keysetPage(rows, f.limit);
  return {
    features: page.map(({ geom, ...p }) => ({
      type: 'Feature' as const, id: p.id, geometry: parseGeom(geom) as z.infer<typeof PointSchema> | null, properties: p,
    })),
    lastId,
  };
}

const list = createRoute({
  method: 'get',
  path: '/enterprises',
  tags: ['enterprises'],
  summary: '企业 / enterprises (GeoJSON, public fields only, cursor pagination); unionized= needs a login',
  request: { query: EnterprisesQuery },
  responses: {
    200: { content: { 'application/json': { schema: EnterpriseCollection } }, description: 'GeoJSON FeatureCollection' },
    403: { content: { 'application/json': { schema: ErrorSchema } }, description: '需要登录 / login required' },
    ...commonErrors,
  },
});

/**
 * Zone aggregates are public, but an aggregate over very few enterprises is an individual's status in disguise
 * (1 of 1 unionized): below this many enterprises the union figures are withheld (null).
 */
export const MIN_ENTERPRISES_FOR_AGGREGATE = 5;

export const ZONE_KINDS = ['park', 'business_district'] as const;

const ZoneProps = z
  .object({
    id: z.number().int(),
    kind: z.enum(ZONE_KINDS),
    name: z.string(),
    region_code: z.string(),
    region_name: z.string(),
    enterprises: z.number().int(),
    employees: z.number().int(),
    unionized: z.number().int().nullable(),
    unionization_rate: z.number().nullable()
      .openapi({ description: `null when the zone has fewer than ${MIN_ENTERPRISES_FOR_AGGREGATE} enterprises` }),
  })
  .openapi('ZoneProperties');

const ZonesQuery = z.object({
  kind: z.enum(ZONE_KINDS, { message: bi('kind 应为 park 或 business_district', 'kind must be park or business_district') }).optional(),
  region: RegionCode.optional(),
});

const zones = createRoute({
  method: 'get',
  path: '/zones',
  tags: ['enterprises'],
  summary: '园区与商圈 / parks and business districts with their unionization rate (aggregates; GeoJSON polygons)',
  request: { query: ZonesQuery },
  responses: {
    200: {
      content: { 'application/json': { schema: featureCollection('Zone', ZoneProps).extend({ demo: z.boolean() }) } },
      description: 'GeoJSON FeatureCollection',
    },
    ...commonErrors,
  },
});

type ZoneRow = z.infer<typeof ZoneProps> & { geom: string };

export const enterprisesRouter = createRouter()
  .openapi(list, async (c) => {
    const p = c.req.valid('query');
    const db = c.var.db;
    if (p.unionized !== undefined) {
      // refused whatever the value: a filtered list is the individual status in another form
      throw loginRequired('按建会状态筛选企业', 'Filtering enterprises by union status', { param: 'unionized' });
    }
    if (p.region) await resolveRegion(db, p.region);
    if (p.zone !== undefined) {
      const [z1] = await db.query('select 1 from live_zones where id = $1', [p.zone]);
      if (!z1) throw notFound(`园区/商圈 ${p.zone}`, `Zone ${p.zone}`, { param: 'zone', id: p.zone });
    }
    const limit = p.limit ?? 1000;
    const { features, lastId } = await listEnterprises(db, {
      region: p.region, zone: p.zone, reform_pilot: p.reform_pilot, skill_pay: p.skill_pay, q: p.q, afterId: p.cursor, limit,
    });
    return c.json(
      { type: 'FeatureCollection' as const, features, numberReturned: features.length, next_cursor: lastId === null ? null : encodeCursor(lastId) },
      200,
    );
  })
  .openapi(zones, async (c) => {
    const p = c.req.valid('query');
    const db = c.var.db;
    if (p.region) await resolveRegion(db, p.region);
    const rows = await db.query<ZoneRow>(
      `select z.id, z.kind, z.name, z.region_code, t.name as region_name,
              count(e.id)::int as enterprises, coalesce(sum(e.employees), 0)::int as employees,
              count(e.id) filter (where e.unionized)::int as unionized,
              ST_AsGeoJSON(z.geom, 6) as geom
         from live_zones z
         join regions t on t.code = z.region_code
         left join live_enterprises e on e.zone_id = z.id
        where ($1::text is null or z.kind = $1)
          and ($2::text is null or z.region_code in (select code from region_towns($2)))
        group by z.id, z.kind, z.name, z.region_code, t.name, z.geom
        order by z.id`,
      [p.kind ?? null, p.region ?? null],
    );
    const features = rows.map(({ geom, ...z1 }) => {
      const shown = z1.enterprises >= MIN_ENTERPRISES_FOR_AGGREGATE;
      return {
        type: 'Feature' as const,
        id: z1.id,
        geometry: parseGeom(geom),
        properties: {
          ...z1,
          unionized: shown ? z1.unionized : null,
          unionization_rate: shown ? (z1.unionized ?? 0) / z1.enterprises : null,
        },
      };
    });
    return c.json({ type: 'FeatureCollection' as const, features, numberReturned: features.length, demo: await hasDemoData(db) }, 200);
  });
