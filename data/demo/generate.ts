// Deterministic, seeded demo data for the 盐城 service-site network, calibrated to the 2025 report
// (see targets.ts for every figure and its source, README.md for the method).
//
// Load order (foreign keys): regions → zones → grids → facilities → enterprises → unions → demand, then
// `data.updates` in the same transaction. grids.shared_site_id → facilities and facilities.grid_id → grids form a
// cycle, so the grids CSV leaves shared_site_id out (NULL) and the first update sets it once the facilities exist;
// the other updates move the identity sequences past the explicit ids we loaded.

import { Delaunay } from 'd3-delaunay';
import { cellToLatLng, polygonToCellsExperimental } from 'h3-js';
import polygonClipping from 'polygon-clipping';
import { type AreaUnit, type Boundaries, loadBoundaries, type VillagePoint } from './boundaries.ts';
import { syntheticCreditCode } from './credit-code.ts';
import { type CsvValue, csvText, pgArray } from './csv.ts';
import {
  areaKm2,
  type BBox,
  bboxIntersects,
  bboxOf,
  distanceMetres,
  interiorPoint,
  M_PER_DEG_LAT,
  M_PER_DEG_LNG,
  type MultiPolygon,
  multiPolygonEwkt,
  offsetMetres,
  pointEwkt,
  type Position,
  PreparedArea,
  roundMultiPolygon,
  roundPosition,
} from './geo.ts';
import {
  COLLEGE_THEMES,
  DISTRICT_SUFFIXES,
  INDUSTRIES,
  NEW_FORM_INDUSTRY_NAMES,
  PARK_THEMES,
  shortCountyName,
  STUDIO_CRAFTS,
  TRADE_NAME_CHARS,
  villageShortName,
} from './names.ts';
import { Rng, weightedSample } from './prng.ts';
import * as T from './targets.ts';

export const DEFAULT_SEED = 20250126;

// ---------------------------------------------------------------------------------------------------------------
// Row types (one per table; field names are the column names in api/db/migrations/001_core.sql)

export type FacilityType =
  | 'worker_home'
  | 'station'
  | 'party_center'
  | 'service_center'
  | 'craftsman_college'
  | 'model_studio'
  | 'mediation'
  | 'summer_care';
export type HostType = 'party_center' | 'service_center' | 'enterprise' | 'park' | 'business_district' | 'school' | 'standalone';
export type FacilityStatus = 'open' | 'closed' | 'planned';

export interface RegionRow {
  code: string;
  name: string;
  level: 'city' | 'county' | 'town' | 'village';
  parent_code: string | null;
  approximate: boolean;
  pinyin: string | null;
  /** null for villages (they have no published polygon) */
  geom: MultiPolygon | null;
  centroid: Position;
}

export interface ZoneRow {
  id: number;
  kind: 'park' | 'business_district';
  name: string;
  region_code: string;
  geom: MultiPolygon;
}

export interface GridRow {
  id: number;
  town_code: string;
  /** the village / community this grid is drawn around (not a column) */
  village_code: string | null;
  name: string;
  geom: MultiPolygon;
  party_org: string;
  union_org: string | null;
  synced_built: boolean;
  cross_posts: number;
  /** set by `updates` after facilities are loaded (not in the grids CSV) */
  shared_site_id: number | null;
  workers: number;
  new_form_workers: number;
}

export interface FacilityRow {
  id: number;
  type: FacilityType;
  name: string;
  address: string;
  geom: Position;
  region_code: string;
  grid_id: number | null;
  host_type: HostType;
  co_built: boolean;
  opening_hours: string;
  amenities: string[];
  capacity: number | null;
  status: FacilityStatus;
  opened_on: string | null;
  last_verified: string | null;
  contact: string | null;
  demo: true;
}

export interface EnterpriseRow {
  id: number;
  credit_code: string;
  name: string;
  industry: string;
  geom: Position;
  region_code: string;
  zone_id: number | null;
  employees: number;
  non_public: boolean;
  unionized: boolean;
  own_union_on: string | null;
  has_workers_congress: boolean;
  open_affairs: boolean;
  reform_pilot: boolean;
  skill_pay: boolean;
  skill_pay_workers: number;
  collective_contract: boolean;
  demo: true;
}

export interface UnionRow {
  id: number;
  kind: 'enterprise' | 'industry_federation' | 'regional_federation';
  name: string;
  region_code: string;
  parent_id: number | null;
  industry: string | null;
  members: number;
  new_form_members: number;
  enterprise_id: number | null;
  founded_on: string | null;
  demo: true;
}

export interface DemandRow {
  h3: string;
  region_code: string;
  centroid: Position;
  residents: number;
  workers: number;
  new_form_workers: number;
  rider_activity: number[];
}

/** A statement to run after the CSV tables are loaded, in order, with bound parameters (all strings). */
export interface SqlUpdate {
  sql: string;
  params: string[];
}

export interface DemoData {
  seed: number;
  regions: RegionRow[];
  zones: ZoneRow[];
  grids: GridRow[];
  facilities: FacilityRow[];
  enterprises: EnterpriseRow[];
  unions: UnionRow[];
  demand: DemandRow[];
  /**
   * Run after COPYing every table of demoCsv(), in this order, in the same transaction:
   * [0] sets grids.shared_site_id (the FK cycle grids ↔ facilities), [1..] advance the identity sequences of
   * facilities, enterprises and unions past the explicit ids, so later inserts by the API do not collide.
   */
  updates: SqlUpdate[];
}

