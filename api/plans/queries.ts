import type { Queryable } from '../db/index.ts';
import { SqlBuilder } from '../lib/sql.ts';
import type { WeightKind } from './schema.ts';

/**
 * SQL for the suggestion's default data: demand cells, what existing sites already reach, candidate facilities
 * and the candidate → cell cover sets. Distances are ST_DWithin on geography (the WGS84 spheroid); every
 * spatial join first compares the indexed geometry column with a lng/lat box (`&&`) so the GiST index is used.
 *
 * TODO(coverage): api/coverage/pairs.ts will keep cell–facility pairs for existing sites; once it is stable,
 * coveredByExisting() can read those instead of joining facilities to demand here.
 */

/** Service types whose reach counts as existing coverage (the rider-facing stations). */
export const EXISTING_TYPES = ['worker_home', 'station'] as const;
/** Hosts for co-built new stations (阵地共建享). */
export const HOST_TYPES = ['party_center', 'service_center'] as const;
/** A host within this distance of a station already hosts it. */
export const HOSTED_WITHIN_M = 50;

/**
 * A lng/lat box surely containing every point within r metres of geometry g. A degree of latitude is
 * ≥ 110,574 m, a degree of longitude at φ is ≥ 111,320·cos φ m; φ is taken at the pole-ward edge, 1 % slack.
 */
const box = (g: string, r: string) =>
  `ST_Expand(${g}, 1.01 * ${r} / (111320 * cos(radians(least(abs(ST_Y(${g})) + 1.01 * ${r} / 110574, 89.9)))), 1.01 * ${r} / 110574)`;

/** Weight expressions by allow-list; `riders` reads the hour's activity (1-based array) or the day's total. */
function weightExpr(b: SqlBuilder, weight: WeightKind, hour: number | undefined): string {
  switch (weight) {
    case 'residents': return 'd.residents';
    case 'workers': return 'd.workers';
    case 'new_form_workers': return 'd.new_form_workers';
    case 'riders':
      return hour === undefined
        ? '(select coalesce(sum(a), 0) from unnest(d.rider_activity) as a)'
        : `d.rider_activity[${b.param(hour + 1)}::int]`;
  }
}

/**
 * Ids of existing sites counted as open: status open, and with an hour, open for the whole of [hour:00,
 * hour+1:00) on the next ordinary weekday (Mon–Fri, neither a holiday nor a 调休 day) — the same day rule as
 * /api/coverage, so "22:00" means a normal working evening.
 */
function existingSites(b: SqlBuilder, hour: number | undefined): string {
  const base = `select f.id, f.geom from live_facilities f
    where f.type = any(${b.param([...EXISTING_TYPES])}::text[]) and f.status = 'open'`;
  if (hour === undefined) return base;
  const h = b.param(hour);
  return `${base} and f.id in (
    select facility_id from (
      select ((d.day + make_interval(hours => ${h}::int)) at time zone 'Asia/Shanghai') as t0
        from (select min(x)::date as day
                from generate_series((now() at time zone 'Asia/Shanghai')::date,
                                     (now() at time zone 'Asia/Shanghai')::date + 30, interval '1 day') as g (x)
               where extract(isodow from x) <= 5
                 and not exists (select 1 from holidays hd where hd.day = x::date)) d
    ) w, open_facilities_during(w.t0, w.t0 + interval '1 hour'))`;
}

const regionFilter = (b: SqlBuilder, col: string, region: string | undefined) =>
  region ? `${col} in (select code from region_towns(${b.param(region)}))` : 'true';

export interface DemandRows {
  h3: string[];
  lng: Float64Array;
  lat: Float64Array;
  weight: Float64Array;
}

export async function loadDefaultDemand(q: Queryable, f: { region?: string; weight: WeightKind; hour?: number }): Promise<DemandRows> {
  const b = new SqlBuilder();
  const w = weightExpr(b, f.weight, f.hour);
  // one row of arrays: ~200k cells come back in one message instead of 200k row objects
  const [r] = await q.query<{ h3: string[] | null; lng: number[] | null; lat: number[] | null; w: number[] | null }>(
    `select array_agg(h3 order by h3) as h3, array_agg(lng order by h3) as lng, array_agg(lat order by h3) as lat,
            array_agg(w order by h3) as w
       from (select d.h3, ST_X(d.centroid) as lng, ST_Y(d.centroid) as lat, (${w})::float8 as w
               from demand d where ${regionFilter(b, 'd.region_code', f.region)}) s`,
    b.params,
  );
  return {
    h3: r?.h3 ?? [],
    lng: Float64Array.from(r?.lng ?? []),
    lat: Float64Array.from(r?.lat ?? []),
    weight: Float64Array.from(r?.w ?? []),
  };
}

