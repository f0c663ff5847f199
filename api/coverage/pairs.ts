/**
 * Coverage building blocks shared by /api/coverage, /api/gaps, scenarios and the MCLP solver (api/plans/).
 *
 * Public functions (all take any Queryable — a Db or a Tx — and bind every value):
 *
 *   resolveCoverageTime(q, {hour?, date?}) → {hour, date, t0}
 *       date defaults to the next ordinary weekday (Mon–Fri, not a holiday nor a 调休 day) on or after today in
 *       Asia/Shanghai; t0 = `${date}T${hour}:00:00+08:00` (null when hour is null: "any open facility").
 *
 *   loadDemandCells(q, {region?, weight, hour?}) → DemandCell[] = [{h3, lng, lat, weight}]
 *       the H3 res-9 demand cells of a region (default: the whole city), in h3 order. Cells of weight 0 are
 *       included (drop them yourself if you merge by cover set). weight=riders uses the hour's rider count
 *       (rider_activity[hour+1]), or the daily sum with no hour.
 *
 *   coveredByExisting(q, {radius_m, types?, hour?, date?, region?, sites?}) → Set<string> of h3
 *       the cells (of the region, default whole city) whose centre is within radius_m (geodesic, ≤) of at least
 *       one existing facility of `types` (default worker_home + station) with status open and, when hour is
 *       given, open for the whole hour [hour:00, hour+1:00) on date. `sites` ([{lng, lat}]) adds hypothetical
 *       points (scenario sites, candidates) that count as open at every hour.
 *
 *   eligibleFacilities(q, {types?, hour?, date?}) → [{id, type, lng, lat, capacity}]
 *       the facilities that count under those rules (for a solver's "keep_existing").
 *
 * SQL builders (coverageCtes) are exported for this folder's queries; callers outside should prefer the
 * functions above. Pairs table design and its maintenance: api/db/migrations/004_coverage.sql and README.md.
 */
import type { Queryable } from '../db/index.ts';
import type { FacilityType } from '../facilities/types.ts';
import { SqlBuilder } from '../lib/sql.ts';

export const COVERAGE_WEIGHTS = ['residents', 'workers', 'new_form_workers', 'riders'] as const;
export type CoverageWeight = (typeof COVERAGE_WEIGHTS)[number];

/** Facility types with precomputed pairs; keep in step with coverage_pair_types() in 004_coverage.sql. */
export const PAIR_TYPES = ['worker_home', 'station'] as const satisfies readonly FacilityType[];
/** Default facility types counted as coverage: 职工之家 + 工会驿站 (the default). */
export const DEFAULT_COVERAGE_TYPES: FacilityType[] = ['worker_home', 'station'];
/** The pairs table holds distances up to this; the API accepts radius_m 1..MAX_RADIUS_M. */
export const MAX_RADIUS_M = 5000;
export const DEFAULT_RADIUS_M = 1000;
/** The whole city (盐城市). */
export const CITY_CODE = '320900';

export interface Site {
  lng: number;
  lat: number;
}

export interface CoverageRules {
  radius_m: number;
  types?: readonly FacilityType[];
  /** 0..23, or null/undefined for "any facility with status open" */
  hour?: number | null;
  /** YYYY-MM-DD local date; default: next ordinary weekday */
  date?: string | null;
  /** extra hypothetical points, open at every hour */
  sites?: readonly Site[];
  /**
   * Only cells of this region will be asked about: facilities farther than radius_m from all of its cells are
   * skipped (a county at 5 km reads 1/5 of the pairs instead of all of them). Null/city = no restriction.
   */
  region?: string | null;
}

export interface CoverageTime {
  hour: number | null;
  date: string;
  /** start of the hour as an ISO instant with +08:00, or null without an hour */
  t0: string | null;
}

export async function resolveCoverageTime(q: Queryable, p: { hour?: number | null; date?: string | null }): Promise<CoverageTime> {
  let date = p.date ?? null;
  if (!date) {
    const [row] = await q.query<{ d: string }>(
      `select coverage_default_date((now() at time zone 'Asia/Shanghai')::date) as d`,
    );
    date = row.d;
  }
  const hour = p.hour ?? null;
  // China has had no daylight saving since 1991: the local hour is always UTC+8.
  const t0 = hour === null ? null : `${date}T${String(hour).padStart(2, '0')}:00:00+08:00`;
  return { hour, date, t0 };
}

/**
 * The weight expression for demand alias `d`. Only allow-listed SQL text; the hour travels as a parameter.
 */
export function weightSql(b: SqlBuilder, weight: CoverageWeight, hour: number | null): string {
  switch (weight) {
    case 'residents':
      return 'd.residents';
    case 'workers':
      return 'd.workers';
    case 'new_form_workers':
      return 'd.new_form_workers';
    case 'riders':
      if (hour !== null) return `d.rider_activity[${b.param(hour + 1)}::int]`;
      // a sum of 24 subscripts is an inline expression; unnest() would be a subquery per cell
      return `(${Array.from({ length: 24 }, (_, i) => `d.rider_activity[${i + 1}]`).join(' + ')})`;
  }
}

