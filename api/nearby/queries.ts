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
  /** 1-based position of the point in a batch */
  i: number;
  spans_ok: boolean;
  n_cand: number;
  d_max: number | null;
}

/** What a batch of questions shares; each question adds its own point and instant. */
export type NearbyShape = Omit<NearbyFilter, 'lng' | 'lat' | 'at'>;
export type NearbyPoint = Pick<NearbyFilter, 'lng' | 'lat' | 'at'>;

/**
 * Where open_now / next_change / the open filter come from:
 * - 'spans': open_spans (007), opening hours precomputed as instants for a rolling window of days — a probe
 *   and two multirange operations per row. Used whenever the window covers t and the 8 days after it.
 * - 'rules': opening_rules / opening_intervals / holidays (002) evaluated per request — any t, ≈ 1 ms more.
 * Both follow facility_open_at / facility_next_change exactly (nearby.test.ts compares all three).
 */
export type HoursSource = 'spans' | 'rules';

const FMT_NEXT = `'YYYY-MM-DD"T"HH24:MI:SS"+08:00"'`;

/**
 * The result columns both forms return, given the SQL of the query point, of open_now and of the next change
 * (timestamptz or null). `t` is the ranked row (id, geog, dist_m), `f` its facilities row.
 */
const resultColumns = (pt: string, openNow: string, nextChange: string) => `t.id, t.dist_m::float8 as distance_m,
       coalesce(degrees(ST_Azimuth(geography(${pt}), t.geog)), 0)::float8 as bearing_deg,
       f.name, f.type, f.address, f.amenities, f.host_type, f.co_built, f.opening_hours, f.last_verified,
       ${openNow} as open_now,
       to_char(${nextChange} at time zone 'Asia/Shanghai', ${FMT_NEXT}) as next_change,
       (select count(*)::int from problem_reports p
         where p.facility_id = f.id and p.created_at > now() - interval '30 days' and p.status <> 'rejected')
         as reports_30d,
       ST_X(f.geom) as lng, ST_Y(f.geom) as lat`;

/** Filters shared by both forms; `pt` is the SQL of the query point, `deg` of the planar radius bound. */
function shapeWhere(b: SqlBuilder, f: NearbyShape, pt: string, deg: string | null): void {
  b.where(`f.type = any(${b.param(f.types)}::text[])`);
  // planned and closed-down sites are not a place to send a rider; hours decide open_now for the rest
  b.where(`f.status = 'open'`);
  if (f.amenities?.length) b.where(`f.amenities @> ${b.param(f.amenities)}::text[]`);
  // planar superset of the geodesic disc (s ≥ c·d ⇒ d ≤ r/c): uses the index box, exact test afterwards
  if (deg !== null) b.where(`ST_DWithin(f.geom, ${pt}, ${deg})`);
}

/** The two LIMITs are literals, not bound: with them in the text PostgreSQL can cache a generic plan for the
 * prepared statement (a generic plan with LIMIT $n is costed blind and can abandon the KNN walk). */
function literalInt(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) throw new Error('batch sizes must be positive integers');
  return String(n);
}

/** Planar radius, in degrees, that contains the geodesic disc of radius_m around a point at latitude lat. */
const radiusDeg = (lat: number, radius_m: number): number => radius_m / metresPerDegreeLowerBound(lat, radius_m);

/**
 * The spans form, for a batch of points in one statement (one round trip; the API's single question is a
 * batch of one): for each point the n planar-nearest qualifying rows by a KNN walk of the GiST index, their
 * exact distances, the k nearest by (distance, id), and per point the count and farthest planar distance of
 * what was walked (for `isComplete`). A point whose instant lies outside the spans window comes back with
 * spans_ok = false; its rows are not to be used.
 */