/** Demand cells (of the region) within r of an existing open site — sites anywhere, also across the border. */
export async function coveredByExisting(q: Queryable, f: { region?: string; radius_m: number; hour?: number }): Promise<Set<string>> {
  const b = new SqlBuilder();
  const sites = existingSites(b, f.hour);
  const r = b.param(f.radius_m);
  const [row] = await q.query<{ cells: string[] | null }>(
    `select array_agg(distinct d.h3) as cells
       from (${sites}) s
       join demand d on d.centroid && ${box('s.geom', `${r}::float8`)}
                    and ST_DWithin(s.geom::geography, d.centroid::geography, ${r}::float8)
      where ${regionFilter(b, 'd.region_code', f.region)}`,
    b.params,
  );
  return new Set(row?.cells ?? []);
}

/** Existing open sites within a lng/lat box (for caller-supplied demand, covered in JS). */
export async function existingSitesIn(
  q: Queryable,
  f: { minLng: number; minLat: number; maxLng: number; maxLat: number; hour?: number },
): Promise<{ lng: Float64Array; lat: Float64Array }> {
  const b = new SqlBuilder();
  const sites = existingSites(b, f.hour);
  const rows = await q.query<{ lng: number; lat: number }>(
    `select ST_X(s.geom) as lng, ST_Y(s.geom) as lat from (${sites}) s
      where s.geom && ST_MakeEnvelope(${b.param(f.minLng)}, ${b.param(f.minLat)}, ${b.param(f.maxLng)}, ${b.param(f.maxLat)}, 4326)`,
    b.params,
  );
  return { lng: Float64Array.from(rows, (r) => r.lng), lat: Float64Array.from(rows, (r) => r.lat) };
}

export interface CandidateFacility {
  id: number;
  name: string;
  lng: number;
  lat: number;
}

/** Open 党群服务中心 / 便民中心 that host no station yet (none open or planned within 50 m). */
export async function hostCandidates(
  q: Queryable,
  f: { region?: string; bbox?: { minLng: number; minLat: number; maxLng: number; maxLat: number } },
): Promise<CandidateFacility[]> {
  const b = new SqlBuilder();
  const where = [
    `c.type = any(${b.param([...HOST_TYPES])}::text[])`,
    `c.status = 'open'`,
    regionFilter(b, 'c.region_code', f.region),
  ];
  if (f.bbox) {
    where.push(`c.geom && ST_MakeEnvelope(${b.param(f.bbox.minLng)}, ${b.param(f.bbox.minLat)}, ${b.param(f.bbox.maxLng)}, ${b.param(f.bbox.maxLat)}, 4326)`);
  }
  const r = b.param(HOSTED_WITHIN_M);
  where.push(`not exists (
    select 1 from live_facilities s
     where s.type = any(${b.param([...EXISTING_TYPES])}::text[]) and s.status in ('open', 'planned')
       and s.geom && ${box('c.geom', `${r}::float8`)}
       and ST_DWithin(s.geom::geography, c.geom::geography, ${r}::float8))`);
  return q.query<CandidateFacility>(
    `select c.id, c.name, ST_X(c.geom) as lng, ST_Y(c.geom) as lat
       from live_facilities c where ${where.map((w) => `(${w})`).join(' and ')} order by c.id`,
    b.params,
  );
}

/**
 * Cover sets of arbitrary candidate points against the demand table: for candidate i (0-based, in the order
 * given), the cells of the region within r. Candidates travel as two float8[] parameters.
 */
export async function coverSetsFromDb(
  q: Queryable,
  f: { lng: Float64Array; lat: Float64Array; radius_m: number; region?: string },
): Promise<{ i: number; cells: string[] }[]> {
  const b = new SqlBuilder();
  const lng = b.param(Array.from(f.lng));
  const lat = b.param(Array.from(f.lat));
  const r = b.param(f.radius_m);
  return q.query<{ i: number; cells: string[] }>(
    `select (c.i - 1)::int as i, array_agg(d.h3) as cells
       from (select n.i, ST_SetSRID(ST_MakePoint(n.lng, n.lat), 4326) as g
               from unnest(${lng}::float8[], ${lat}::float8[]) with ordinality as n (lng, lat, i)) c
       join demand d on d.centroid && ${box('c.g', `${r}::float8`)}
                    and ST_DWithin(c.g::geography, d.centroid::geography, ${r}::float8)
      where ${regionFilter(b, 'd.region_code', f.region)}
      group by c.i`,
    b.params,
  );
}
