import type { z } from '@hono/zod-openapi';
import type { Queryable } from '../db/index.ts';
import { parseGeom } from '../lib/geojson.ts';
import type { GridProps, ReachFiguresT } from './schema.ts';

/**
 * Grid polygons are simplified for the wire: 0.0002° ≈ 22 m north–south and ≈ 19 m east–west at Yancheng's
 * latitude (33.4°N), below a pixel at the zoom where a whole county fits a screen, and 6-decimal coordinates
 * (≈ 0.1 m) are more than the simplification keeps. Each polygon is simplified on its own, so neighbours can show
 * slivers of up to the tolerance along shared edges — fine for a status map, not for measuring area.
 */
export const GRID_SIMPLIFY_DEG = 0.0002;

type GridRow = z.infer<typeof GridProps> & { geom: string };

export async function coBuildingGrids(q: Queryable, region: string) {
  const rows = await q.query<GridRow>(
    `select g.id, g.name, g.town_code, t.name as town_name, t.parent_code as county_code, g.party_org, g.union_org,
            g.synced_built, g.cross_posts, g.shared_site_id, g.shared, g.workers, g.new_form_workers, g.status,
            ST_AsGeoJSON(ST_SimplifyPreserveTopology(g.geom, $2), 6) as geom
       from live_grid_status g
       join regions t on t.code = g.town_code
      where g.town_code in (select code from region_towns($1))
      order by g.id`,
    [region, GRID_SIMPLIFY_DEG],
  );
  return rows.map(({ geom, ...props }) => ({ type: 'Feature' as const, id: props.id, geometry: parseGeom(geom), properties: props }));
}

interface ReachRow {
  code: string; name: string; county_code: string; grids: number; grids_full: number; workers: number;
  workers_in_served_grids: number; new_form_workers: number; new_form_reached: number;
}

/**
 * Per town: grids with all three, workers in grids a co-built site serves (共建享), and new-form workers living
 * within radius_m (geodesic) of an open co-built 职工之家/工会驿站 — wherever that site is, even in the next town.
 */
export async function reachByTown(q: Queryable, region: string, radius_m: number) {
  const rows = await q.query<ReachRow>(
    `with towns as (
       select t.code, t.name, t.parent_code as county_code from regions t
        where t.level = 'town' and t.code in (select code from region_towns($1))
     ),
     g as (
       select town_code, count(*) as grids, count(*) filter (where status = 'full') as grids_full,
              coalesce(sum(workers), 0) as workers, coalesce(sum(workers) filter (where shared), 0) as workers_in_served_grids
         from live_grid_status where town_code in (select code from towns) group by 1
     ),
     -- probe the demand index around each co-built site (a few hundred) rather than the sites around every cell;
     -- the box is just larger than the circle (see api/stats/facts.sql), ST_DWithin on geography decides
     reached as (
       select distinct d.h3
         from live_facilities f
         join demand d on d.centroid && ST_Expand(f.geom, $2::float8 / (111320.0 * cos(radians(least(abs(ST_Y(f.geom)) + $2::float8 / 110574.0, 89)))), $2::float8 / 110574.0)
                      and ST_DWithin(f.geom::geography, d.centroid::geography, $2::float8)
        where f.co_built and f.type in ('worker_home', 'station') and f.status = 'open'
     ),
     nf as (
       select d.region_code, sum(d.new_form_workers) as new_form_workers,
              coalesce(sum(d.new_form_workers) filter (where r.h3 is not null), 0) as new_form_reached
         from demand d left join reached r on r.h3 = d.h3
        where d.region_code in (select code from towns)
        group by 1
     )
     select t.code, t.name, t.county_code,
            coalesce(g.grids, 0)::int as grids, coalesce(g.grids_full, 0)::int as grids_full,
            coalesce(g.workers, 0)::int as workers, coalesce(g.workers_in_served_grids, 0)::int as workers_in_served_grids,
            coalesce(nf.new_form_workers, 0)::int as new_form_workers, coalesce(nf.new_form_reached, 0)::int as new_form_reached
       from towns t left join g on g.town_code = t.code left join nf on nf.region_code = t.code
      order by t.code`,
    [region, radius_m],
  );
  const withShares = <T extends Omit<ReachFiguresT, 'share_served' | 'share_reached'>>(r: T) => ({
    ...r,
    share_served: r.workers > 0 ? r.workers_in_served_grids / r.workers : 0,
    share_reached: r.new_form_workers > 0 ? r.new_form_reached / r.new_form_workers : 0,
  });
  const sum = (k: keyof ReachRow) => rows.reduce((s, r) => s + (r[k] as number), 0);
  const totals = withShares({
    grids: sum('grids'), grids_full: sum('grids_full'), workers: sum('workers'),
    workers_in_served_grids: sum('workers_in_served_grids'), new_form_workers: sum('new_form_workers'),
    new_form_reached: sum('new_form_reached'),
  });
  return { towns: rows.map(withShares), totals };
}
