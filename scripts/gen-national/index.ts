/**
 * National-scale synthetic station set for the load benchmark (scripts/bench/nearby.ts) — 示例数据, not real sites.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhigong_national npx tsx scripts/gen-national/index.ts [--out DIR]
 *
 * ≈ 186,000 stations (the all-China count of 职工之家/驿站 at the end of 2024), allotted to provinces in proportion to
 * their 2020 census population (provinces.ts) and scattered around each province's cities; 12,000 open 24/7, the
 * rest on realistic opening hours (materialised with the same code the API uses); plus 20,000 rider query points
 * near the same cities. Deterministic (seeded PRNG): the same files and rows on every run.
 *
 * Writes CSV to DIR (default .data/national/) and loads it with COPY into DATABASE_URL, which must be a database
 * of its own: it is migrated with the project's migrations, and the loader refuses a database holding the
 * Yancheng demo data (region 320900) so the demo can never be overwritten. Re-running replaces the national rows.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inChina } from '../../api/nearby/china.ts';
import { migrate } from '../../api/db/migrate.ts';
import { openPostgres } from '../../api/db/postgres.ts';
import { openingRowsFor } from '../../api/hours/materialise.ts';
import { PROVINCES } from './provinces.ts';

export const TOTAL_STATIONS = 186_000;
export const ALWAYS_OPEN = 12_000;
export const QUERY_POINTS = 20_000;

/** Opening hours of the non-24/7 stations and their shares: office hours, long daily hours, meal-peak hours. */
const HOURS: Array<[string, number]> = [
  ['Mo-Fr 08:30-17:30; PH off', 0.25],
  ['Mo-Su 08:00-20:00', 0.2],
  ['Mo-Sa 07:00-21:00', 0.13],
  ['Mo-Su 06:00-22:00', 0.15],
  ['Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off', 0.12],
  ['Mo-Fr 08:00-12:00,14:00-18:00', 0.08],
  ['Mo-Su 10:00-14:00,17:00-02:00', 0.07],
];
const AMENITY_P: Array<[string, number]> = [
  ['water', 0.92], ['charging', 0.55], ['toilet', 0.8], ['microwave', 0.45], ['rest', 0.88], ['wifi', 0.65],
  ['first_aid', 0.5], ['heating', 0.35], ['cooling', 0.4], ['books', 0.3], ['repair', 0.2],
];

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

function pick<T>(r: () => number, items: Array<[T, number]>): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) if ((x -= w) < 0) return v;
  return items[items.length - 1][0];
}

/** Largest-remainder apportionment: integer counts proportional to weights, summing exactly to total. */
export function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / sum) * total);
  const out = raw.map(Math.floor);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  const missing = total - out.reduce((a, b) => a + b, 0);
  for (let k = 0; k < missing; k++) out[order[k][1]]++;
  return out;
}

/** A point around a city: a dense core (σ ≈ 8 km) and a sparser ring of towns around it (σ ≈ 45 km). */
function around(r: () => number, lng: number, lat: number, core: boolean): [number, number] {
  for (;;) {
    const sigma = core ? 0.07 : 0.4;
    const x = lng + (gauss(r) * sigma) / Math.cos((lat * Math.PI) / 180);
    const y = lat + gauss(r) * sigma;
    if (inChina(x, y)) return [Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6];
  }
}

