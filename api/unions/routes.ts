import { keysetPage } from '../lib/paging.ts';
import { createRoute, z } from '@hono/zod-openapi';
import type { Queryable } from '../db/index.ts';
import { ApiError } from '../errors.ts';
import { featureCollection, parseGeom, PointSchema } from '../lib/geojson.ts';
import { commonErrors, ErrorSchema } from '../lib/errors-openapi.ts';
import { CursorParam, csvEnum, encodeCursor, intParam } from '../lib/params.ts';
import { createRouter } from '../lib/router.ts';
import { resolveRegion } from '../regions/queries.ts';
import { RegionCode } from '../regions/schema.ts';
import { SqlBuilder } from '../lib/sql.ts';

export const UNION_KINDS = ['enterprise', 'industry_federation', 'regional_federation'] as const;
/** Without a login only these kinds are listed: an enterprise union's record IS that enterprise's union status. */
export const PUBLIC_UNION_KINDS = ['industry_federation', 'regional_federation'] as const;

const UnionsQuery = z.object({
  kind: csvEnum(UNION_KINDS, '工会类型', 'union kind').optional()
    .openapi({ description: 'default: industry_federation,regional_federation; enterprise needs a login (403 until the admin issue)' }),
  region: RegionCode.optional(),
  limit: intParam(1, 5000, 'limit ', 'limit').optional().openapi({ description: 'page size, default 1000' }),
  cursor: CursorParam.optional(),
});

const UnionProps = z
  .object({
    id: z.number().int(),
    kind: z.enum(UNION_KINDS),
    name: z.string(),
    region_code: z.string(),
    region_name: z.string(),
    region_level: z.string(),
    parent_id: z.number().int().nullable(),
    industry: z.string().nullable(),
    members: z.number().int(),
    new_form_members: z.number().int(),
    founded_on: z.string().nullable(),
    demo: z.boolean(),
  })
  .openapi('UnionProperties');

const UnionCollection = featureCollection('Union', UnionProps, PointSchema);

type UnionRow = z.infer<typeof UnionProps> & { geom: string };

async function listUnions(q: Queryable, f: { kinds: string[]; region?: string; afterId?: number; limit: number }) {
  const b = new SqlBuilder();
  b.where(`u.kind = any(${b.param(f.kinds)}::text[])`);
  if (f.region) {
    // the region itself, and every region inside it (federations sit at city and county level, the rest in towns)
    const r = b.param(f.region);
    b.where(`(u.region_code = ${r} or u.region_code in (select code from regions where parent_code = ${r})
              or u.region_code in (select code from region_towns(${r})))`);
  }
  if (f.afterId !== undefined) b.where(`u.id > ${b.param(f.afterId)}`);
  const limit = b.param(f.limit + 1);
  // the point: a federation's region centroid; an enterprise union (logged-in only) the enterprise's location
  const rows = await q.query<UnionRow>(
    `select u.id, u.kind, u.name, u.region_code, r.name as region_name, r.level as region_level, u.parent_id, u.industry,
            u.members, u.new_form_members, u.founded_on, u.demo,
            ST_AsGeoJSON(coalesce(e.geom, r.centroid, ST_PointOnSurface(r.geom)), 6) as geom
       from live_unions u
       join regions r on r.code = u.region_code
       left join live_enterprises e on e.id = u.enterprise_id
       ${b.whereClause()}
      order by u.id limit ${limit}`,
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
  path: '/unions',
  tags: ['unions'],
  summary: '工会组织 / union organisations (GeoJSON points, cursor pagination); enterprise unions need a login',
  request: { query: UnionsQuery },
  responses: {
    200: { content: { 'application/json': { schema: UnionCollection } }, description: 'GeoJSON FeatureCollection' },
    403: { content: { 'application/json': { schema: ErrorSchema } }, description: '需要登录 / login required' },
    ...commonErrors,
  },
});

export const unionsRouter = createRouter().openapi(list, async (c) => {
  const p = c.req.valid('query');
  const db = c.var.db;
  if (p.kind?.includes('enterprise')) throw loginRequired('企业工会名单', 'the list of enterprise unions');
  if (p.region) await resolveRegion(db, p.region);
  const limit = p.limit ?? 1000;
  const { features, lastId } = await listUnions(db, { kinds: p.kind ?? [...PUBLIC_UNION_KINDS], region: p.region, afterId: p.cursor, limit });
  return c.json(
    { type: 'FeatureCollection' as const, features, numberReturned: features.length, next_cursor: lastId === null ? null : encodeCursor(lastId) },
    200,
  );
});

/**
 * An individual enterprise's union and democratic-management status is for logged-in roles; there is no login
 * yet (the admin issue brings it), so asking for it is refused outright rather than answered partially.
 */
export function loginRequired(what_zh: string, what_en: string, details?: unknown): ApiError {
  return new ApiError('forbidden', `${what_zh}仅对登录用户开放（登录功能随管理端上线），公开接口只提供汇总数据`,
    `${what_en} is available to logged-in users only (login comes with the admin view); public endpoints give aggregates only`, details);
}