export function spansSql(f: NearbyShape, points: readonly NearbyPoint[], n: number): { text: string; params: unknown[] } {
  const b = new SqlBuilder();
  const lngs = b.param(points.map((p) => p.lng));
  const lats = b.param(points.map((p) => p.lat));
  const ats = b.param(points.map((p) => p.at.toISOString()));
  const degs = b.param(points.map((p) => (f.radius_m === undefined ? null : radiusDeg(p.lat, f.radius_m))));
  shapeWhere(b, f, 'q.pt', f.radius_m === undefined ? null : 'q.deg');
  if (f.openOnly) {
    // Outside the window the filter is switched off (the point is asked again from the rules): stale spans
    // would make the walk skip past everything that is not 24/7. A scalar sub-select, not EXISTS, which
    // PostgreSQL may turn into a hashed scan of all of open_spans.
    b.where(`(not q.ok or coalesce((select s.spans @> q.at from open_spans s where s.facility_id = f.id), false))`);
  }
  const radius = f.radius_m === undefined ? '' : `where c.dist_m <= ${b.param(f.radius_m)}::float8`;
  // Next change: when open, the first instant after t outside the spans; when closed, the first one inside.
  // A 24/7 multirange has neither, an empty one (no hours) neither: null, as facility_next_change.
  const text = `
with q as materialized (
  select u.i, u.at, u.deg, ST_SetSRID(ST_MakePoint(u.lng, u.lat), 4326) as pt,
         coalesce((select w.from_ts <= u.at and u.at + interval '192 hours' < w.to_ts from open_spans_window w), false) as ok
    from nearby_points(${lngs}::float8[], ${lats}::float8[], ${ats}::timestamptz[], ${degs}::float8[]) as u
), c as materialized (
  select q.i, x.id, x.geog, x.d_deg, ST_Distance(x.geog, geography(q.pt)) as dist_m
    from q
   cross join lateral (
     select f.id, f.geog, f.geom <-> q.pt as d_deg
       from live_facilities f
      ${b.whereClause()}
      order by f.geom <-> q.pt
      limit ${literalInt(n)}) x
), ranked as (
  select c.i, c.id, c.geog, c.dist_m, row_number() over (partition by c.i order by c.dist_m, c.id) as rk
    from c ${radius}
), meta as (
  select q.i, q.ok, q.at, q.pt, a.n_cand, a.d_max
    from q
   cross join lateral (select count(*)::int as n_cand, max(c.d_deg)::float8 as d_max from c where c.i = q.i) a
)
select m.i, m.ok as spans_ok, m.n_cand, m.d_max,
       ${resultColumns('m.pt', 'coalesce(s.spans @> m.at, false)', "case when nx.x <= m.at + interval '192 hours' then nx.x end")}
  from meta m
  left join (ranked t
             join facilities f on f.id = t.id
             left join open_spans s on s.facility_id = t.id) on t.i = m.i and t.rk <= ${literalInt(f.limit)}
  left join lateral (
    select case when s.spans @> m.at then lower(tstzmultirange(tstzrange(m.at, null)) - s.spans)
                else lower(s.spans * tstzmultirange(tstzrange(m.at, null))) end as x) nx on true
 order by m.i, t.dist_m, t.id`;
  return { text, params: b.params };
}

/**
 * The rules form, one point: opening hours evaluated from opening_rules / opening_intervals / holidays (002)
 * for any instant. `days` is hours_day_kind for the ten local days from t (both ph_modes), read once.
 */
