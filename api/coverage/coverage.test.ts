import { gridDisk } from 'h3-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, openTestDb, testApp } from '../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';
import { refreshOpeningHours } from '../hours/materialise.ts';
import { bruteCells, bruteNearest, bruteSummary, type BruteParams } from './brute-force.ts';
import { resolveCoverageTime } from './pairs.ts';

const COUNTY = '320902'; // 亭湖区: urban core, many stations
const TYPES = ['worker_home', 'station'];
const close = (a: number | null, b: number | null) => {
  if (a === null || b === null) expect(a).toBe(b);
  else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
};

describe('coverage vs brute force', () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  /** ids of fixture facilities, hard-deleted at the end (the PostgreSQL test DB is shared) */
  const made: number[] = [];
  let date: string;

  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
    date = (await resolveCoverageTime(db, {})).date;
  });
  afterAll(async () => {
    if (made.length) await db.query('delete from facilities where id = any($1::bigint[])', [made]);
    await db?.close();
  });

  async function addFacility(f: { type?: string; lng: number; lat: number; hours?: string; status?: string }): Promise<number> {
    const [{ id }] = await db.query<{ id: number }>(
      `insert into facilities (type, name, geom, region_code, opening_hours, status, capacity)
       select $1, '测试站点 fixture', ST_SetSRID(ST_MakePoint($2, $3), 4326),
              (select d.region_code from demand d order by d.centroid <-> ST_SetSRID(ST_MakePoint($2, $3), 4326) limit 1),
              $4, $5, 20
       returning id`,
      [f.type ?? 'station', f.lng, f.lat, f.hours ?? '24/7', f.status ?? 'open'],
    );
    made.push(id);
    await refreshOpeningHours(db, [id]);
    return id;
  }

  /** Cells with no station within 6 km, each > 0.1° from the others, so each fixture is alone in its reach. */
  async function remoteCells(n: number) {
    const rows = await db.query<{ h3: string; lng: number; lat: number; town: string; county: string }>(
      `select d.h3, ST_X(d.centroid) as lng, ST_Y(d.centroid) as lat, d.region_code as town, t.parent_code as county
         from demand d join regions t on t.code = d.region_code
        where not exists (select 1 from facilities f where f.type = any($1::text[]) and ST_DWithin(f.geom, d.centroid, 0.08)
                            and ST_DWithin(f.geom::geography, d.centroid::geography, 6000))
        order by d.h3 limit 3000`,
      [TYPES],
    );
    const picked: typeof rows = [];
    for (const r of rows) {
      if (picked.every((p) => Math.hypot(p.lng - r.lng, p.lat - r.lat) > 0.1)) picked.push(r);
      if (picked.length === n) break;
    }
    expect(picked.length).toBe(n);
    return picked;
  }

  async function compare(qs: Record<string, string | number>, brute: BruteParams) {
    const url = `/api/coverage?${new URLSearchParams(Object.entries(qs).map(([k, v]) => [k, String(v)]))}`;
    const { status, body } = await getJson(app, url);
    expect(status, JSON.stringify(body)).toBe(200);
    const b = await bruteSummary(db, brute);
    close(body.total, b.total);
    close(body.covered, b.covered);
    close(body.ratio, b.total > 0 ? b.covered / b.total : null);
    return { body, brute: b };
  }

  const t0 = (d: string, h: number) => `${d}T${String(h).padStart(2, '0')}:00:00+08:00`;

  it('matches brute force city-wide at 1 km (every child region too)', async () => {
    const { body, brute } = await compare({}, { radius_m: 1000, region: '320900', t0: null, types: TYPES, weight: 'residents' });
    expect(body.children.length).toBe(10);
    const byCounty = new Map<string, { total: number; covered: number }>();
    const [towns] = [await db.query<{ code: string; parent_code: string }>(`select code, parent_code from regions where level = 'town'`)];
    const parent = new Map(towns.map((t) => [t.code, t.parent_code]));
    for (const [town, v] of brute.byTown) {
      const c = byCounty.get(parent.get(town)!) ?? { total: 0, covered: 0 };
      c.total += v.total;
      c.covered += v.covered;
      byCounty.set(parent.get(town)!, c);
    }
    for (const ch of body.children) {
      close(ch.total, byCounty.get(ch.code)!.total);
      close(ch.covered, byCounty.get(ch.code)!.covered);
    }
    const ratios = body.children.map((c: any) => c.ratio);
    expect([...ratios].sort((a, b) => a - b)).toEqual(ratios);
    expect(body.demo).toBe(true);
    expect(body.date).toBe(date);
  }, 300_000); // the brute force scans 200k cells: minutes on PGlite (WASM) under load

  it.each([
    [{ radius_m: 3000, weight: 'workers' }],
    [{ radius_m: 500, hour: 22, weight: 'riders' }],
    [{ radius_m: 1500, hour: 9, weight: 'new_form_workers', types: 'station,worker_home,party_center' }],
    [{ radius_m: 2000, weight: 'riders' }],
  ])('matches brute force for county %j', async (qs: Record<string, any>) => {
    const types = qs.types ? String(qs.types).split(',') : TYPES;
    const { body, brute } = await compare(
      { region: COUNTY, date, ...qs },
      { radius_m: qs.radius_m, region: COUNTY, t0: qs.hour === undefined ? null : t0(date, qs.hour), types, weight: qs.weight },
    );
    expect(body.children.length).toBeGreaterThan(5);
    for (const ch of body.children) {
      const b = brute.byTown.get(ch.code) ?? { total: 0, covered: 0 };
      close(ch.total, b.total);
      close(ch.covered, b.covered);
    }
  }, 180_000);

  it('opening hours: partly-open, 24/7 at 22:00, holiday and 调休 days, a cell exactly at radius_m', async () => {
    const [a, b, c, e] = await remoteCells(4);
    // closes at 22:30: open for part of the 22:00 hour only — must not count at 22, counts at 21
    await addFacility({ lng: a.lng, lat: a.lat, hours: 'Mo-Su 08:00-22:30' });
    // 24/7 counts at 22:00
    await addFacility({ lng: b.lng, lat: b.lat, hours: '24/7' });
    // weekday office hours, closed on public holidays
    await addFacility({ lng: c.lng, lat: c.lat, hours: 'Mo-Fr 09:00-17:00; PH off' });
    // exactly 1000 m due east of cell e (ST_Project on the spheroid)
    const [p] = await db.query<{ lng: number; lat: number }>(
      `select ST_X(g) as lng, ST_Y(g) as lat from (select ST_Project(ST_SetSRID(ST_MakePoint($1, $2), 4326)::geography, 1000, radians(90))::geometry as g) x`,
      [e.lng, e.lat],
    );
    await addFacility({ lng: p.lng, lat: p.lat, hours: '24/7' });

    const cell = async (h3: string, qs: string) => {
      const county = (await db.query<{ c: string }>(`select t.parent_code as c from demand d join regions t on t.code = d.region_code where d.h3 = $1`, [h3]))[0].c;
      const { body } = await getJson(app, `/api/coverage/cells?region=${county}&${qs}`);
      const i = body.h3.indexOf(h3);
      expect(i, `${h3} present`).toBeGreaterThanOrEqual(0);
      return body.covered[i];
    };
    expect(await cell(a.h3, `hour=22&date=${date}`)).toBe(0);
    expect(await cell(a.h3, `hour=21&date=${date}`)).toBe(1);
    expect(await cell(b.h3, `hour=22&date=${date}`)).toBe(1);
    expect(await cell(b.h3, `hour=3&date=2026-10-01`)).toBe(1);
    // 2026-10-01 is a Thursday holiday; 2026-10-09 an ordinary Friday; 2026-10-10 a Saturday 调休 workday
    expect(await cell(c.h3, 'hour=10&date=2026-10-01')).toBe(0);
    expect(await cell(c.h3, 'hour=10&date=2026-10-09')).toBe(1);
    expect(await cell(c.h3, 'hour=10&date=2026-10-10')).toBe(1);
    expect(await cell(c.h3, 'hour=10&date=2026-10-11')).toBe(0);
    expect(await cell(e.h3, 'radius_m=1000')).toBe(1);
    expect(await cell(e.h3, 'radius_m=999')).toBe(0);

    // and the aggregate answers still agree with brute force for each of those cases
    for (const [qs, t] of [
      [{ hour: 22, date }, t0(date, 22)],
      [{ hour: 10, date: '2026-10-01' }, t0('2026-10-01', 10)],
      [{ hour: 10, date: '2026-10-10' }, t0('2026-10-10', 10)],
    ] as const) {
      for (const region of new Set([a.county, c.county])) {
        await compare({ region, ...qs }, { radius_m: 1000, region, t0: t, types: TYPES, weight: 'residents' });
      }
    }
    await compare({ region: e.county, radius_m: 1000 }, { radius_m: 1000, region: e.county, t0: null, types: TYPES, weight: 'residents' });
  }, 300_000);

  it('a town without demand: total 0, ratio null, listed last among its siblings', async () => {
    const code = `${COUNTY}999`;
    await db.query(
      `insert into regions (code, name, level, parent_code, approximate, geom, centroid)
       select $1, '空白测试镇', 'town', $2, true, ST_Multi(ST_Buffer(centroid, 0.001)), centroid from regions where code = $2`,
      [code, COUNTY],
    );
    try {
      const { status, body } = await getJson(app, `/api/coverage?region=${code}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ total: 0, covered: 0, ratio: null, children: [] });
      const county = await getJson(app, `/api/coverage?region=${COUNTY}`);
      const last = county.body.children[county.body.children.length - 1];
      expect(last).toMatchObject({ code, total: 0, ratio: null });
      const gaps = await getJson(app, `/api/gaps?region=${code}`);
      expect(gaps.body.cells.features).toEqual([]);
      expect(gaps.body.areas).toEqual([]);
    } finally {
      await db.query('delete from regions where code = $1', [code]);
    }
  });

  it('gaps: heaviest uncovered cells with nearest distance, merged areas', async () => {
    const bp: BruteParams = { radius_m: 1000, region: COUNTY, t0: t0(date, 22), types: TYPES, weight: 'residents' };
    const { status, body } = await getJson(app, `/api/gaps?region=${COUNTY}&hour=22&date=${date}&limit=30`);
    expect(status).toBe(200);
    const cells = (await bruteCells(db, bp)).filter((c) => !c.covered && c.w > 0).sort((x, y) => y.w - x.w || x.h3.localeCompare(y.h3));
    const top = cells.slice(0, 30);
    expect(body.cells.features.map((f: any) => f.properties.h3)).toEqual(top.map((c) => c.h3));
    const nearest = await bruteNearest(db, bp, top.map((c) => [c.lng, c.lat] as const));
    body.cells.features.forEach((f: any, i: number) => {
      close(f.properties.weight, top[i].w);
      close(f.properties.nearest_m, nearest[i]);
    });
    expect(body.areas.length).toBe(30);
    const uncovered = new Set(cells.map((c) => c.h3));
    const weightOf = new Map(cells.map((c) => [c.h3, c.w]));
    const owner = new Map<string, number>();
    for (const a of body.areas) {
      expect(a.cells).toBe(a.h3.length);
      close(a.weight, a.h3.reduce((s: number, h: string) => s + weightOf.get(h)!, 0));
      for (const h of a.h3) {
        expect(uncovered.has(h)).toBe(true);
        owner.set(h, a.id);
      }
    }
    // areas are maximal: no two listed areas touch
    for (const [h, id] of owner) for (const n of gridDisk(h, 1)) if (owner.has(n)) expect(owner.get(n)).toBe(id);
    const weights = body.areas.map((a: any) => a.weight);
    expect([...weights].sort((x, y) => y - x)).toEqual(weights);
    const areaNearest = await bruteNearest(db, bp, body.areas.map((a: any) => a.centroid));
    body.areas.forEach((a: any, i: number) => close(a.nearest_m, areaNearest[i]));
  });

  it('cells: res 9 flags match brute force; res 8 / 7 keep the covered weight', async () => {
    const bp: BruteParams = { radius_m: 1500, region: COUNTY, t0: null, types: TYPES, weight: 'workers' };
    const brute = (await bruteCells(db, bp)).filter((c) => c.w > 0);
    const r9 = (await getJson(app, `/api/coverage/cells?region=${COUNTY}&radius_m=1500&weight=workers`)).body;
    expect(r9.h3).toEqual(brute.map((c) => c.h3));
    expect(r9.covered).toEqual(brute.map((c) => (c.covered ? 1 : 0)));
    const coveredW = brute.filter((c) => c.covered).reduce((s, c) => s + c.w, 0);
    for (const res of [8, 7]) {
      const r = (await getJson(app, `/api/coverage/cells?region=${COUNTY}&radius_m=1500&weight=workers&res=${res}`)).body;
      expect(r.res).toBe(res);
      expect(r.h3.length).toBeLessThan(r9.h3.length);
      const w = r.weight.reduce((s: number, x: number) => s + x, 0);
      close(w, brute.reduce((s, c) => s + c.w, 0));
      const cw = r.weight.reduce((s: number, x: number, i: number) => s + x * r.covered[i], 0);
      expect(Math.abs(cw - coveredW) / coveredW).toBeLessThan(1e-3); // fractions are rounded to 4 decimals
    }
  });

  it('capacity: each cell split equally among the facilities that reach it', async () => {
    const { body } = await getJson(app, `/api/coverage/capacity?region=${COUNTY}&radius_m=1000`);
    expect(body.facilities.length).toBeGreaterThan(10);
    const rows = await db.query<{ id: number; demand: number }>(
      `with f as (select id, geom from facilities where deleted_at is null and status = 'open' and type = any($1::text[])),
            c as (select d.h3, d.residents as w, f.id from demand d join f on ST_DWithin(f.geom, d.centroid, 1000 / 80000.0)
                    and ST_DWithin(f.geom::geography, d.centroid::geography, 1000 + 1e-6)
                   where d.centroid && (select ST_Expand(ST_Extent(geom)::geometry, 0.1) from facilities
                                         where region_code in (select code from region_towns($2)))),
            n as (select h3, count(*) as n from c group by h3)
       select c.id, sum(c.w::float8 / n.n) as demand from c join n using (h3) group by c.id`,
      [TYPES, COUNTY],
    );
    const want = new Map(rows.map((r) => [r.id, r.demand]));
    for (const f of body.facilities) {
      close(f.demand, want.get(f.id) ?? 0);
      close(f.per_unit, f.demand / f.capacity);
      expect(f.overloaded).toBe(body.threshold_per_unit !== null && f.per_unit > body.threshold_per_unit);
    }
    const pu = body.facilities.map((f: any) => f.per_unit);
    expect([...pu].sort((x, y) => y - x)).toEqual(pu);
  }, 180_000);
});

describe('pairs table: incremental maintenance', () => {
  let db: Db;
  const made: number[] = [];
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => {
    if (made.length) await db.query('delete from facilities where id = any($1::bigint[])', [made]);
    await db?.close();
  });

  /** The pairs of one facility vs a fresh geodesic scan of all demand cells. */
  async function expectPairsMatch(id: number) {
    const have = await db.query<{ h3: string; m: number }>(
      'select h3, distance_m as m from coverage_pairs where facility_id = $1 order by h3', [id]);
    const want = await db.query<{ h3: string; m: number }>(
      `select d.h3, ST_Distance(f.geom::geography, d.centroid::geography) as m
         from facilities f join demand d on ST_DWithin(f.geom, d.centroid, 0.07)
        where f.id = $1 and f.deleted_at is null and f.type in ('worker_home', 'station')
          and ST_DWithin(f.geom::geography, d.centroid::geography, 5000 + 1e-6)
        order by d.h3`,
      [id],
    );
    expect(have.map((r) => r.h3)).toEqual(want.map((r) => r.h3));
    have.forEach((r, i) => close(r.m, want[i].m));
    return have.length;
  }

  it('follows create, move, type change, close, soft delete, undelete and hard delete', async () => {
    const [d] = await db.query<{ lng: number; lat: number; town: string }>(
      `select ST_X(centroid) as lng, ST_Y(centroid) as lat, region_code as town from demand order by h3 limit 1 offset 5000`);
    const [{ id }] = await db.query<{ id: number }>(
      `insert into facilities (type, name, geom, region_code) values ('station', '测试 pairs', ST_SetSRID(ST_MakePoint($1, $2), 4326), $3) returning id`,
      [d.lng, d.lat, d.town],
    );
    made.push(id);
    expect(await expectPairsMatch(id)).toBeGreaterThan(100);
    await db.query('update facilities set geom = ST_SetSRID(ST_MakePoint($2 + 0.03, $3 - 0.02), 4326) where id = $1', [id, d.lng, d.lat]);
    expect(await expectPairsMatch(id)).toBeGreaterThan(100);
    await db.query(`update facilities set type = 'party_center' where id = $1`, [id]);
    expect(await expectPairsMatch(id)).toBe(0);
    await db.query(`update facilities set type = 'worker_home', status = 'closed' where id = $1`, [id]);
    expect(await expectPairsMatch(id)).toBeGreaterThan(100);
    await db.query('update facilities set deleted_at = now() where id = $1', [id]);
    expect(await expectPairsMatch(id)).toBe(0);
    await db.query('update facilities set deleted_at = null where id = $1', [id]);
    expect(await expectPairsMatch(id)).toBeGreaterThan(100);
    await db.query('delete from facilities where id = $1', [id]);
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from coverage_pairs where facility_id = $1', [id]);
    expect(n).toBe(0);
  });

  it('the pairs of one county\'s facilities equal a fresh build', async () => {
    const [{ diff }] = await db.query<{ diff: number }>(
      `select count(*)::int as diff from (
         (select h3, facility_id from coverage_pairs
           where facility_id in (select id from facilities where region_code in (select code from region_towns('320902')))
          except
          select d.h3, f.id from facilities f join demand d on d.centroid && ST_Expand(f.geom, 0.07)
           where f.deleted_at is null and f.type in ('worker_home', 'station')
             and f.region_code in (select code from region_towns('320902'))
             and ST_DWithin(f.geom::geography, d.centroid::geography, 5000 + 1e-6))
         union all
         (select d.h3, f.id from facilities f join demand d on d.centroid && ST_Expand(f.geom, 0.07)
           where f.deleted_at is null and f.type in ('worker_home', 'station')
             and f.region_code in (select code from region_towns('320902'))
             and ST_DWithin(f.geom::geography, d.centroid::geography, 5000 + 1e-6)
          except
          select h3, facility_id from coverage_pairs)) x`,
    );
    expect(diff).toBe(0);
  });
});
