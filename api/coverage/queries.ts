import { cellToParent, gridDisk } from 'h3-js';
import type { Db, Queryable } from '../db/index.ts';
import { badParam } from '../errors.ts';
import type { FacilityType } from '../facilities/types.ts';
import { SqlBuilder } from '../lib/sql.ts';
import { resolveRegion, type RegionRef } from '../regions/queries.ts';
import {
  CITY_CODE, coverageCtes, DEFAULT_COVERAGE_TYPES, DEFAULT_RADIUS_M, regionFilterSql, resolveCoverageTime, weightSql,
  type CoverageTime, type CoverageWeight, type Site,
} from './pairs.ts';
import type { CapacityResultT, CellsResultT, CoverageResultT, GapsResultT } from './schema.ts';

/** A coverage question after defaults are applied. */
export interface CoverageParams {
  radius_m: number;
  region: RegionRef;
  time: CoverageTime;
  types: FacilityType[];
  weight: CoverageWeight;
  /** hypothetical extra sites (scenarios) */
  sites?: readonly Site[];
}

export interface CoverageInput {
  radius_m?: number;
  region?: string;
  hour?: number;
  date?: string;
  types?: FacilityType[];
  weight?: CoverageWeight;
}

/** Apply defaults, check the region (404 unknown; 400 for a village — demand is attached to towns). */
export async function resolveCoverageParams(q: Queryable, p: CoverageInput): Promise<CoverageParams> {
  const region = await resolveRegion(q, p.region ?? CITY_CODE);
  if (region.level === 'village') {
    throw badParam('region', '覆盖率最细到乡镇（街道），请给出市、县（区）或乡镇代码',
      'coverage is computed down to towns: give a city, county or town code', { param: 'region', code: region.code });
  }
  return {
    radius_m: p.radius_m ?? DEFAULT_RADIUS_M,
    region,
    time: await resolveCoverageTime(q, { hour: p.hour, date: p.date }),
    types: p.types ?? [...DEFAULT_COVERAGE_TYPES],
    weight: p.weight ?? 'residents',
  };
}

/**
 * Run fn with JIT off. Why: these aggregates over 200k demand rows cross PostgreSQL's jit_above_cost, and on
 * PostgreSQL 15 compiling them costs ≈ 250 ms to save ≈ 10 ms (city-wide coverage: 330 ms with JIT, 80 ms
 * without). `set local` lasts for one short read-only transaction; a Tx passed in is used as it is.
 */
export async function withoutJit<T>(q: Queryable, fn: (q: Queryable) => Promise<T>): Promise<T> {
  if (!('tx' in q)) return fn(q);
  return (q as Db).tx(async (tx) => {
    await tx.query('set local jit = off');
    return fn(tx);
  });
}

/** The echoed question at the top of every answer (see QuestionEcho in schema.ts). */
const questionEcho = (p: CoverageParams) => ({
  radius_m: p.radius_m,
  region: { code: p.region.code, name: p.region.name, level: p.region.level },
  hour: p.time.hour,
  date: p.time.date,
  types: p.types,
  weight: p.weight,
});

const rulesOf = (p: CoverageParams) => ({ radius_m: p.radius_m, types: p.types, sites: p.sites, region: p.region.code });

export async function isDemo(q: Queryable): Promise<boolean> {
  const [r] = await q.query<{ demo: boolean }>('select exists (select 1 from live_facilities where demo) as demo');
  return r.demo;
}

const ratio = (covered: number, total: number): number | null => (total > 0 ? covered / total : null);

/** Overall and per-child coverage. A region without demand has total 0 and ratio null (nothing to cover). */
export async function coverageSummary(q: Queryable, p: CoverageParams): Promise<Omit<CoverageResultT, 'demo' | 'elapsed_ms'>> {
  const b = new SqlBuilder();
  const ctes = coverageCtes(b, rulesOf(p), p.time);
  const w = weightSql(b, p.weight, p.time.hour);
  const rf = regionFilterSql(b, p.region.code);
  // Totals and covered sums as two branches of one aggregate: the covered branch reads only the covered cells
  // (by primary key), and no per-cell join against the covered set is needed for the totals.
  const rows = await q.query<{ town: string; county: string; total: number; covered: number }>(
    `with ${ctes}, sums as (
       select x.region_code, sum(x.t)::float8 as total, sum(x.c)::float8 as covered
         from (select d.region_code, ${w} as t, 0 as c from demand d where ${rf}
               union all
               select d.region_code, 0, ${w} from covered c join demand d on d.h3 = c.h3 where ${rf}) x
        group by x.region_code
     )
     select s.region_code as town, t.parent_code as county, s.total, s.covered
       from sums s join regions t on t.code = s.region_code`,
    b.params,
  );
  const level = p.region.level;
  const children =
    level === 'town'
      ? []
      : await q.query<{ code: string; name: string }>(
          `select code, name from regions where parent_code = $1 and level = $2 order by code`,
          [p.region.code, level === 'city' ? 'county' : 'town'],
        );
  const acc = new Map(children.map((c) => [c.code, { total: 0, covered: 0 }]));
  let total = 0;
  let covered = 0;
  for (const r of rows) {
    total += r.total;
    covered += r.covered;
    const a = acc.get(level === 'city' ? r.county : r.town);
    if (a) {
      a.total += r.total;
      a.covered += r.covered;
    }
  }
  const list = children.map((c) => {
    const a = acc.get(c.code)!;
    return { code: c.code, name: c.name, total: a.total, covered: a.covered, ratio: ratio(a.covered, a.total) };
  });
  // Worst first; regions with nothing to cover (ratio null) last; code breaks ties so the order is stable.
  list.sort((x, y) => {
    if (x.ratio === null || y.ratio === null) return x.ratio === y.ratio ? x.code.localeCompare(y.code) : x.ratio === null ? 1 : -1;
    return x.ratio - y.ratio || x.code.localeCompare(y.code);
  });
  return {
    ...questionEcho(p),
    total,
    covered,
    ratio: ratio(covered, total),
    children: list,
  };
}