const csvText = (s: string) => (/[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

export interface NationalData {
  regions: string;
  facilities: string;
  rules: string;
  intervals: string;
  points: string;
  counts: { stations: number; always_open: number; intervals: number; points: number };
}

export function generateNational(seed = 186_000): NationalData {
  const r = mulberry32(seed);
  const perProvince = apportion(PROVINCES.map((p) => p.population), TOTAL_STATIONS);
  // which stations are 24/7: an exact 12,000, spread evenly over ids by a seeded shuffle
  const ids = Array.from({ length: TOTAL_STATIONS }, (_, i) => i + 1);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  const alwaysOpen = new Set(ids.slice(0, ALWAYS_OPEN));

  const regions = ['code,name,level,parent_code,approximate,geom'];
  const facilities = ['id,type,name,address,geom,region_code,host_type,co_built,opening_hours,amenities,status,last_verified,demo'];
  const rules = ['facility_id,always_open,ph_mode,parse_error'];
  const intervals = ['facility_id,day,start_min,end_min'];
  let id = 0;
  let nIntervals = 0;
  PROVINCES.forEach((p, pi) => {
    const prov = `${p.code}0000`;
    const town = `${p.code}0000001`;
    // one coarse box per province only to satisfy facilities.region_code; not a boundary
    const xs = p.cities.map((c) => c[1]);
    const ys = p.cities.map((c) => c[2]);
    const box = (d: number) =>
      `"SRID=4326;MULTIPOLYGON(((${Math.min(...xs) - d} ${Math.min(...ys) - d},${Math.max(...xs) + d} ${Math.min(...ys) - d},` +
      `${Math.max(...xs) + d} ${Math.max(...ys) + d},${Math.min(...xs) - d} ${Math.max(...ys) + d},${Math.min(...xs) - d} ${Math.min(...ys) - d})))"`;
    regions.push(`${prov},${p.name}（全国测试数据）,city,,true,${box(2)}`);
    regions.push(`${town},${p.name}测试片区,town,${prov},true,${box(1.9)}`);
    const cities = p.cities.map((c) => [c, c[3]] as [typeof c, number]);
    for (let k = 0; k < perProvince[pi]; k++) {
      id++;
      const city = pick(r, cities);
      const [lng, lat] = around(r, city[1], city[2], r() < 0.7);
      const type = r() < 0.4 ? 'worker_home' : 'station';
      const hours = alwaysOpen.has(id) ? '24/7' : pick(r, HOURS);
      const amenities = AMENITY_P.filter(([, pr]) => r() < pr).map(([a]) => a);
      const status = r() < 0.98 ? 'open' : r() < 0.5 ? 'closed' : 'planned';
      const name = `${city[0]}${type === 'worker_home' ? '职工之家' : '工会驿站'}${id}号（测试）`;
      const verified = `2025-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-${String(1 + Math.floor(r() * 28)).padStart(2, '0')}`;
      facilities.push(
        [id, type, csvText(name), csvText(`${p.name}${city[0]}市 测试路 ${1 + Math.floor(r() * 999)} 号`), `SRID=4326;POINT(${lng} ${lat})`,
          town, 'standalone', 'false', csvText(hours), `"{${amenities.join(',')}}"`, status, verified, 'true'].join(','),
      );
      const rows = openingRowsFor(id, hours);
      rules.push(`${id},${rows.rule.always_open},${rows.rule.ph_mode},`);
      for (const i of rows.intervals) intervals.push(`${id},${i.day},${i.start_min},${i.end_min}`);
      nIntervals += rows.intervals.length;
    }
  });

  // rider query points near populated places: province by population, city by weight, dense core only
  const points = ['id,lng,lat'];
  const provinceForPoint = apportion(PROVINCES.map((p) => p.population), QUERY_POINTS);
  let pid = 0;
  PROVINCES.forEach((p, pi) => {
    const cities = p.cities.map((c) => [c, c[3]] as [typeof c, number]);
    for (let k = 0; k < provinceForPoint[pi]; k++) {
      const c = pick(r, cities);
      const [lng, lat] = around(r, c[1], c[2], true);
      points.push(`${++pid},${lng},${lat}`);
    }
  });
  // shuffle the points so any prefix is a national mix, not one province
  const body = points.slice(1);
  for (let i = body.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [body[i], body[j]] = [body[j], body[i]];
  }
  return {
    regions: `${regions.join('\n')}\n`,
    facilities: `${facilities.join('\n')}\n`,
    rules: `${rules.join('\n')}\n`,
    intervals: `${intervals.join('\n')}\n`,
    points: `${[points[0], ...body].join('\n')}\n`,
    counts: { stations: id, always_open: ALWAYS_OPEN, intervals: nIntervals, points: pid },
  };
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is required (a database of its own, e.g. postgres://postgres@127.0.0.1:5432/zhigong_national)');
    process.exit(2);
  }
  const outArg = process.argv.indexOf('--out');
  const out = resolve(outArg > 0 ? process.argv[outArg + 1] : join(fileURLToPath(new URL('../..', import.meta.url)), '.data', 'national'));
  const t0 = Date.now();
  const log = (s: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${s}`);
  const data = generateNational();
  await mkdir(out, { recursive: true });
  for (const [name, text] of Object.entries({ regions: data.regions, facilities: data.facilities, opening_rules: data.rules, opening_intervals: data.intervals, points: data.points })) {
    await writeFile(join(out, `${name}.csv`), text);
  }
  log(`generated ${data.counts.stations} stations (${data.counts.always_open} 24/7), ${data.counts.intervals} hour intervals, ${data.counts.points} query points → ${out}`);

  const db = await openPostgres({ url, max: 2 });
  try {
    await migrate(db);
    const [{ demo }] = await db.query<{ demo: number }>(`select count(*)::int as demo from regions where code = '320900'`);
    if (demo > 0) throw new Error('this database holds the Yancheng demo data (region 320900): give the national set a database of its own');
    const tLoad = Date.now();
    await db.tx(async (tx) => {
      // everything that can reference facilities or regions goes with them (cascade); this database is ours
      await tx.exec('truncate problem_reports, opening_intervals, opening_rules, facilities, regions cascade');
      await tx.copyCsv('regions', ['code', 'name', 'level', 'parent_code', 'approximate', 'geom'], data.regions);
      await tx.copyCsv('facilities', ['id', 'type', 'name', 'address', 'geom', 'region_code', 'host_type', 'co_built', 'opening_hours', 'amenities', 'status', 'last_verified', 'demo'], data.facilities);
      await tx.copyCsv('opening_rules', ['facility_id', 'always_open', 'ph_mode', 'parse_error'], data.rules);
      await tx.copyCsv('opening_intervals', ['facility_id', 'day', 'start_min', 'end_min'], data.intervals);
      // the rider query points, for pgbench's reference query (the same points wrk sends to the API)
      await tx.exec(`drop table if exists bench_points;
        create table bench_points (id integer primary key, lng float8 not null, lat float8 not null, geom geometry(Point, 4326));`);
      await tx.copyCsv('bench_points', ['id', 'lng', 'lat'], data.points);
      await tx.exec('update bench_points set geom = ST_SetSRID(ST_MakePoint(lng, lat), 4326)');
      await tx.exec(`select setval(pg_get_serial_sequence('facilities', 'id'), (select max(id) from facilities))`);
    });
    await db.query('analyze');
    log(`loaded with COPY in ${((Date.now() - tLoad) / 1000).toFixed(1)} s`);
    const [c] = await db.query<{ n: number; open247: number }>(
      `select count(*)::int as n, count(*) filter (where r.always_open)::int as open247 from facilities f join opening_rules r on r.facility_id = f.id`,
    );
    log(`database now holds ${c.n} stations, ${c.open247} of them 24/7`);
  } finally {
    await db.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
