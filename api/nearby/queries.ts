import type { Queryable } from '../db/index.ts';
import type { Amenity, FacilityType } from '../facilities/types.ts';
import { SqlBuilder } from '../lib/sql.ts';

/**
 * Nearest stations by geodesic distance, exactly, through the GiST index.
 *
 * 1. KNN: `order by geom <-> point limit n` walks the GiST index on facilities.geom (planar distance in degrees),
 *    with every filter (type, status, amenities, open at t, radius) applied during the walk, so the n rows are the
 *    n planar-nearest candidates that qualify.
 * 2. Exact: their geodesic distances (ST_Distance on geography = the WGS84 ellipsoid) are computed and ranked by
 *    (distance, id).
 * 3. Proof of completeness (in JS, `isComplete`): every unseen candidate is at least as far in the plane as the
 *    n-th one (d_n degrees). On the ellipsoid ds² = M(φ)²dφ² + (N(φ)cos φ)²dλ² with M ≥ M_MIN and N ≥ a, so along
 *    any path confined to |φ| ≤ φ_ext, ds ≥ c·√(dφ² + dλ²) with c = min(M_MIN, a·cos φ_ext) (metres per degree):
 *    a geodesic is at least c × its planar length ≥ c × the straight planar distance. A geodesic of length < T
 *    from latitude φ0 cannot leave |φ| ≤ |φ0| + T/M_MIN. Hence an unseen row is at geodesic distance ≥ c(T)·d_n,
 *    and if c(T)·d_n > T (T = the k-th exact distance, or the radius when fewer than k lie inside it) no unseen
 *    row can enter the top k, not even on a tie. Otherwise n doubles and we try again.
 *    At Yancheng (33.4°N) c ≈ 92.9 km/° (longitude-bound); typically n = 20 settles k = 5 in one round trip.
 */

/** Metres per degree of latitude at the equator (meridional radius of curvature minimum, WGS84). */
export const M_MIN_PER_DEG = 110_574.27;
/** Metres per degree along the equator (WGS84 semi-major axis a = 6,378,137 m). */
export const A_PER_DEG = 111_319.49;
/** Guard against rounding in PostGIS's geodesic and in our arithmetic: the bound is shrunk by this factor. */
const SAFETY = 1 - 1e-6;

/** Lower bound, in metres per planar degree, for geodesics of length ≤ t_m starting at latitude lat. */
export function metresPerDegreeLowerBound(lat: number, t_m: number): number {
  const latExt = Math.min(90, Math.abs(lat) + t_m / M_MIN_PER_DEG);
  return Math.min(M_MIN_PER_DEG, A_PER_DEG * Math.cos((latExt * Math.PI) / 180)) * SAFETY;
}

export interface NearbyFilter {
  lng: number;
  lat: number;
  types: readonly FacilityType[];
  amenities?: readonly Amenity[];
  /** evaluate open_now / next_change at this instant */
  at: Date;
  /** only stations open at `at` */
  openOnly: boolean;
  radius_m?: number;
  limit: number;
}

export interface NearbyRow {
  id: number;
  name: string;
  type: FacilityType;
  address: string;
  distance_m: number;
  bearing_deg: number;
  open_now: boolean;
  next_change: string | null;
  amenities: Amenity[];
  host_type: string;
  co_built: boolean;
  opening_hours: string;
  last_verified: string | null;
  reports_30d: number;
  lng: number;
  lat: number;
}

interface RawRow extends Partial<NearbyRow> {
  n_cand: number;
  d_max: number | null;
}

const POINT = (b: { lng: string; lat: string }) => `ST_SetSRID(ST_MakePoint(${b.lng}::float8, ${b.lat}::float8), 4326)`;

/**
 * The whole query in one statement (one round trip, one prepared plan per filter shape). Clauses are added only
 * when used, so no `($x is null or …)` hides the radius from the index: with a radius the KNN walk is bounded by
 * ST_DWithin's index box, without it by the limit.
 */
