/**
 * Brute-force coverage for tests and the benchmark: a deliberately different SQL path from the pairs table —
 * every cell × every counted facility with plain ST_DWithin on geography, opening hours through the scalar
 * facility_open_during(), and a planar pre-filter of radius_m / 80,000 degrees (a degree is ≥ 80 km in both
 * directions below latitude 40°, so the circle fits) instead of coverage_box(), so a bug in either shared helper shows up as a mismatch. The radius gets 1 µm of slack:
 * ST_DWithin compares the unrounded spheroid distance while the product's rule is ST_Distance ≤ radius_m
 * (PostGIS rounds ST_Distance to 1e-8 m), and the "cell exactly at radius_m" fixture lands within 1e-9 m of it.
 * Facilities are read through their GiST index (an EXISTS per cell), like the naive query the issue cites.
 */
import type { Queryable } from '../db/index.ts';
import type { CoverageWeight, Site } from './pairs.ts';

export interface BruteParams {
  radius_m: number;
  region: string;
  /** ISO instant of the hour's start, or null for "any open facility" */
  t0: string | null;
  types: readonly string[];
  weight: CoverageWeight;
  sites?: readonly Site[];
}

const WEIGHT: Record<CoverageWeight, (hourParam: string) => string> = {
  residents: () => 'd.residents',
  workers: () => 'd.workers',
  new_form_workers: () => 'd.new_form_workers',
  riders: (h) => `case when ${h}::int is null then (select sum(x) from unnest(d.rider_activity) x)
                       else d.rider_activity[${h}::int + 1] end`,
};

const hourOf = (t0: string | null) => (t0 === null ? null : Number(t0.slice(11, 13)));

/** Per town: total weight, covered weight, and the covered flag per cell when `cells` is asked for. */
export async function bruteCells(q: Queryable, p: BruteParams) {
  return q.query<{ h3: string; town: string; w: number; covered: boolean; lng: number; lat: number }>(
    `with open_ids as materialized (
       select f.id, f.geom from facilities f
        where f.deleted_at is null and f.type = any($3::text[]) and f.status = 'open'
          and ($4::timestamptz is null or facility_open_during(f.id, $4::timestamptz, $4::timestamptz + interval '1 hour'))
     ), sites as (
       select ST_SetSRID(ST_MakePoint(x, y), 4326) as geom from unnest($6::float8[], $7::float8[]) as s (x, y)
     )
     select d.h3, d.region_code as town, (${WEIGHT[p.weight]('$5')})::float8 as w, $5::int as hour,
            ST_X(d.centroid) as lng, ST_Y(d.centroid) as lat,
            (exists (select 1 from facilities f
                      where ST_DWithin(f.geom, d.centroid, $1::float8 / 80000)
                        and f.id in (select id from open_ids)
                        and ST_DWithin(f.geom::geography, d.centroid::geography, $1::float8 + 1e-6))
             or exists (select 1 from sites s
                         where ST_DWithin(s.geom, d.centroid, $1::float8 / 80000)
                           and ST_DWithin(s.geom::geography, d.centroid::geography, $1::float8 + 1e-6))) as covered
       from demand d
      where d.region_code in (select code from region_towns($2))
      order by d.h3`,
    [p.radius_m, p.region, p.types, p.t0, hourOf(p.t0), (p.sites ?? []).map((s) => s.lng), (p.sites ?? []).map((s) => s.lat)],
  );
}

export async function bruteSummary(q: Queryable, p: BruteParams) {
  const cells = await bruteCells(q, p);
  const byTown = new Map<string, { total: number; covered: number }>();
  let total = 0;
  let covered = 0;
  for (const c of cells) {
    const t = byTown.get(c.town) ?? { total: 0, covered: 0 };
    t.total += c.w;
    total += c.w;
    if (c.covered) {
      t.covered += c.w;
      covered += c.w;
    }
    byTown.set(c.town, t);
  }
  return { total, covered, byTown, cells };
}

/** Distance to the nearest counted facility by scanning them all (no KNN). */
export async function bruteNearest(q: Queryable, p: BruteParams, pts: ReadonlyArray<readonly [number, number]>) {
  const rows = await q.query<{ m: number | null }>(
    `with open_ids as materialized (
       select f.id, f.geom from facilities f
        where f.deleted_at is null and f.type = any($1::text[]) and f.status = 'open'
          and ($2::timestamptz is null or facility_open_during(f.id, $2::timestamptz, $2::timestamptz + interval '1 hour'))
     )
     select (select min(ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint(s.x, s.y), 4326)::geography)) from open_ids f) as m
       from unnest($3::float8[], $4::float8[]) with ordinality as s (x, y, i)
      order by s.i`,
    [p.types, p.t0, pts.map((x) => x[0]), pts.map((x) => x[1])],
  );
  return rows.map((r) => r.m);
}