/**
 * Geodesic distance from each point to the nearest counted facility (null when none counts). Why the two
 * steps: the 3 nearest on the sphere (geography <->, cheap) always include the nearest on the spheroid at
 * these distances (the two differ by < 0.3 %), and only those 3 pay for the spheroid distance.
 */
async function nearestDistances(q: Queryable, p: CoverageParams, pts: ReadonlyArray<readonly [number, number]>): Promise<(number | null)[]> {
  if (pts.length === 0) return [];
  const b = new SqlBuilder();
  // no region restriction: the nearest facility of an uncovered cell is by definition beyond radius_m
  const ctes = coverageCtes(b, { ...rulesOf(p), sites: undefined, region: null }, p.time);
  const rows = await q.query<{ i: number; m: number | null }>(
    `with ${ctes}
     select s.i, (select min(ST_Distance(k.geom::geography, g.pt::geography))
                    from (select e.geom from eligible e order by e.geom::geography <-> g.pt::geography limit 3) k) as m
       from unnest(${b.param(pts.map((x) => x[0]))}::float8[], ${b.param(pts.map((x) => x[1]))}::float8[])
            with ordinality as s (lng, lat, i)
      cross join lateral (select ST_SetSRID(ST_MakePoint(s.lng, s.lat), 4326) as pt) g
      order by s.i`,
    b.params,
  );
  return rows.map((r) => r.m);
}

/**
 * How many of the heaviest uncovered cells are merged into gap areas. Why a pool and not every uncovered cell:
 * rural demand is continuous, so all uncovered cells of a county touch and would form one useless blob;
 * the heaviest cells form the hot spots a planner acts on.
 */
export const GAP_AREA_POOL = 5000;

export async function gaps(q: Queryable, p: CoverageParams, limit: number): Promise<Omit<GapsResultT, 'demo' | 'elapsed_ms'>> {
  const b = new SqlBuilder();
  const ctes = coverageCtes(b, rulesOf(p), p.time);
  const w = weightSql(b, p.weight, p.time.hour);
  const pool = await q.query<{ h3: string; w: number; lng: number; lat: number }>(
    `with ${ctes}
     select d.h3, (${w})::float8 as w, ST_X(d.centroid) as lng, ST_Y(d.centroid) as lat
       from demand d
       left join covered c on c.h3 = d.h3
      where c.h3 is null and ${regionFilterSql(b, p.region.code)} and (${w}) > 0
      order by 2 desc, d.h3
      limit ${b.param(Math.max(GAP_AREA_POOL, limit))}`,
    b.params,
  );
  const top = pool.slice(0, limit);
  const areas = mergeAreas(pool.slice(0, GAP_AREA_POOL)).slice(0, limit);
  const nearest = await nearestDistances(q, p, [
    ...top.map((c) => [c.lng, c.lat] as const),
    ...areas.map((a) => a.centroid),
  ]);
  return {
    ...questionEcho(p),
    cells: {
      type: 'FeatureCollection',
      features: top.map((c, i) => ({
        type: 'Feature' as const,
        id: c.h3,
        geometry: { type: 'Point' as const, coordinates: [c.lng, c.lat] as [number, number] },
        properties: { h3: c.h3, weight: c.w, nearest_m: nearest[i] },
      })),
    },
    areas: areas.map((a, i) => ({ ...a, id: i + 1, nearest_m: nearest[top.length + i] })),
  };
}

interface AreaDraft {
  cells: number;
  weight: number;
  centroid: [number, number];
  h3: string[];
}