export interface DemoOptions {
  seed?: number;
  /** defaults to the committed files in data/boundaries/ */
  boundaries?: Boundaries;
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

/** Integer allocation of `total` proportional to weights, exact sum (largest remainder; ties → lower index). */
export function allocateLargestRemainder(total: number, weights: readonly number[]): number[] {
  let sum = 0;
  for (const w of weights) sum += w;
  if (!(sum > 0)) throw new Error('allocateLargestRemainder: weights sum to zero');
  const out = new Array<number>(weights.length);
  const rema = new Float64Array(weights.length);
  let given = 0;
  for (let i = 0; i < weights.length; i++) {
    const exact = (total * weights[i]) / sum;
    out[i] = Math.floor(exact);
    given += out[i];
    rema[i] = exact - out[i];
  }
  const order = Uint32Array.from({ length: weights.length }, (_, i) => i);
  order.sort((a, b) => rema[b] - rema[a] || a - b);
  for (let k = 0; given < total; k++, given++) out[order[k % order.length]]++;
  return out;
}

const DAY_MS = 86_400_000;

function isoDate(epochDay: number): string {
  return new Date(epochDay * DAY_MS).toISOString().slice(0, 10);
}

function epochDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function randomDate(rng: Rng, fromIso: string, toIso: string): string {
  return isoDate(rng.int(epochDay(fromIso), epochDay(toIso)));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Phone numbers that cannot be real: a Chinese local number never starts with 0 after the area code. */
function fakeContact(rng: Rng): string {
  return `0515-0${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
}

const AMENITY_ORDER = ['water', 'charging', 'toilet', 'microwave', 'rest', 'wifi', 'first_aid', 'heating', 'cooling', 'books', 'repair'] as const;

function amenities(rng: Rng, p: Partial<Record<(typeof AMENITY_ORDER)[number], number>>): string[] {
  return AMENITY_ORDER.filter((a) => rng.chance(p[a] ?? 0));
}

const HOURS = {
  always: '24/7',
  office: 'Mo-Fr 08:30-17:30; PH off',
  daily: 'Mo-Su 08:00-20:00',
  officeSplit: 'Mo-Fr 08:30-12:00,14:00-17:30; PH off',
  long6: 'Mo-Sa 07:00-21:00',
  long7: 'Mo-Su 06:00-22:00',
  withSat: 'Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off',
} as const;

function pickWeighted<T>(rng: Rng, options: ReadonlyArray<readonly [T, number]>): T {
  return options[rng.weightedIndex(options.map((o) => o[1]))][0];
}

// Rider presence by hour as a share of a cell's new-form workers: lunch (11–13) and dinner (17–19) peaks.
const RIDER_PROFILE = [
  0.1, 0.07, 0.05, 0.04, 0.04, 0.06, 0.15, 0.3, 0.4, 0.45, 0.6, 0.95, 1.0, 0.7, 0.45, 0.4, 0.5, 0.8, 0.95, 0.85, 0.6,
  0.45, 0.3, 0.18,
];
const NIGHT_HOURS = new Set([0, 1, 2, 3, 4, 5, 22, 23]);
const ZERO_DAY: readonly number[] = new Array<number>(24).fill(0);

/**
 * Approximate centre of 盐城 urban core (between 亭湖 and 盐都, near the 市政府 at 世纪大道). Only shapes the
 * synthetic density surface; nothing is located by it.
 */
const CITY_CORE: Position = [120.16, 33.355];

/** County seats (县城) by the town that hosts them, matched by name in the boundary files; absent names are skipped. */
const COUNTY_SEAT_TOWNS = ['大中街道', '响水镇', '双港镇', '东坎街道', '阜城街道', '合德镇', '近湖街道', '钟庄街道', '东台镇', '城东新区'];

/** City districts: higher density and more business districts. */
const URBAN_COUNTIES = new Set(['320902', '320903', '320971']);

/** 同步建 share by county: varies on purpose so the map shows differences (synthetic). */
const SYNCED_BUILT_RATE: Readonly<Record<string, number>> = {
  '320902': 0.92,
  '320903': 0.88,
  '320971': 0.95,
  '320904': 0.8,
  '320981': 0.76,
  '320925': 0.7,
  '320924': 0.64,
  '320923': 0.58,
  '320922': 0.53,
  '320921': 0.47,
};

// ---------------------------------------------------------------------------------------------------------------
// Working structures

interface Town {
  unit: AreaUnit;
  area: PreparedArea;
  county: AreaUnit;
  label: Position;
  villages: VillageInfo[];
  /** nearest-village search in the metric-scaled plane (x = lng·cos φ, y = lat), the same plane as the Voronoi */
  delaunay: Delaunay<Position> | null;
  grids: GridRow[];
  gridAreas: PreparedArea[];
  cells: number[];
}

interface VillageInfo {
  v: VillagePoint;
  anchor: Position;
  grid: GridRow | null;
  gridIdx: number;
}

interface Cell {
  h3: string;
  p: Position;
  town: number;
  urban: number;
  residents: number;
  workers: number;
  nfw: number;
  zone: number;
  gridId: number | null;
}

const X_SCALE = M_PER_DEG_LNG / M_PER_DEG_LAT;

// ---------------------------------------------------------------------------------------------------------------

export function generateDemo(opts: DemoOptions = {}): DemoData {
  const seed = opts.seed ?? DEFAULT_SEED;
  const b = opts.boundaries ?? loadBoundaries();
  const rng = (stream: string): Rng => new Rng(seed, stream);

  const countyByCode = new Map(b.counties.map((c) => [c.code, c]));
  const towns: Town[] = [];
  const townIndex = new Map<string, number>();
  for (const unit of b.towns) {
    const county = unit.parent_code ? countyByCode.get(unit.parent_code) : undefined;
    if (!county) throw new Error(`town ${unit.code} ${unit.name}: parent ${unit.parent_code} is not a county`);
    townIndex.set(unit.code, towns.length);
    towns.push({
      unit,
      area: new PreparedArea(unit.geom),
      county,
      label: interiorPoint(unit.geom),
      villages: [],
      delaunay: null,
      grids: [],
      gridAreas: [],
      cells: [],
    });
  }

  // --- villages: anchor = their point, moved inside the town if needed, nudged apart if two coincide -------------
  const villageRng = rng('villages');
  for (const v of b.villages) {
    const ti = townIndex.get(v.town_code);
    if (ti === undefined) continue; // its town is not in the slice: dropped (FK)
    const town = towns[ti];
    let anchor = v.point;
    if (!town.area.contains(anchor)) anchor = pullInside(town, anchor);
    const taken = (q: Position): boolean => town.villages.some((o) => o.anchor[0] === q[0] && o.anchor[1] === q[1]);
    for (let k = 0; taken(anchor) || !town.area.contains(anchor); k++) {
      if (k > 50) throw new Error(`village ${v.code}: cannot find a free point inside ${town.unit.name}`);
      anchor = roundPosition(offsetMetres(v.point, villageRng.range(-60, 60), villageRng.range(-60, 60)));
    }
    town.villages.push({ v, anchor, grid: null, gridIdx: -1 });
  }
  for (const town of towns) {
    if (town.villages.length > 0) {
      town.delaunay = Delaunay.from(
        town.villages.map((vi) => [vi.anchor[0] * X_SCALE, vi.anchor[1]] as Position),
      );
    }
  }

  // --- regions --------------------------------------------------------------------------------------------------
  const regions: RegionRow[] = [];
  const areaRow = (u: AreaUnit): RegionRow => ({
    code: u.code,
    name: u.name,
    level: u.level,
    parent_code: u.parent_code,
    approximate: u.approximate,
    pinyin: u.pinyin,
    geom: u.geom,
    centroid: interiorPoint(u.geom),
  });
  regions.push(areaRow(b.city));
  for (const c of b.counties) regions.push({ ...areaRow(c), parent_code: c.parent_code ?? b.city.code });
  for (const t of towns) regions.push({ ...areaRow(t.unit), centroid: t.label });
  for (const t of towns) {
    for (const vi of t.villages) {
      regions.push({
        code: vi.v.code,
        name: vi.v.name,
        level: 'village',
        parent_code: t.unit.code,
        approximate: false,
        pinyin: vi.v.pinyin,
        geom: null,
        centroid: vi.anchor,
      });
    }
  }
  regions.sort((x, y) => levelRank(x.level) - levelRank(y.level) || cmp(x.code, y.code));

  // --- urban cores: a smooth density surface ---------------------------------------------------------------------
  interface Core {
    p: Position;
    amp: number;
    sigma_m: number;
  }
  const cores: Core[] = [{ p: CITY_CORE, amp: 14, sigma_m: 5500 }];
  for (const t of towns) {
    const urbanCounty = URBAN_COUNTIES.has(t.county.code);
    if (t.unit.name.endsWith('街道')) cores.push({ p: t.label, amp: urbanCounty ? 5 : 4, sigma_m: 2200 });
    if (COUNTY_SEAT_TOWNS.includes(t.unit.name)) cores.push({ p: t.label, amp: 6, sigma_m: 3000 });
  }
  const urbanness = (p: Position): number => {
    let u = 0;
    for (const c of cores) {
      const dx = (p[0] - c.p[0]) * M_PER_DEG_LNG;
      const dy = (p[1] - c.p[1]) * M_PER_DEG_LAT;
      const reach = 4 * c.sigma_m;
      if (dx > reach || dx < -reach || dy > reach || dy < -reach) continue;
      u += c.amp * Math.exp(-(dx * dx + dy * dy) / (2 * c.sigma_m * c.sigma_m));
    }
    return u;
  };

  // --- demand cells: H3 res 9 by cell centre, each in exactly one town --------------------------------------------
  const cells: Cell[] = [];
  const seen = new Set<string>();
  for (let ti = 0; ti < towns.length; ti++) {
    const ids: string[] = [];
    // containmentCenter = the classic polygonToCells rule (cell centre inside); the v4.2 algorithm is 2× faster.
    for (const poly of towns[ti].unit.geom) {
      for (const h of polygonToCellsExperimental(poly, T.DEMAND_H3_RESOLUTION, 'containmentCenter', true)) ids.push(h);
    }
    ids.sort(cmp);
    for (const h3 of ids) {
      if (seen.has(h3)) continue;
      seen.add(h3);
      const [lat, lng] = cellToLatLng(h3);
      const p = roundPosition([lng, lat]);
      // H3 decides by the exact centre; we emit the rounded one, so re-check against what PostGIS will see.
      let owner = towns[ti].area.contains(p) ? ti : -1;
      if (owner < 0) owner = towns.findIndex((t) => t.area.contains(p));
      if (owner < 0) continue;
      cells.push({ h3, p, town: owner, urban: 0, residents: 0, workers: 0, nfw: 0, zone: -1, gridId: null });
    }
  }
  cells.sort((a, c) => cmp(a.h3, c.h3));
  cells.forEach((c, i) => towns[c.town].cells.push(i));

  // residents: per-county totals (targets.ts), spread by a surface = hamlets around village points + urban cores
  const demandRng = rng('demand');
  const residentWeight = new Array<number>(cells.length);
  const findHint = towns.map(() => 0);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    c.urban = urbanness(c.p);
    const town = towns[c.town];
    let dv_km = 2;
    if (town.delaunay) {
      const k = town.delaunay.find(c.p[0] * X_SCALE, c.p[1], findHint[c.town]);
      findHint[c.town] = k;
      dv_km = distanceMetres(c.p, town.villages[k].anchor) / 1000;
    }
    const rural = 0.25 + 1.5 * Math.exp(-(dv_km * dv_km) / (2 * 0.45 * 0.45));
    residentWeight[i] = (rural + 2 * c.urban) * Math.exp(0.35 * demandRng.normal());
  }
  const countyCells = new Map<string, number[]>();
  cells.forEach((c, i) => {
    const code = towns[c.town].county.code;
    const list = countyCells.get(code) ?? [];
    list.push(i);
    countyCells.set(code, list);
  });
  const countyCodes = b.counties.map((c) => c.code);
  const residentTotals = countyResidentTotals(countyCodes, (code) => areaKm2(countyByCode.get(code)!.geom));
  for (const code of countyCodes) {
    const idx = countyCells.get(code) ?? [];
    if (idx.length === 0) throw new Error(`county ${code} has no demand cells`);
    const alloc = allocateLargestRemainder(residentTotals.get(code)!, idx.map((i) => residentWeight[i]));
    idx.forEach((i, k) => (cells[i].residents = alloc[k]));
  }

  // --- zones (parks, business districts): small polygons inside towns, mostly in urban cores --------------------
  const zones = makeZones(rng('zones'), towns, cells);
  const zoneAreas = zones.map((z) => new PreparedArea(z.geom));
  const zoneAt = (p: Position): number => zoneAreas.findIndex((a) => a.contains(p));

  // workers (≈ 55 % of the ~65 % working-age residents) plus jobs in parks; new-form workers in urban cores
  const workRng = rng('workers');
  const nfwWeight = new Array<number>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    c.zone = zoneAt(c.p);
    const z = c.zone >= 0 ? zones[c.zone] : null;
    const jobs = z ? (z.kind === 'park' ? workRng.int(300, 1200) : workRng.int(150, 600)) : 0;
    c.workers = Math.round(c.residents * 0.36 * Math.exp(0.2 * workRng.normal())) + jobs;
    const core = Math.min(1, c.urban / 8);
    nfwWeight[i] = (c.residents + 0.3 * jobs) * (0.02 + core) * (z?.kind === 'business_district' ? 2.5 : 1);
  }
  const nfwAlloc = allocateLargestRemainder(T.NEW_FORM_WORKERS, nfwWeight);
  const riderRng = rng('riders');
  const riderActivity: number[][] = cells.map((c, i) => {
    c.nfw = nfwAlloc[i];
    if (c.nfw === 0) return ZERO_DAY.slice();
    const nightFactor = 0.15 + 0.85 * Math.min(1, c.urban / 6);
    const day = new Array<number>(24);
    for (let h = 0; h < 24; h++) {
      const expected = c.nfw * 0.55 * RIDER_PROFILE[h] * (NIGHT_HOURS.has(h) ? nightFactor : 1);
      day[h] = Math.floor(expected + riderRng.float()); // stochastic rounding keeps small cells unbiased
    }
    return day;
  });

  // --- grids: Voronoi of village points clipped to the town ------------------------------------------------------
  const gridRng = rng('grids');
  const grids: GridRow[] = [];
  for (const town of towns) makeGrids(town, grids, gridRng);
  const gridOf = (ti: number, p: Position): GridRow | null => {
    const town = towns[ti];
    if (town.grids.length === 1) return town.gridAreas[0].contains(p) ? town.grids[0] : null;
    if (town.delaunay) {
      const vi = town.villages[town.delaunay.find(p[0] * X_SCALE, p[1])];
      if (vi.gridIdx >= 0 && town.gridAreas[vi.gridIdx].contains(p)) return town.grids[vi.gridIdx];
    }
    const k = town.gridAreas.findIndex((a) => a.contains(p));
    return k >= 0 ? town.grids[k] : null;
  };
  for (const c of cells) {
    const g = gridOf(c.town, c.p);
    if (!g) continue;
    c.gridId = g.id;
    g.workers += c.workers;
    g.new_form_workers += c.nfw;
  }

  // --- enterprises ----------------------------------------------------------------------------------------------
  const enterprises = makeEnterprises(rng('enterprises'), towns, cells, zones, zoneAreas, zoneAt);

  // --- facilities -----------------------------------------------------------------------------------------------
  const facilities = makeFacilities(rng('facilities'), towns, cells, zones, enterprises, gridOf, townIndex);

  // 共建享: a grid shares the co-built service site inside it, or (for many synced grids) the nearest one in town
  const shareRng = rng('shared');
  const coBuiltByGrid = new Map<number, FacilityRow>();
  const coBuiltByTown = new Map<string, FacilityRow[]>();
  for (const f of facilities) {
    if (!f.co_built || (f.type !== 'station' && f.type !== 'worker_home') || f.status === 'planned') continue;
    if (f.grid_id !== null && !coBuiltByGrid.has(f.grid_id)) coBuiltByGrid.set(f.grid_id, f);
    const list = coBuiltByTown.get(f.region_code) ?? [];
    list.push(f);
    coBuiltByTown.set(f.region_code, list);
  }
  for (const g of grids) {
    const own = coBuiltByGrid.get(g.id);
    if (own) {
      g.shared_site_id = own.id;
      continue;
    }
    const candidates = coBuiltByTown.get(g.town_code) ?? [];
    if (candidates.length === 0 || !shareRng.chance(g.synced_built ? 0.6 : 0.2)) continue;
    const centre = interiorPoint(g.geom);
    let best = candidates[0];
    for (const f of candidates) if (distanceMetres(centre, f.geom) < distanceMetres(centre, best.geom)) best = f;
    g.shared_site_id = best.id;
  }

  // --- unions ---------------------------------------------------------------------------------------------------
  const unions = makeUnions(rng('unions'), b, towns, cells, enterprises);

  // --- demand rows ----------------------------------------------------------------------------------------------
  const demand: DemandRow[] = cells.map((c, i) => ({
    h3: c.h3,
    region_code: towns[c.town].unit.code,
    centroid: c.p,
    residents: c.residents,
    workers: c.workers,
    new_form_workers: c.nfw,
    rider_activity: riderActivity[i],
  }));

  const shared = grids.filter((g) => g.shared_site_id !== null);
  const updates: SqlUpdate[] = [
    {
      sql:
        'update grids set shared_site_id = v.site_id from ' +
        '(select unnest($1::bigint[]) as grid_id, unnest($2::bigint[]) as site_id) as v where grids.id = v.grid_id',
      params: [pgArray(shared.map((g) => g.id)), pgArray(shared.map((g) => g.shared_site_id ?? 0))],
    },
    ...['facilities', 'enterprises', 'unions'].map((table) => ({
      sql: `select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`,
      params: [],
    })),
  ];
  return { seed, regions, zones, grids, facilities, enterprises, unions, demand, updates };
}

/** Everyday name of a village / community for site names and addresses (the regions table keeps the official one). */
function vname(v: VillagePoint): string {
  return villageShortName(v.name);
}

/** Index drawn ∝ weight, from running sums (binary search): for repeated draws from one long list. */
function pickCumulative(rng: Rng, acc: Float64Array): number {
  const x = rng.float() * acc[acc.length - 1];
  let lo = 0;
  let hi = acc.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (acc[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function levelRank(level: RegionRow['level']): number {
  return level === 'city' ? 0 : level === 'county' ? 1 : level === 'town' ? 2 : 3;
}

/** Move a point that lies outside its town towards the town's label point until it is inside. */
function pullInside(town: Town, p: Position): Position {
  for (let k = 1; k <= 40; k++) {
    const t = k / 40;
    const q = roundPosition([p[0] + (town.label[0] - p[0]) * t, p[1] + (town.label[1] - p[1]) * t]);
    if (town.area.contains(q)) return q;
  }
  return town.label;
}

/**
 * Residents per county: the estimates in targets.ts when every code is known; otherwise (a fixture world) the city
 * total split by area, so the city total is still exact.
 */
function countyResidentTotals(codes: string[], areaOf: (code: string) => number): Map<string, number> {
  const known = codes.every((c) => T.RESIDENTS_BY_COUNTY_ESTIMATE[c] !== undefined);
  const weights = codes.map((c) => (known ? T.RESIDENTS_BY_COUNTY_ESTIMATE[c] : areaOf(c)));
  const alloc = allocateLargestRemainder(T.RESIDENTS_TOTAL, weights);
  return new Map(codes.map((c, i) => [c, alloc[i]]));
}

// ---------------------------------------------------------------------------------------------------------------
// Grids

function makeGrids(town: Town, out: GridRow[], rng: Rng): void {
  const t = town.unit;
  const countyRate = SYNCED_BUILT_RATE[town.county.code] ?? 0.75;
  const townRate = Math.max(0.2, Math.min(0.99, countyRate + rng.range(-0.1, 0.1)));
  const attrs = (name: string, villageName: string): Omit<GridRow, 'id' | 'town_code' | 'village_code' | 'geom'> => {
    const synced = rng.chance(townRate);
    const hasUnion = synced || rng.chance(0.45);
    const orgKind = villageName.endsWith('社区') ? '委员会' : rng.chance(0.5) ? '总支部委员会' : '支部委员会';
    return {
      name,
      party_org: `中共${t.name}${villageName}${orgKind}`,
      union_org: hasUnion ? `${t.name}${villageName}工会联合会` : null,
      synced_built: synced,
      cross_posts: synced ? rng.int(1, 4) : rng.int(0, 1),
      shared_site_id: null,
      workers: 0,
      new_form_workers: 0,
    };
  };
  const push = (vi: VillageInfo | null, geom: MultiPolygon): void => {
    const village = vi ? vname(vi.v) : '';
    const row: GridRow = {
      id: out.length + 1,
      town_code: t.code,
      village_code: vi ? vi.v.code : null,
      geom,
      ...attrs(vi ? `${t.name}${village}党建网格` : `${t.name}党建网格`, village),
    };
    out.push(row);
    town.grids.push(row);
    town.gridAreas.push(new PreparedArea(geom));
    if (vi) {
      vi.grid = row;
      vi.gridIdx = town.grids.length - 1;
    }
  };
  if (town.villages.length <= 1) {
    push(town.villages[0] ?? null, t.geom);
    return;
  }
  const box = town.area.bbox;
  const pad = 0.01;
  const voronoi = town.delaunay!.voronoi([
    (box.minLng - pad) * X_SCALE,
    box.minLat - pad,
    (box.maxLng + pad) * X_SCALE,
    box.maxLat + pad,
  ]);
  town.villages.forEach((vi, i) => {
    const poly = voronoi.cellPolygon(i);
    if (!poly) return;
    const ring = poly.map(([x, y]) => [x / X_SCALE, y] as Position);
    const cellBox: BBox = bboxOf([[ring]]);
    let geom: MultiPolygon;
    if (!town.area.edgesTouch(cellBox) && town.area.contains(ring[0])) geom = roundMultiPolygon([[ring]]);
    else geom = roundMultiPolygon(polygonClipping.intersection(t.geom, [ring]) as MultiPolygon);
    if (geom.length === 0) return; // the village's cell misses the town entirely (should not happen)
    push(vi, geom);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Zones

function makeZones(rng: Rng, towns: Town[], cells: Cell[]): ZoneRow[] {
  const zones: ZoneRow[] = [];
  const boxes: BBox[] = [];
  const usedNames = new Set<string>();
  const countyCodes = [...new Set(towns.map((t) => t.county.code))].sort(cmp);

  const tryPlace = (kind: ZoneRow['kind'], ti: number): boolean => {
    const town = towns[ti];
    if (town.cells.length === 0) return false;
    // parks sit at the edge of a core (∝ √residents), business districts in the densest cells (∝ residents²)
    const weights = town.cells.map((i) => (kind === 'park' ? Math.sqrt(cells[i].residents) : cells[i].residents ** 2) + 1e-9);
    for (let attempt = 0; attempt < 30; attempt++) {
      const centre = cells[town.cells[rng.weightedIndex(weights)]].p;
      const w_m = kind === 'park' ? rng.range(800, 2400) : rng.range(300, 700);
      const h_m = kind === 'park' ? rng.range(600, 1800) : rng.range(250, 600);
      const angle = rng.range(0, Math.PI);
      const corners: Position[] = [
        [-w_m / 2, -h_m / 2],
        [w_m / 2, -h_m / 2],
        [w_m / 2, h_m / 2],
        [-w_m / 2, h_m / 2],
      ].map(([x, y]) =>
        offsetMetres(centre, x * Math.cos(angle) - y * Math.sin(angle), x * Math.sin(angle) + y * Math.cos(angle)),
      );
      corners.push(corners[0]);
      const clipped = roundMultiPolygon(polygonClipping.intersection(town.unit.geom, [corners]) as MultiPolygon);
      if (clipped.length === 0) continue;
      // keep the largest piece; it must be most of the rectangle (so zones are not slivers along a boundary)
      clipped.sort((p, q) => areaKm2([q]) - areaKm2([p]));
      const geom: MultiPolygon = [clipped[0]];
      if (areaKm2(geom) < 0.7 * ((w_m * h_m) / 1e6)) continue;
      const box = bboxOf(geom);
      const grown: BBox = { minLng: box.minLng - 0.003, minLat: box.minLat - 0.003, maxLng: box.maxLng + 0.003, maxLat: box.maxLat + 0.003 };
      if (boxes.some((o) => bboxIntersects(o, grown))) continue;
      let name = '';
      for (let k = 0; k < 20 && (name === '' || usedNames.has(name)); k++) {
        name = kind === 'park' ? `${town.unit.name}${rng.pick(PARK_THEMES)}产业园` : `${town.unit.name}${rng.pick(DISTRICT_SUFFIXES)}`;
      }
      if (usedNames.has(name)) continue;
      usedNames.add(name);
      boxes.push(box);
      zones.push({ id: zones.length + 1, kind, name, region_code: town.unit.code, geom });
      return true;
    }
    return false;
  };

  const townsOf = (code: string): number[] => towns.map((t, i) => (t.county.code === code ? i : -1)).filter((i) => i >= 0);
  const townResidents = towns.map((t) => t.cells.reduce((s, i) => s + cells[i].residents, 0));
  const townWeight = (ti: number, power: number): number => {
    const urban = URBAN_COUNTIES.has(towns[ti].county.code) ? 3 : 1;
    return (townResidents[ti] / 1000) ** power * urban + 1e-9;
  };
  // parks: one per county first, then 20 more by population (urban districts weighted ×3)
  const parksTarget = 30;
  const districtsTarget = 20;
  for (const code of countyCodes) {
    const ts = townsOf(code);
    if (ts.length === 0) continue;
    for (let k = 0; k < 10 && !tryPlace('park', ts[rng.weightedIndex(ts.map((ti) => townWeight(ti, 1)))]); k++);
  }
  const all = towns.map((_, i) => i);
  for (let k = 0; k < 400 && zones.filter((z) => z.kind === 'park').length < parksTarget; k++) {
    tryPlace('park', all[rng.weightedIndex(all.map((ti) => townWeight(ti, 1)))]);
  }
  // business districts: one in each county seat area, the rest in the city districts' densest towns
  for (const code of countyCodes) {
    const ts = townsOf(code);
    if (ts.length === 0) continue;
    for (let k = 0; k < 10 && !tryPlace('business_district', ts[rng.weightedIndex(ts.map((ti) => townWeight(ti, 2)))]); k++);
  }
  for (let k = 0; k < 400 && zones.filter((z) => z.kind === 'business_district').length < districtsTarget; k++) {
    tryPlace('business_district', all[rng.weightedIndex(all.map((ti) => townWeight(ti, 2)))]);
  }
  return zones;
}

// ---------------------------------------------------------------------------------------------------------------
// Enterprises

function makeEnterprises(
  rng: Rng,
  towns: Town[],
  cells: Cell[],
  zones: ZoneRow[],
  zoneAreas: PreparedArea[],
  zoneAt: (p: Position) => number,
): EnterpriseRow[] {
  const out: EnterpriseRow[] = [];
  const townOfZone = zones.map((z) => towns.findIndex((t) => t.unit.code === z.region_code));
  const townWorkers = towns.map((t) => t.cells.reduce((s, i) => s + cells[i].workers, 0) + 1e-9);
  const cellCumulative = towns.map((t) => {
    const acc = new Float64Array(t.cells.length);
    let s = 0;
    t.cells.forEach((i, k) => (acc[k] = s += cells[i].workers + 0.01));
    return acc;
  });
  const usedNames = new Set<string>();
  const zoneWeights = zones.map((z) => (z.kind === 'park' ? 3 : 1) * areaKm2(z.geom) ** 0.5);

  for (let n = 0; n < T.ENTERPRISES; n++) {
    // 45 % in parks and business districts, the rest where the workers are
    let p: Position | null = null;
    let ti = -1;
    if (zones.length > 0 && rng.chance(0.45)) {
      const zi = rng.weightedIndex(zoneWeights);
      const box = zoneAreas[zi].bbox;
      ti = townOfZone[zi];
      for (let k = 0; k < 50 && !p; k++) {
        const q = roundPosition([rng.range(box.minLng, box.maxLng), rng.range(box.minLat, box.maxLat)]);
        if (zoneAreas[zi].contains(q) && towns[ti].area.contains(q)) p = q;
      }
    }
    if (!p) {
      ti = rng.weightedIndex(townWorkers);
      const town = towns[ti];
      const idx = town.cells;
      for (let k = 0; k < 50 && !p; k++) {
        const base = idx.length > 0 ? cells[idx[pickCumulative(rng, cellCumulative[ti])]].p : town.label;
        const q = roundPosition(offsetMetres(base, rng.range(-170, 170), rng.range(-170, 170)));
        if (town.area.contains(q)) p = q;
      }
      if (!p) p = town.label;
    }
    const zi = zoneAt(p);
    const kind = zi >= 0 ? zones[zi].kind : null;
    const ind = INDUSTRIES[
      rng.weightedIndex(INDUSTRIES.map((d) => d.weight * (kind === 'park' ? d.park : kind === 'business_district' ? d.district : 1)))
    ];
    const sizeBoost = kind === 'park' ? 1.8 : 1;
    const employees = Math.max(3, Math.min(8000, Math.round(ind.medianEmployees * sizeBoost * Math.exp(1.1 * rng.normal()))));
    const county = towns[ti].county;
    const prefix = URBAN_COUNTIES.has(county.code)
      ? rng.pick(['盐城', '盐城市', '江苏'])
      : rng.pick([county.name, shortCountyName(county.name), '江苏']);
    let name = '';
    for (let k = 0; k < 30 && (name === '' || usedNames.has(name)); k++) {
      const trade = rng.pick(TRADE_NAME_CHARS) + rng.pick(TRADE_NAME_CHARS) + (k > 10 ? rng.pick(TRADE_NAME_CHARS) : '');
      name = `${prefix}${trade}${rng.pick(ind.scopes)}有限公司`;
    }
    usedNames.add(name);
    const nonPublic = !rng.chance(0.04 + (employees > 300 ? 0.08 : 0));
    const unionized = rng.chance(0.3 + 0.55 * (1 - Math.exp(-employees / 60)) + (nonPublic ? 0 : 0.3));
    out.push({
      id: n + 1,
      credit_code: syntheticCreditCode(county.code, n + 1),
      name,
      industry: ind.industry,
      geom: p,
      region_code: towns[ti].unit.code,
      zone_id: zi >= 0 ? zones[zi].id : null,
      employees,
      non_public: nonPublic,
      unionized,
      own_union_on: null,
      has_workers_congress: false,
      open_affairs: false,
      reform_pilot: false,
      skill_pay: false,
      skill_pay_workers: 0,
      collective_contract: false,
      demo: true,
    });
  }

  // 193 non-public enterprises set up their own union in 2025; every other unionized one did so earlier.
  const candidates2025 = out.map((e) => (e.unionized && e.non_public ? 1 / Math.sqrt(e.employees) : 0));
  const in2025 = new Set(weightedSample(rng, candidates2025, T.NON_PUBLIC_OWN_UNION_2025));
  for (const e of out) {
    if (!e.unionized) {
      e.has_workers_congress = rng.chance(0.04);
      e.open_affairs = rng.chance(0.08);
      e.collective_contract = rng.chance(0.05);
      continue;
    }
    e.own_union_on = in2025.has(e.id - 1) ? randomDate(rng, '2025-01-06', '2025-12-26') : randomDate(rng, '2003-03-01', '2024-12-20');
    // "已建会企业厂务公开、职代会建制率动态保持90%以上": both for ~93 % (91 % drawn together, the rest by chance)
    const both = rng.chance(0.91);
    e.has_workers_congress = both || rng.chance(0.5);
    e.open_affairs = both || rng.chance(0.5);
    e.collective_contract = rng.chance(0.78);
  }

  // 1,024 产改 pilots: larger firms, manufacturing ×3
  const pilotWeights = out.map((e) => e.employees * (e.industry === '制造业' ? 3 : 1));
  for (const i of weightedSample(rng, pilotWeights, T.REFORM_PILOTS)) out[i].reform_pilot = true;

  // 3,400 技高者多得 firms covering exactly 200,000 workers, each at most its employees
  const skillWeights = out.map((e) => (e.employees >= 20 ? e.employees ** 0.9 * (e.industry === '制造业' ? 2 : 1) : 0));
  const skill = weightedSample(rng, skillWeights, T.SKILL_PAY_ENTERPRISES);
  const capacity = skill.reduce((s, i) => s + out[i].employees, 0);
  if (capacity < T.SKILL_PAY_WORKERS) throw new Error(`skill-pay firms employ only ${capacity}`);
  const share = skill.map((i) => out[i].employees * rng.range(0.6, 1.0));
  const alloc = allocateLargestRemainder(T.SKILL_PAY_WORKERS, share);
  // cap at employees; move any excess to firms with headroom (deterministic order)
  let excess = 0;
  skill.forEach((i, k) => {
    const v = Math.max(1, Math.min(out[i].employees, alloc[k]));
    excess += alloc[k] - v;
    alloc[k] = v;
  });
  for (let k = 0; excess !== 0; k = (k + 1) % skill.length) {
    const e = out[skill[k]];
    if (excess > 0 && alloc[k] < e.employees) {
      const add = Math.min(excess, e.employees - alloc[k]);
      alloc[k] += add;
      excess -= add;
    } else if (excess < 0 && alloc[k] > 1) {
      alloc[k]--;
      excess++;
    }
  }
  skill.forEach((i, k) => {
    out[i].skill_pay = true;
    out[i].skill_pay_workers = alloc[k];
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Facilities

function makeFacilities(
  rng: Rng,
  towns: Town[],
  cells: Cell[],
  zones: ZoneRow[],
  enterprises: EnterpriseRow[],
  gridOf: (ti: number, p: Position) => GridRow | null,
  townIndex: Map<string, number>,
): FacilityRow[] {
  const out: FacilityRow[] = [];
  const verifiedRange = ['2025-03-01', '2026-01-20'] as const;
  const cityPrefix = '江苏省盐城市';

  /** A point a few metres from `host`, inside the same town (and the same grid when it has one). */
  const near = (ti: number, host: Position, min_m: number, max_m: number): { p: Position; grid: GridRow | null } => {
    const town = towns[ti];
    const hostGrid = gridOf(ti, host);
    for (let k = 0; k < 40; k++) {
      const angle = rng.range(0, 2 * Math.PI);
      const d = rng.range(min_m, max_m);
      const p = roundPosition(offsetMetres(host, d * Math.cos(angle), d * Math.sin(angle)));
      if (!town.area.contains(p)) continue;
      const g = gridOf(ti, p);
      if (hostGrid && g !== hostGrid) continue;
      return { p, grid: g };
    }
    return { p: host, grid: hostGrid };
  };

  const add = (f: Omit<FacilityRow, 'id' | 'demo' | 'contact' | 'last_verified'> & { last_verified?: string | null }): FacilityRow => {
    const opened = f.opened_on;
    const verifiedFrom = opened && opened > verifiedRange[0] ? opened : verifiedRange[0];
    const row: FacilityRow = {
      id: out.length + 1,
      ...f,
      last_verified: f.last_verified ?? randomDate(rng, verifiedFrom, verifiedRange[1]),
      contact: fakeContact(rng),
      demo: true,
    };
    out.push(row);
    return row;
  };

  const addressOf = (town: Town, rest: string): string => `${cityPrefix}${town.county.name}${town.unit.name}${rest}`;

  // service centres: one per town, at its busiest demand cell
  const serviceCentres: Array<FacilityRow | null> = towns.map((town, ti) => {
    let host = town.label;
    let best = -1;
    for (const i of town.cells) if (cells[i].residents > best) {
      best = cells[i].residents;
      host = cells[i].p;
    }
    const { p, grid } = near(ti, host, 0, 60);
    return add({
      type: 'service_center',
      name: `${town.unit.name}便民服务中心`,
      address: addressOf(town, '便民服务中心'),
      geom: p,
      region_code: town.unit.code,
      grid_id: grid?.id ?? null,
      host_type: 'standalone',
      co_built: false,
      opening_hours: rng.chance(0.7) ? HOURS.officeSplit : HOURS.office,
      amenities: amenities(rng, { water: 0.95, toilet: 0.95, wifi: 0.8, rest: 0.7, first_aid: 0.5, heating: 0.6, cooling: 0.6 }),
      capacity: null,
      status: 'open',
      opened_on: randomDate(rng, '2012-01-01', '2021-12-31'),
    });
  });

  // party-mass centres: one per village / community, a short walk from its point
  interface PartyHost {
    ti: number;
    vi: VillageInfo;
    f: FacilityRow;
  }
  const partyCentres: PartyHost[] = [];
  towns.forEach((town, ti) => {
    for (const vi of town.villages) {
      const { p, grid } = near(ti, vi.anchor, 20, 120);
      const f = add({
        type: 'party_center',
        name: `${town.unit.name}${vname(vi.v)}党群服务中心`,
        address: addressOf(town, `${vname(vi.v)}党群服务中心`),
        geom: p,
        region_code: town.unit.code,
        grid_id: grid?.id ?? null,
        host_type: 'standalone',
        co_built: false,
        opening_hours: pickWeighted(rng, [[HOURS.office, 60], [HOURS.daily, 25], [HOURS.officeSplit, 15]] as const),
        amenities: amenities(rng, { water: 0.9, toilet: 0.85, wifi: 0.7, rest: 0.6, books: 0.7, first_aid: 0.4 }),
        capacity: null,
        status: 'open',
        opened_on: randomDate(rng, '2010-01-01', '2022-12-31'),
      });
      partyCentres.push({ ti, vi, f });
    }
  });

  // worker homes and stations: counts and statuses from targets.ts
  const statusList = (open: number, closed: number, planned: number): FacilityStatus[] => {
    const list: FacilityStatus[] = [
      ...Array<FacilityStatus>(open).fill('open'),
      ...Array<FacilityStatus>(closed).fill('closed'),
      ...Array<FacilityStatus>(planned).fill('planned'),
    ];
    return rng.shuffle(list);
  };
  const whClosed = Math.floor(T.SERVICE_SITES_CLOSED / 2);
  const whPlanned = Math.floor(T.SERVICE_SITES_PLANNED / 2.5);
  const whStatuses = statusList(T.WORKER_HOMES_OPEN, whClosed, whPlanned);
  const stStatuses = statusList(
    T.SERVICE_SITES_OPEN - T.WORKER_HOMES_OPEN,
    T.SERVICE_SITES_CLOSED - whClosed,
    T.SERVICE_SITES_PLANNED - whPlanned,
  );
  const datesFor = (status: FacilityStatus, from: string): { opened_on: string | null } => ({
    opened_on: status === 'planned' ? null : randomDate(rng, from, '2025-10-31'),
  });
  const countyBrand = (town: Town): string => (URBAN_COUNTIES.has(town.county.code) ? '盐渎' : town.county.name);

  const gridNfw = (g: GridRow | null): number => (g ? g.new_form_workers : 0);
  const gridWorkers = (g: GridRow | null): number => (g ? g.workers : 0);

  // worker homes: ~45 % in town service centres, ~30 % in community party centres, ~25 % in enterprises
  const whCount = whStatuses.length;
  const whService = Math.round(whCount * 0.45);
  const whParty = Math.round(whCount * 0.3);
  const whEnterprise = whCount - whService - whParty;
  let whi = 0;
  const serviceIdx = serviceCentres.map((_, i) => i);
  const svcWeights = serviceIdx.map((ti) => 1 + towns[ti].cells.reduce((s, i) => s + cells[i].workers, 0) / 1000);
  for (const ti of weightedSample(rng, svcWeights, Math.min(whService, towns.length))) {
    const host = serviceCentres[ti]!;
    const town = towns[ti];
    const status = whStatuses[whi++];
    const { p, grid } = near(ti, host.geom, 5, 25);
    add({
      type: 'worker_home',
      name: `${town.unit.name}职工之家`,
      address: addressOf(town, '便民服务中心内'),
      geom: p,
      region_code: town.unit.code,
      grid_id: grid?.id ?? null,
      host_type: 'service_center',
      co_built: true,
      opening_hours: pickWeighted(rng, [[HOURS.withSat, 40], [HOURS.office, 40], [HOURS.daily, 20]] as const),
      amenities: amenities(rng, { rest: 0.9, books: 0.8, wifi: 0.85, water: 0.9, first_aid: 0.5, heating: 0.5, cooling: 0.5, microwave: 0.4, toilet: 0.7, charging: 0.5 }),
      capacity: rng.int(20, 60),
      status,
      ...datesFor(status, '2012-01-01'),
    });
  }
  const partyWeightsWh = partyCentres.map((h) => 1 + gridWorkers(h.vi.grid) / 500);
  for (const k of weightedSample(rng, partyWeightsWh, whParty + (whService - Math.min(whService, towns.length)))) {
    const h = partyCentres[k];
    const town = towns[h.ti];
    const status = whStatuses[whi++];
    const { p, grid } = near(h.ti, h.f.geom, 5, 25);
    add({
      type: 'worker_home',
      name: `${town.unit.name}${vname(h.vi.v)}职工之家`,
      address: addressOf(town, `${vname(h.vi.v)}党群服务中心内`),
      geom: p,
      region_code: town.unit.code,
      grid_id: grid?.id ?? null,
      host_type: 'party_center',
      co_built: true,
      opening_hours: pickWeighted(rng, [[HOURS.withSat, 40], [HOURS.office, 40], [HOURS.daily, 20]] as const),
      amenities: amenities(rng, { rest: 0.9, books: 0.8, wifi: 0.8, water: 0.9, first_aid: 0.4, heating: 0.4, cooling: 0.4, microwave: 0.35, toilet: 0.7, charging: 0.45 }),
      capacity: rng.int(10, 50),
      status,
      ...datesFor(status, '2014-01-01'),
    });
  }
  const entWeights = enterprises.map((e) => (e.unionized && e.employees >= 100 ? e.employees : 0));
  for (const k of weightedSample(rng, entWeights, whEnterprise)) {
    const e = enterprises[k];
    const ti = townIndex.get(e.region_code)!;
    const status = whStatuses[whi++];
    const { p, grid } = near(ti, e.geom, 3, 20);
    add({
      type: 'worker_home',
      name: `${e.name}职工之家`,
      address: addressOf(towns[ti], `${e.name}内`),
      geom: p,
      region_code: e.region_code,
      grid_id: grid?.id ?? null,
      host_type: 'enterprise',
      co_built: false,
      opening_hours: pickWeighted(rng, [[HOURS.office, 60], [HOURS.withSat, 40]] as const),
      amenities: amenities(rng, { rest: 0.9, books: 0.85, wifi: 0.9, water: 0.9, first_aid: 0.6, microwave: 0.5, toilet: 0.8 }),
      capacity: rng.int(15, 60),
      status,
      ...datesFor(status, '2010-01-01'),
    });
  }

  // stations: ~70 % in community party centres (weighted to where riders are), ~15 % in town service centres,
  // ~15 % not co-built (in parks, business districts, or standalone by a busy street)
  const stCount = stStatuses.length;
  const stService = Math.round(stCount * 0.15);
  const stZone = Math.min(zones.length, Math.round(stCount * 0.08));
  const stStandalone = Math.round(stCount * 0.07);
  const stParty = stCount - stService - stZone - stStandalone;
  // 8 % of open stations are 24/7 (riders at night): the ones in the busiest places
  const open24 = Math.round((T.SERVICE_SITES_OPEN - T.WORKER_HOMES_OPEN) * T.STATIONS_24_7_SHARE);
  const stationRows: Array<{ row: FacilityRow; nfw: number }> = [];
  const stationAmenities = (): string[] =>
    amenities(rng, { water: 0.98, charging: 0.9, toilet: 0.8, microwave: 0.7, rest: 0.95, wifi: 0.75, first_aid: 0.6, heating: 0.5, cooling: 0.55, books: 0.35, repair: 0.3 });
  const stationHours = (): string =>
    pickWeighted(rng, [[HOURS.daily, 35], [HOURS.long6, 25], [HOURS.long7, 25], [HOURS.office, 15]] as const);
  let sti = 0;
  const addStation = (
    ti: number,
    host: Position,
    name: string,
    address: string,
    host_type: HostType,
    co_built: boolean,
    spread: [number, number],
  ): void => {
    const status = stStatuses[sti++];
    const { p, grid } = near(ti, host, spread[0], spread[1]);
    const row = add({
      type: 'station',
      name,
      address,
      geom: p,
      region_code: towns[ti].unit.code,
      grid_id: grid?.id ?? null,
      host_type,
      co_built,
      opening_hours: stationHours(),
      amenities: stationAmenities(),
      capacity: rng.int(10, 40),
      status,
      ...datesFor(status, '2018-03-01'),
    });
    stationRows.push({ row, nfw: gridNfw(grid) });
  };
  const partyWeightsSt = partyCentres.map((h) => 0.2 + gridNfw(h.vi.grid));
  for (const k of weightedSample(rng, partyWeightsSt, stParty)) {
    const h = partyCentres[k];
    const town = towns[h.ti];
    addStation(h.ti, h.f.geom, `${countyBrand(town)}工会驿站（${town.unit.name}${vname(h.vi.v)}）`,
      addressOf(town, `${vname(h.vi.v)}党群服务中心内`), 'party_center', true, [5, 25]);
  }
  const svcWeightsSt = serviceIdx.map((ti) => 1 + towns[ti].cells.reduce((s, i) => s + cells[i].nfw, 0) / 100);
  for (const ti of weightedSample(rng, svcWeightsSt, Math.min(stService, towns.length))) {
    const host = serviceCentres[ti]!;
    const town = towns[ti];
    addStation(ti, host.geom, `${countyBrand(town)}工会驿站（${town.unit.name}便民服务中心）`,
      addressOf(town, '便民服务中心内'), 'service_center', true, [5, 25]);
  }
  const zoneWeightsSt = zones.map((z) => (z.kind === 'business_district' ? 3 : 1));
  for (const zi of weightedSample(rng, zoneWeightsSt, stZone)) {
    const z = zones[zi];
    const ti = townIndex.get(z.region_code)!;
    addStation(ti, interiorPoint(z.geom), `${z.name}工会驿站`, addressOf(towns[ti], `${z.name.replace(towns[ti].unit.name, '')}内`),
      z.kind, false, [0, 40]);
  }
  const busiest = cells.map((c) => c.nfw ** 1.5);
  const standaloneCells = weightedSample(rng, busiest, stStandalone + (stService - Math.min(stService, towns.length)));
  for (const ci of standaloneCells) {
    const c = cells[ci];
    const town = towns[c.town];
    const g = gridOf(c.town, c.p);
    const place = g?.village_code ? town.villages.find((v) => v.v.code === g.village_code)?.v ?? null : null;
    const placeName = place ? vname(place) : '';
    addStation(c.town, c.p, `${countyBrand(town)}户外劳动者服务站（${town.unit.name}${placeName}）`,
      addressOf(town, `${placeName}沿街`), 'standalone', false, [0, 60]);
  }
  // 24/7: the open stations with the most new-form workers around them
  const openStations = stationRows.filter((s) => s.row.status === 'open');
  for (const k of weightedSample(rng, openStations.map((s) => 1 + s.nfw), open24)) openStations[k].row.opening_hours = HOURS.always;
  for (const s of stationRows) {
    if (s.row.status !== 'open' && s.row.opening_hours === HOURS.always) s.row.opening_hours = HOURS.daily;
  }

  // craftsman colleges (13): 2 in each city district, 1 in each other county
  const countyList = [...new Map(towns.map((t) => [t.county.code, t.county])).values()].sort((a, c) => cmp(a.code, c.code));
  const collegeCounties: string[] = [];
  for (const c of countyList) collegeCounties.push(c.code);
  for (const c of countyList) if (URBAN_COUNTIES.has(c.code)) collegeCounties.push(c.code);
  while (collegeCounties.length > T.CRAFTSMAN_COLLEGES) collegeCounties.pop();
  for (let k = 0; collegeCounties.length < T.CRAFTSMAN_COLLEGES; k++) collegeCounties.push(countyList[k % countyList.length].code);
  collegeCounties.sort(cmp);
  const themes = rng.shuffle([...COLLEGE_THEMES]);
  collegeCounties.forEach((code, k) => {
    const county = countyList.find((c) => c.code === code)!;
    const parks = zones.filter((z) => z.kind === 'park' && towns[townIndex.get(z.region_code)!].county.code === code);
    let ti: number;
    let host: Position;
    if (parks.length > 0) {
      const z = parks[k % parks.length];
      ti = townIndex.get(z.region_code)!;
      host = interiorPoint(z.geom);
    } else {
      const ts = towns.map((t, i) => (t.county.code === code ? i : -1)).filter((i) => i >= 0);
      ti = ts[rng.weightedIndex(ts.map((i) => 1 + towns[i].cells.reduce((s, c) => s + cells[c].residents, 0)))];
      host = serviceCentres[ti]!.geom;
    }
    const { p, grid } = near(ti, host, 50, 300);
    const prefix = URBAN_COUNTIES.has(code) ? '盐城' : shortCountyName(county.name);
    add({
      type: 'craftsman_college',
      name: `${prefix}${themes[k % themes.length]}工匠学院`,
      address: addressOf(towns[ti], '职业技术学校内'),
      geom: p,
      region_code: towns[ti].unit.code,
      grid_id: grid?.id ?? null,
      host_type: 'school',
      co_built: false,
      opening_hours: HOURS.office,
      amenities: amenities(rng, { water: 0.9, toilet: 0.95, wifi: 0.95, books: 0.9, rest: 0.5, first_aid: 0.6 }),
      capacity: rng.int(100, 400),
      status: 'open',
      opened_on: randomDate(rng, '2019-01-01', '2025-09-30'),
    });
  });

  // model-worker / craftsman innovation studios (150) in reform-pilot manufacturers
  const studioWeights = enterprises.map((e) => (e.reform_pilot ? e.employees : 0));
  for (const k of weightedSample(rng, studioWeights, T.MODEL_STUDIOS)) {
    const e = enterprises[k];
    const ti = townIndex.get(e.region_code)!;
    const { p, grid } = near(ti, e.geom, 3, 30);
    add({
      type: 'model_studio',
      name: `${e.name}${rng.pick(STUDIO_CRAFTS)}劳模创新工作室`,
      address: addressOf(towns[ti], `${e.name}内`),
      geom: p,
      region_code: e.region_code,
      grid_id: grid?.id ?? null,
      host_type: 'enterprise',
      co_built: false,
      opening_hours: HOURS.office,
      amenities: amenities(rng, { water: 0.8, wifi: 0.9, books: 0.6 }),
      capacity: rng.int(8, 30),
      status: 'open',
      opened_on: randomDate(rng, '2012-01-01', '2025-06-30'),
    });
  }

  // mediation: one city centre (the 新就业形态 one-stop centre) + one per county-level unit, beside a service centre
  /** The most populous town of a county (its seat, in practice); -1 when the county has no town. */
  const seatTown = (code: string | null): number => {
    const ts = towns.map((t, i) => (code === null || t.county.code === code ? i : -1)).filter((i) => i >= 0);
    let best = -1;
    let bestU = -1;
    for (const i of ts) {
      const u = towns[i].cells.reduce((s, c) => s + cells[c].residents, 0);
      if (u > bestU) {
        bestU = u;
        best = i;
      }
    }
    return best;
  };
  const mediation = (ti: number, name: string): void => {
    const { p, grid } = near(ti, serviceCentres[ti]!.geom, 30, 150);
    add({
      type: 'mediation',
      name,
      address: addressOf(towns[ti], '劳动争议调解中心'),
      geom: p,
      region_code: towns[ti].unit.code,
      grid_id: grid?.id ?? null,
      host_type: 'standalone',
      co_built: false,
      opening_hours: HOURS.office,
      amenities: amenities(rng, { water: 0.9, toilet: 0.9, wifi: 0.6, rest: 0.5 }),
      capacity: null,
      status: 'open',
      opened_on: randomDate(rng, '2021-01-01', '2025-06-30'),
    });
  };
  const cityTown = seatTown('320902');
  mediation(cityTown >= 0 ? cityTown : seatTown(null), '盐城市新就业形态劳动纠纷一站式调解中心');
  for (const c of countyList) mediation(seatTown(c.code), `${c.name}劳动争议多元调解中心`);

  // summer care classes (110): in community party centres and town service centres where families live
  const careWeights = partyCentres.map((h) => 1 + gridWorkers(h.vi.grid) / 200);
  const careParty = weightedSample(rng, careWeights, T.SUMMER_CARE_CLASSES - 20);
  for (const k of careParty) {
    const h = partyCentres[k];
    const town = towns[h.ti];
    const { p, grid } = near(h.ti, h.f.geom, 5, 25);
    add({
      type: 'summer_care',
      name: `${town.unit.name}${vname(h.vi.v)}爱心暑托班`,
      address: addressOf(town, `${vname(h.vi.v)}党群服务中心内`),
      geom: p,
      region_code: town.unit.code,
      grid_id: grid?.id ?? null,
      host_type: 'party_center',
      co_built: true,
      opening_hours: HOURS.office,
      amenities: amenities(rng, { water: 0.95, toilet: 0.9, books: 0.9, cooling: 0.9, first_aid: 0.8, rest: 0.7 }),
      capacity: rng.int(30, 80),
      status: 'open',
      opened_on: randomDate(rng, '2025-07-01', '2025-07-14'),
    });
  }
  const careTowns = weightedSample(rng, svcWeights, Math.min(20, towns.length));
  for (let k = 0; careTowns.length < 20; k++) careTowns.push(careTowns[k]);
  careTowns.forEach((ti, k) => {
    const town = towns[ti];
    const school = k % 2 === 1;
    const { p, grid } = near(ti, serviceCentres[ti]!.geom, school ? 200 : 5, school ? 600 : 25);
    add({
      type: 'summer_care',
      name: school ? `${town.unit.name}中心小学爱心托管班` : `${town.unit.name}职工子女爱心暑托班`,
      address: addressOf(town, school ? '中心小学内' : '便民服务中心内'),
      geom: p,
      region_code: town.unit.code,
      grid_id: grid?.id ?? null,
      host_type: school ? 'school' : 'service_center',
      co_built: !school,
      opening_hours: HOURS.office,
      amenities: amenities(rng, { water: 0.95, toilet: 0.95, books: 0.9, cooling: 0.95, first_aid: 0.85, rest: 0.7 }),
      capacity: rng.int(30, 80),
      status: 'open',
      opened_on: randomDate(rng, '2025-07-01', '2025-07-14'),
    });
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Unions

function makeUnions(rng: Rng, b: Boundaries, towns: Town[], cells: Cell[], enterprises: EnterpriseRow[]): UnionRow[] {
  const out: UnionRow[] = [];
  const add = (u: Omit<UnionRow, 'id' | 'demo'>): UnionRow => {
    const row: UnionRow = { id: out.length + 1, ...u, demo: true };
    out.push(row);
    return row;
  };
  // 新业态劳动者行业工会联合会: city + every county-level unit, one per trade; 64,000 members split by where the
  // new-form workers are (city level keeps 15 % — riders who joined through the city platforms).
  const industries = T.NEW_FORM_INDUSTRIES;
  const tradeShare: Record<string, number> = { delivery: 0.38, courier: 0.3, ride_hailing: 0.17, trucking: 0.15 };
  const countyNfw = new Map<string, number>();
  for (const c of cells) {
    const code = towns[c.town].county.code;
    countyNfw.set(code, (countyNfw.get(code) ?? 0) + c.nfw);
  }
  const units = [b.city, ...b.counties];
  const cityNfw = [...countyNfw.values()].reduce((s, v) => s + v, 0);
  const weights: number[] = [];
  for (const u of units) {
    const base = u.level === 'city' ? 0.15 * cityNfw : 0.85 * (countyNfw.get(u.code) ?? 0);
    for (const ind of industries) weights.push(base * tradeShare[ind] * rng.range(0.8, 1.2));
  }
  const members = allocateLargestRemainder(T.NEW_FORM_MEMBERS, weights);
  const cityFed = new Map<string, number>();
  let k = 0;
  for (const u of units) {
    for (const ind of industries) {
      const nfm = members[k++];
      const row = add({
        kind: 'industry_federation',
        name: `${u.name}${NEW_FORM_INDUSTRY_NAMES[ind]}行业工会联合会`,
        region_code: u.code,
        parent_id: u.level === 'city' ? null : (cityFed.get(ind) ?? null),
        industry: ind,
        members: nfm + Math.round(nfm * rng.range(0.03, 0.12)),
        new_form_members: nfm,
        enterprise_id: null,
        founded_on: randomDate(rng, u.level === 'city' ? '2021-06-01' : '2022-01-01', '2025-09-30'),
      });
      if (u.level === 'city') cityFed.set(ind, row.id);
    }
  }
  // 联合工会 per town/street (direct members: workers of small firms and odd-job workers who joined there)
  const townFed = new Map<string, number>();
  for (const t of towns) {
    const row = add({
      kind: 'regional_federation',
      name: `${t.unit.name}联合工会`,
      region_code: t.unit.code,
      parent_id: null,
      industry: null,
      members: rng.int(200, 3000),
      new_form_members: 0,
      enterprise_id: null,
      founded_on: randomDate(rng, '2008-01-01', '2020-12-31'),
    });
    townFed.set(t.unit.code, row.id);
  }
  // one enterprise union per unionized enterprise
  for (const e of enterprises) {
    if (!e.unionized) continue;
    add({
      kind: 'enterprise',
      name: `${e.name}工会委员会`,
      region_code: e.region_code,
      parent_id: townFed.get(e.region_code) ?? null,
      industry: null,
      members: Math.max(1, Math.round(e.employees * rng.range(0.8, 1.0))),
      new_form_members: 0,
      enterprise_id: e.id,
      founded_on: e.own_union_on,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// CSV

export interface CsvTable {
  table: string;
  columns: string[];
  csv: string;
}

/** One CSV per table, in foreign-key order; run `data.updates` after loading all of them (see DemoData.updates). */
export function demoCsv(data: DemoData): CsvTable[] {
  const table = <R>(name: string, columns: string[], rows: R[], row: (r: R) => CsvValue[]): CsvTable => ({
    table: name,
    columns,
    csv: csvText(columns, rows.map(row)),
  });
  return [
    table('regions', ['code', 'name', 'level', 'parent_code', 'approximate', 'pinyin', 'geom', 'centroid'], data.regions, (r) => [
      r.code, r.name, r.level, r.parent_code, r.approximate, r.pinyin, r.geom ? multiPolygonEwkt(r.geom) : null, pointEwkt(r.centroid),
    ]),
    table('zones', ['id', 'kind', 'name', 'region_code', 'geom'], data.zones, (z) => [z.id, z.kind, z.name, z.region_code, multiPolygonEwkt(z.geom)]),
    // shared_site_id is left out on purpose: it is set by data.updates[0] once facilities exist (FK cycle)
    table('grids', ['id', 'town_code', 'name', 'geom', 'party_org', 'union_org', 'synced_built', 'cross_posts', 'workers', 'new_form_workers'],
      data.grids, (g) => [g.id, g.town_code, g.name, multiPolygonEwkt(g.geom), g.party_org, g.union_org, g.synced_built, g.cross_posts, g.workers, g.new_form_workers]),
    table('facilities', ['id', 'type', 'name', 'address', 'geom', 'region_code', 'grid_id', 'host_type', 'co_built', 'opening_hours',
      'amenities', 'capacity', 'status', 'opened_on', 'last_verified', 'contact', 'demo'], data.facilities, (f) => [
      f.id, f.type, f.name, f.address, pointEwkt(f.geom), f.region_code, f.grid_id, f.host_type, f.co_built, f.opening_hours,
      f.amenities, f.capacity, f.status, f.opened_on, f.last_verified, f.contact, f.demo,
    ]),
    table('enterprises', ['id', 'credit_code', 'name', 'industry', 'geom', 'region_code', 'zone_id', 'employees', 'non_public', 'unionized',
      'own_union_on', 'has_workers_congress', 'open_affairs', 'reform_pilot', 'skill_pay', 'skill_pay_workers', 'collective_contract', 'demo'],
      data.enterprises, (e) => [
        e.id, e.credit_code, e.name, e.industry, pointEwkt(e.geom), e.region_code, e.zone_id, e.employees, e.non_public, e.unionized,
        e.own_union_on, e.has_workers_congress, e.open_affairs, e.reform_pilot, e.skill_pay, e.skill_pay_workers, e.collective_contract, e.demo,
      ]),
    table('unions', ['id', 'kind', 'name', 'region_code', 'parent_id', 'industry', 'members', 'new_form_members', 'enterprise_id', 'founded_on', 'demo'],
      data.unions, (u) => [u.id, u.kind, u.name, u.region_code, u.parent_id, u.industry, u.members, u.new_form_members, u.enterprise_id, u.founded_on, u.demo]),
    table('demand', ['h3', 'region_code', 'centroid', 'residents', 'workers', 'new_form_workers', 'rider_activity'], data.demand, (d) => [
      d.h3, d.region_code, pointEwkt(d.centroid), d.residents, d.workers, d.new_form_workers, d.rider_activity,
    ]),
  ];
}
