import { z } from '@hono/zod-openapi';
import { featureCollection } from '../lib/geojson.ts';
import { intParam } from '../lib/params.ts';
import { RegionCode } from '../regions/schema.ts';

export const GRID_STATUSES = ['full', 'partial', 'none'] as const;

export const CoBuildingQuery = z.object({
  region: RegionCode.default('320900').openapi({ description: 'city (default), county or town' }),
});

export const GridProps = z
  .object({
    id: z.number().int(),
    name: z.string(),
    town_code: z.string(),
    town_name: z.string(),
    county_code: z.string().nullable(),
    party_org: z.string(),
    union_org: z.string().nullable(),
    synced_built: z.boolean().openapi({ description: '同步建: party and union organisation both built' }),
    cross_posts: z.number().int().openapi({ description: '交叉任: posts held by one person in both organisations' }),
    shared_site_id: z.number().int().nullable(),
    shared: z.boolean().openapi({ description: '共建享: an open co-built 职工之家/工会驿站 inside or serving the grid' }),
    workers: z.number().int(),
    new_form_workers: z.number().int(),
    status: z.enum(GRID_STATUSES).openapi({ description: 'full = 同步建 ∧ 交叉任 ≥ 1 ∧ 共建享; none = no union org; partial otherwise' }),
  })
  .openapi('GridProperties');

export const GridCollection = featureCollection('Grid', GridProps).extend({
  counts: z.object({ full: z.number().int(), partial: z.number().int(), none: z.number().int() }),
  simplify_tolerance_deg: z.number().openapi({ description: 'ST_SimplifyPreserveTopology tolerance applied to each polygon' }),
  demo: z.boolean(),
});

export const ReachQuery = z.object({
  region: RegionCode.default('320900'),
  radius_m: intParam(100, 5000, '半径 radius_m ', 'radius_m').default(1000).openapi({ description: 'metres, geodesic; default 1000' }),
});

const ReachFigures = z.object({
  grids: z.number().int(),
  grids_full: z.number().int(),
  workers: z.number().int(),
  workers_in_served_grids: z.number().int(),
  share_served: z.number(),
  new_form_workers: z.number().int(),
  new_form_reached: z.number().int(),
  share_reached: z.number(),
});

export const ReachSchema = z
  .object({
    region: z.object({ code: z.string(), name: z.string(), level: z.string() }),
    radius_m: z.number().int(),
    demo: z.boolean(),
    towns: z.array(z.object({ code: z.string(), name: z.string(), county_code: z.string() }).extend(ReachFigures.shape)),
    totals: ReachFigures,
  })
  .openapi('GridReach');

export type ReachFiguresT = z.infer<typeof ReachFigures>;