/**
 * Within means ST_Distance(geography) ≤ radius_m — the distance the pairs table stores (PostGIS rounds it to
 * 1e-8 m), so a cell exactly at radius_m is covered. The on-the-fly branches use ST_DWithin with 1 mm slack as
 * the cheap test and the same ST_Distance as the decider: ST_DWithin compares the unrounded distance, and a
 * point placed at exactly radius_m could otherwise land on different sides in different branches.
 *
 * `with eligible, covered` CTEs (no leading "with"): eligible(id, type, geom) = facilities that count;
 * covered(h3) = distinct cells within radius of an eligible facility or a site. Pair types read the
 * precomputed pairs; other types and sites go through the demand-centroid index (box, then exact geodesic).
 */
export function coverageCtes(b: SqlBuilder, r: CoverageRules, time: CoverageTime): string {
  const types = b.param([...(r.types ?? DEFAULT_COVERAGE_TYPES)]);
  const radius = b.param(r.radius_m);
  const hourFilter = time.t0
    ? `and f.id in (select facility_id from open_facilities_during(${b.param(time.t0)}::timestamptz,
                                                                  $${b.params.length}::timestamptz + interval '1 hour'))`
    : '';
  const near =
    r.region && r.region !== CITY_CODE
      ? `and f.geom && (select coverage_box(ST_Extent(d.centroid)::geometry, ${radius}::float8)
                          from demand d where d.region_code in (select code from region_towns(${b.param(r.region)})))`
      : '';
  const sites = r.sites && r.sites.length > 0 ? r.sites : null;
  const siteBranch = sites
    ? `union
  select d.h3
    from unnest(${b.param(sites.map((s) => s.lng))}::float8[], ${b.param(sites.map((s) => s.lat))}::float8[]) as s (lng, lat)
    cross join lateral (select ST_SetSRID(ST_MakePoint(s.lng, s.lat), 4326) as g) p
    join demand d on d.centroid && coverage_box(p.g, ${radius}::float8)
                 and ST_DWithin(p.g::geography, d.centroid::geography, ${radius}::float8 + 0.001)
                 and ST_Distance(p.g::geography, d.centroid::geography) <= ${radius}::float8`
    : '';
  return `eligible as materialized (
  select f.id, f.type, f.geom, f.capacity
    from live_facilities f
   where f.type = any(${types}::text[])
     and f.status = 'open'
     ${hourFilter}
     ${near}
), covered as (
  select p.h3
    from eligible e
    join coverage_pairs p on p.facility_id = e.id and p.distance_m <= ${radius}::float8
   where e.type = any(coverage_pair_types())
  union
  select d.h3
    from eligible e
    join demand d on d.centroid && coverage_box(e.geom, ${radius}::float8)
                 and ST_DWithin(e.geom::geography, d.centroid::geography, ${radius}::float8 + 0.001)
                 and ST_Distance(e.geom::geography, d.centroid::geography) <= ${radius}::float8
   where not (e.type = any(coverage_pair_types()))
  ${siteBranch}
)`;
}

/** `d.region_code in (…towns of region…)`, or no filter for the whole city. */
export function regionFilterSql(b: SqlBuilder, region: string | null | undefined, alias = 'd'): string {
  if (!region || region === CITY_CODE) return 'true';
  return `${alias}.region_code in (select code from region_towns(${b.param(region)}))`;
}

export interface DemandCell {
  h3: string;
  lng: number;
  lat: number;
  weight: number;
}

export async function loadDemandCells(
  q: Queryable,
  p: { region?: string | null; weight: CoverageWeight; hour?: number | null },
): Promise<DemandCell[]> {
  const b = new SqlBuilder();
  const w = weightSql(b, p.weight, p.hour ?? null);
  return q.query<DemandCell & Record<string, unknown>>(
    `select d.h3, ST_X(d.centroid) as lng, ST_Y(d.centroid) as lat, (${w})::float8 as weight
       from demand d
      where ${regionFilterSql(b, p.region)}
      order by d.h3`,
    b.params,
  );
}

export async function coveredByExisting(q: Queryable, p: CoverageRules & { region?: string | null }): Promise<Set<string>> {
  const time = await resolveCoverageTime(q, p);
  const b = new SqlBuilder();
  const ctes = coverageCtes(b, p, time);
  const rows = await q.query<{ h3: string }>(
    `with ${ctes}
     select c.h3 from covered c join demand d on d.h3 = c.h3 where ${regionFilterSql(b, p.region)}`,
    b.params,
  );
  return new Set(rows.map((r) => r.h3));
}

export async function eligibleFacilities(q: Queryable, p: Omit<CoverageRules, 'radius_m' | 'sites'>) {
  const time = await resolveCoverageTime(q, p);
  const b = new SqlBuilder();
  const ctes = coverageCtes(b, { ...p, radius_m: MAX_RADIUS_M }, time);
  return q.query<{ id: number; type: FacilityType; lng: number; lat: number; capacity: number | null }>(
    `with ${ctes}
     select e.id, e.type, ST_X(e.geom) as lng, ST_Y(e.geom) as lat, e.capacity from eligible e order by e.id`,
    b.params,
  );
}