export function rulesSql(f: NearbyFilter, n: number): { text: string; params: unknown[] } {
  const b = new SqlBuilder();
  const pt = `ST_SetSRID(ST_MakePoint(${b.param(f.lng)}::float8, ${b.param(f.lat)}::float8), 4326)`;
  const at = `${b.param(f.at.toISOString())}::timestamptz`;
  shapeWhere(b, f, pt, f.radius_m === undefined ? null : `${b.param(radiusDeg(f.lat, f.radius_m))}::float8`);
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
  const radius = f.radius_m === undefined ? '' : `where r.dist_m <= ${b.param(f.radius_m)}::float8`;
  // Why not facility_open_at / facility_next_change (002): those are scalar SQL functions with sub-selects,
  // which PostgreSQL re-plans on every call (≈ 3 and 8 ms on PostgreSQL 15) — 50 ms per request for five rows.
  // The same rules, set-based over the k rows: `seg` the open spans as instants, and the next change is the
  // first span edge after t that is not glued to its neighbour (…–24:00 then 00:00–…).
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
  select f.id, f.geog, f.geom <-> ${pt} as d_deg
    from live_facilities f
   ${b.whereClause()}
   order by f.geom <-> ${pt}
   limit ${literalInt(n)}
), r as (
  select c.id, c.geog, ST_Distance(c.geog, geography(${pt})) as dist_m from cand c
), top as materialized (
  select r.id, r.geog, r.dist_m from r ${radius} order by r.dist_m, r.id limit ${literalInt(f.limit)}
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
select 1 as i, false as spans_ok, m.n_cand, m.d_max,
       ${resultColumns(pt, 'coalesce(o.always_open or h.open_now, false)', 'h.next_change')}
  from meta m
  left join (top t
             join facilities f on f.id = t.id
             left join opening_rules o on o.facility_id = t.id
             left join hours h on h.id = t.id) on true
 order by t.dist_m, t.id`;
  return { text, params: b.params };
}

/** No unseen candidate can beat or tie the k-th result (see the proof at the top). */
export function isComplete(f: NearbyShape & { lat: number }, n: number, nCand: number, dMaxDeg: number | null, found: number[]): boolean {
  if (nCand < n) return true; // the walk ran out of qualifying rows: everything was seen
  const kth = found.length >= f.limit ? found[f.limit - 1] : undefined;
  const t = kth ?? f.radius_m;
  if (t === undefined) return false; // fewer than k found, no radius, and more rows exist: look further
  return dMaxDeg !== null && metresPerDegreeLowerBound(f.lat, t) * dMaxDeg > t;
}

/** First batch: enough for k = 5 at Yancheng's latitude to settle in one round trip almost always. */
export const firstBatch = (limit: number): number => Math.max(20, 3 * limit + 5);

export interface NearbyResult {
  rows: NearbyRow[];
  rounds: number;
  /** where the hours came from: 'rules' when the spans window did not cover `at` */
  source: HoursSource;
}

/** One point's rows out of a batch answer, coordinates rounded to 6 decimals (≈ 0.1 m). */
function rowsOf(raw: RawRow[]): NearbyRow[] {
  const rows: NearbyRow[] = [];
  for (const { i: _i, spans_ok: _ok, n_cand: _n, d_max: _d, ...r } of raw) {
    if (r.id == null) continue;
    r.lng = Math.round(r.lng! * 1e6) / 1e6;
    r.lat = Math.round(r.lat! * 1e6) / 1e6;
    rows.push(r as NearbyRow);
  }
  return rows;
}

/**
 * Answer a batch of questions sharing one shape: one statement for the first round of all of them; the rare
 * point whose first round does not settle (or whose instant the spans window misses) continues on its own.
 */
export async function findNearbyMany(q: Queryable, f: NearbyShape, points: readonly NearbyPoint[]): Promise<NearbyResult[]> {
  const n = firstBatch(f.limit);
  const { text, params } = spansSql(f, points, n);
  const raw = await q.query<RawRow>(text, params);
  const byPoint: RawRow[][] = points.map(() => []);
  for (const r of raw) byPoint[Number(r.i) - 1]?.push(r);
  return Promise.all(points.map((p, j) => settle(q, { ...f, ...p }, n, byPoint[j])));
}

/**
 * Rounds of one question, starting from the spans with batch size n (the first answer may come from a batch):
 * a missed window switches to the rules at the same n, an unproven top k retries with 4n.
 */
async function settle(q: Queryable, f: NearbyFilter, n: number, first?: RawRow[]): Promise<NearbyResult> {
  let source: HoursSource = 'spans';
  let raw = first;
  for (let rounds = 1; ; rounds++) {
    if (raw === undefined) {
      const { text, params } = source === 'spans' ? spansSql(f, [f], n) : rulesSql(f, n);
      raw = await q.query<RawRow>(text, params);
    }
    const head = raw[0];
    if (source === 'spans' && !head?.spans_ok) {
      source = 'rules';
      raw = undefined;
      continue;
    }
    const rows = rowsOf(raw);
    // terminates: once n exceeds the number of qualifying rows, n_cand < n
    if (isComplete(f, n, head?.n_cand ?? 0, head?.d_max ?? null, rows.map((r) => r.distance_m))) return { rows, rounds, source };
    n *= 4;
    raw = undefined;
  }
}

export async function findNearby(q: Queryable, f: NearbyFilter): Promise<NearbyResult> {
  const [only] = await findNearbyMany(q, f, [f]);
  return only;
}