/** Union-find over H3 neighbours (gridDisk k = 1); areas ranked by total weight, then by their first cell. */
export function mergeAreas(cells: ReadonlyArray<{ h3: string; w: number; lng: number; lat: number }>): AreaDraft[] {
  const index = new Map(cells.map((c, i) => [c.h3, i]));
  const parent = cells.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  cells.forEach((c, i) => {
    for (const n of gridDisk(c.h3, 1)) {
      const j = index.get(n);
      if (j !== undefined) {
        const a = find(i);
        const bRoot = find(j);
        if (a !== bRoot) parent[Math.max(a, bRoot)] = Math.min(a, bRoot);
      }
    }
  });
  const groups = new Map<number, number[]>();
  cells.forEach((_, i) => {
    const r = find(i);
    const g = groups.get(r);
    if (g) g.push(i);
    else groups.set(r, [i]);
  });
  const out = [...groups.entries()].map(([root, members]) => {
    let weight = 0;
    let x = 0;
    let y = 0;
    for (const i of members) {
      weight += cells[i].w;
      x += cells[i].w * cells[i].lng;
      y += cells[i].w * cells[i].lat;
    }
    const h3 = members.map((i) => cells[i].h3).sort();
    return {
      root,
      cells: members.length,
      weight,
      centroid: [round6(x / weight), round6(y / weight)] as [number, number],
      h3,
    };
  });
  // cells arrive heaviest first, so the root (smallest index) is the area's heaviest cell: a stable tie-break
  out.sort((a, b) => b.weight - a.weight || a.root - b.root);
  return out.map(({ root: _root, ...a }) => a);
}

const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

/** The demand layer for the map: parallel arrays; coarser resolutions carry the covered share of weight. */
export async function coverageCells(q: Queryable, p: CoverageParams, res: number): Promise<Omit<CellsResultT, 'demo'>> {
  const b = new SqlBuilder();
  const ctes = coverageCtes(b, rulesOf(p), p.time);
  const w = weightSql(b, p.weight, p.time.hour);
  const rows = await q.query<{ h3: string; w: number; c: boolean }>(
    `with ${ctes}
     select d.h3, (${w})::float8 as w, (c.h3 is not null) as c
       from demand d
       left join covered c on c.h3 = d.h3
      where ${regionFilterSql(b, p.region.code)} and (${w}) > 0
      order by d.h3`,
    b.params,
  );
  if (res === 9) {
    return { res, h3: rows.map((r) => r.h3), weight: rows.map((r) => r.w), covered: rows.map((r) => (r.c ? 1 : 0)) };
  }
  const agg = new Map<string, { w: number; c: number }>();
  for (const r of rows) {
    const k = cellToParent(r.h3, res);
    const a = agg.get(k) ?? { w: 0, c: 0 };
    a.w += r.w;
    if (r.c) a.c += r.w;
    agg.set(k, a);
  }
  const keys = [...agg.keys()].sort();
  return {
    res,
    h3: keys,
    weight: keys.map((k) => agg.get(k)!.w),
    covered: keys.map((k) => Math.round((agg.get(k)!.c / agg.get(k)!.w) * 1e4) / 1e4),
  };
}

/** Overloaded when demand per unit of capacity exceeds this multiple of the median over the listed facilities. */
export const OVERLOAD_FACTOR = 2;

export async function capacity(q: Queryable, p: CoverageParams): Promise<Omit<CapacityResultT, 'demo' | 'elapsed_ms'>> {
  const b = new SqlBuilder();
  // every counted facility, not only the region's: a border cell's share depends on its neighbours' sites too
  const ctes = coverageCtes(b, { ...rulesOf(p), region: null }, p.time);
  const r = b.param(p.radius_m);
  const w = weightSql(b, p.weight, p.time.hour);
  const rows = await q.query<{ id: number; name: string; type: FacilityType; capacity: number; demand: number }>(
    `with ${ctes}, cover as (
       select p.h3, e.id
         from eligible e
         join coverage_pairs p on p.facility_id = e.id and p.distance_m <= ${r}::float8
        where e.type = any(coverage_pair_types())
       union all
       select d.h3, e.id
         from eligible e
         join demand d on d.centroid && coverage_box(e.geom, ${r}::float8)
                      and ST_DWithin(e.geom::geography, d.centroid::geography, ${r}::float8 + 0.001)
                      and ST_Distance(e.geom::geography, d.centroid::geography) <= ${r}::float8
        where not (e.type = any(coverage_pair_types()))
     ), share as (
       select h3, count(*)::float8 as n from cover group by h3
     ), load as (
       select c.id, sum((${w})::float8 / s.n) as demand
         from cover c
         join share s on s.h3 = c.h3
         join demand d on d.h3 = c.h3
        group by c.id
     )
     select f.id, f.name, f.type, f.capacity, coalesce(l.demand, 0)::float8 as demand
       from eligible e
       join live_facilities f on f.id = e.id
       left join load l on l.id = e.id
      where f.capacity is not null and ${regionFilterSql(b, p.region.code, 'f')}`,
    b.params,
  );
  const list = rows.map((x) => ({ ...x, per_unit: x.demand / x.capacity }));
  const sorted = list.map((x) => x.per_unit).sort((a, c) => a - c);
  const median = sorted.length === 0 ? null : sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  // a median of 0 (no demand at most sites, e.g. riders at 04:00) gives no meaningful threshold
  const threshold = median === null || median === 0 ? null : OVERLOAD_FACTOR * median;
  list.sort((a, c) => c.per_unit - a.per_unit || a.id - c.id);
  return {
    ...questionEcho(p),
    threshold_per_unit: threshold,
    facilities: list.map((x) => ({ ...x, overloaded: threshold !== null && x.per_unit > threshold })),
  };
}