export function nearbySql(f: NearbyFilter, n: number): { text: string; params: unknown[] } {
  const b = new SqlBuilder();
  const p = { lng: b.param(f.lng), lat: b.param(f.lat) };
  const pt = POINT(p);
  const at = `${b.param(f.at.toISOString())}::timestamptz`;
  b.where(`f.type = any(${b.param(f.types)}::text[])`);
  // planned and closed-down sites are not a place to send a rider; hours decide open_now for the rest
  b.where(`f.status = 'open'`);
  if (f.amenities?.length) b.where(`f.amenities @> ${b.param(f.amenities)}::text[]`);
  let radius = '';
  if (f.radius_m !== undefined) {
    // planar superset of the geodesic disc (s ≥ c·d ⇒ d ≤ r/c): uses the index box, exact test below
    const deg = f.radius_m / metresPerDegreeLowerBound(f.lat, f.radius_m);
    b.where(`ST_DWithin(f.geom, ${pt}, ${b.param(deg)}::float8)`);
    radius = `where r.dist_m <= ${b.param(f.radius_m)}::float8`;
  }
  if (f.openOnly) {
    // Inline form of open_facilities_at(t) (002) per candidate row, so the KNN walk keeps its index order:
    // a join with the set-returning form would let the planner scan every open facility and sort.
    b.where(`exists (
        select 1 from opening_rules o
         where o.facility_id = f.id
           and (o.always_open or exists (
                select 1 from days d, opening_intervals i
                 where d.n = 0 and d.ph_mode = o.ph_mode and i.facility_id = o.facility_id and i.day = d.day
                   and i.start_min <= d.minute and i.end_min > d.minute)))`);
  }
  // The two LIMITs are written as literals, not bound: they are integers this module computes (batch size) or
  // that validation bounded to 1–50, and with them in the text PostgreSQL can cache a generic plan for the
  // prepared statement instead of re-planning per request (a generic plan with LIMIT $n is costed blind).
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(f.limit)) throw new Error('batch sizes must be integers');
  const nParam = String(n);
  const kParam = String(f.limit);
  // Why open_now / next_change are computed here and not with facility_open_at / facility_next_change (002):
  // those are scalar SQL functions with sub-selects, which PostgreSQL re-plans on every call (≈ 3 and 8 ms on
  // PostgreSQL 15) — 50 ms per request for five rows. The same rules, set-based over the k rows: `days` is
  // hours_day_kind for the ten local days from t (both ph_modes), `seg` the open spans as instants, and the next
  // change is the first span edge after t that is not glued to its neighbour (…–24:00 then 00:00–…).
  // nearby.test.ts checks both against the 002 functions.
  const text = `
with days as materialized (
  select g.n, m.ph_mode, (${at} at time zone 'Asia/Shanghai')::date + g.n as d,
         coalesce(case when h.kind = 'workday' then 0
                       when h.kind = 'holiday' and m.ph_mode = 'own' then 7 end,
                  extract(isodow from (${at} at time zone 'Asia/Shanghai')::date + g.n)::integer - 1)::smallint as day,
         hours_local_minute(${at}) as minute
    from generate_series(0, 9) as g (n)
   cross join (values ('weekday'), ('own')) as m (ph_mode)
    left join holidays h on h.day = (${at} at time zone 'Asia/Shanghai')::date + g.n
), cand as materialized (
  select f.id, f.geom, f.geom <-> ${pt} as d_deg
    from live_facilities f
   ${b.whereClause()}
   order by f.geom <-> ${pt}
   limit ${nParam}
), r as (
  select c.id, ST_Distance(c.geom::geography, ${pt}::geography) as dist_m from cand c
), top as materialized (
  select r.id, r.dist_m from r ${radius} order by r.dist_m, r.id limit ${kParam}
), seg as (
  select t.id, (d.d + i.start_min * interval '1 minute') at time zone 'Asia/Shanghai' as s,
               (d.d + i.end_min * interval '1 minute') at time zone 'Asia/Shanghai' as e,
         d.n = 0 and i.start_min <= d.minute and i.end_min > d.minute as holds_t
    from top t
    join opening_rules o on o.facility_id = t.id and not o.always_open
    join days d on d.ph_mode = o.ph_mode
    join opening_intervals i on i.facility_id = t.id and i.day = d.day
), edges as (
  -- spans of one facility are disjoint, so only the neighbour in time order can glue to a span's edge
  select id, holds_t,
         case when lag(e) over w is distinct from s then s end as opens,
         case when lead(s) over w is distinct from e then e end as closes
    from seg
  window w as (partition by id order by s)
), hours as (
  select id, bool_or(holds_t) as open_now,
         least(min(opens) filter (where opens > ${at} and opens <= ${at} + interval '192 hours'),
               min(closes) filter (where closes > ${at} and closes <= ${at} + interval '192 hours')) as next_change
    from edges
   group by id
), meta as (
  select count(*)::int as n_cand, max(d_deg)::float8 as d_max from cand
)
select m.n_cand, m.d_max, t.id, t.dist_m::float8 as distance_m,
       coalesce(degrees(ST_Azimuth(${pt}::geography, f.geom::geography)), 0)::float8 as bearing_deg,
       f.name, f.type, f.address, f.amenities, f.host_type, f.co_built, f.opening_hours, f.last_verified,
       coalesce(o.always_open or h.open_now, false) as open_now,
       to_char(h.next_change at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') as next_change,
       (select count(*)::int from problem_reports p
         where p.facility_id = f.id and p.created_at > now() - interval '30 days' and p.status <> 'rejected')
         as reports_30d,
       round(ST_X(f.geom)::numeric, 6)::float8 as lng, round(ST_Y(f.geom)::numeric, 6)::float8 as lat
  from meta m
  left join (top t
             join facilities f on f.id = t.id
             left join opening_rules o on o.facility_id = t.id
             left join hours h on h.id = t.id) on true
 order by t.dist_m, t.id`;
  return { text, params: b.params };
}

/** No unseen candidate can beat or tie the k-th result (see the proof at the top). */
export function isComplete(f: NearbyFilter, n: number, nCand: number, dMaxDeg: number | null, found: number[]): boolean {
  if (nCand < n) return true; // the walk ran out of qualifying rows: everything was seen
  const kth = found.length >= f.limit ? found[f.limit - 1] : undefined;
  const t = kth ?? f.radius_m;
  if (t === undefined) return false; // fewer than k found, no radius, and more rows exist: look further
  return dMaxDeg !== null && metresPerDegreeLowerBound(f.lat, t) * dMaxDeg > t;
}

/** First batch: enough for k = 5 at Yancheng's latitude to settle in one round trip almost always. */
export const firstBatch = (limit: number): number => Math.max(20, 3 * limit + 5);

export async function findNearby(q: Queryable, f: NearbyFilter): Promise<{ rows: NearbyRow[]; rounds: number }> {
  let n = firstBatch(f.limit);
  for (let rounds = 1; ; rounds++) {
    const { text, params } = nearbySql(f, n);
    const raw = await q.query<RawRow>(text, params);
    const head = raw[0];
    const rows = (head && head.id != null ? raw : []) as unknown as NearbyRow[];
    const dists = rows.map((r) => r.distance_m);
    // terminates: once n exceeds the number of qualifying rows, n_cand < n
    if (isComplete(f, n, head?.n_cand ?? 0, head?.d_max ?? null, dists)) return { rows, rounds };
    n *= 4;
  }
}
