import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { getJson, openTestDb, testApp } from '../../test/helpers/db.ts';

const SWAIN = resolve(import.meta.dirname, '../../../shared/benchmarks/mclp-swain55');

type App = ReturnType<typeof testApp>;

async function post(app: App, path: string, body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await app.request(path, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: JSON.parse(text) as any };
}

const pt = (id: unknown, lng: number, lat: number, extra: Record<string, unknown> = {}) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [lng, lat] }, properties: { id, ...extra },
});
const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });

describe('POST /api/plans/suggest', () => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  it('suggests sites for a county from the default demand and candidates, with a proven bound', async () => {
    const { status, body } = await post(app, '/api/plans/suggest', { k: 5, radius_m: 1000, region: '320902' });
    expect(status).toBe(200);
    expect(body.selected).toHaveLength(5);
    expect(body.selected_sites.map((s: any) => s.id)).toEqual(body.selected);
    for (const s of body.selected_sites) {
      expect(['facility', 'h3_cell']).toContain(s.kind);
      expect(String(s.id)).toMatch(/^(facility:\d+|h3:88[0-9a-f]{13})$/);
      expect(s.added_weight).toBeGreaterThan(0);
    }
    // added weights are non-increasing (greedy order) and add up to the gain over the existing sites
    const added = body.selected_sites.map((s: any) => s.added_weight);
    expect([...added].sort((a: number, b: number) => b - a)).toEqual(added);
    expect(body.baseline_weight + added.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(body.covered_weight, 6);
    expect(body.baseline_weight).toBeGreaterThan(0);
    expect(body.covered_weight).toBeGreaterThanOrEqual(body.greedy_weight);
    expect(body.upper_bound).toBeGreaterThanOrEqual(body.covered_weight);
    expect(body.gap).toBeCloseTo((body.upper_bound - body.covered_weight) / body.upper_bound, 12);
    expect(body.gap).toBeLessThanOrEqual(0.01);
    expect(body.candidates_count).toBeGreaterThan(100);
    expect(body.candidates_count).toBeLessThan(5000);
    const [{ n }] = await db.query<{ n: number }>(
      "select count(*)::int as n from demand where region_code in (select code from region_towns('320902'))",
    );
    expect(body.demand_count).toBe(n);
  });

  it('keep_existing = false starts from nothing; a night hour counts fewer open stations', async () => {
    const none = await post(app, '/api/plans/suggest', { k: 3, radius_m: 1000, region: '320902', keep_existing: false });
    expect(none.status).toBe(200);
    expect(none.body.baseline_weight).toBe(0);
    const day = await post(app, '/api/plans/suggest', { k: 1, radius_m: 1000, region: '320902' });
    const night = await post(app, '/api/plans/suggest', { k: 1, radius_m: 1000, region: '320902', hour: 3 });
    expect(night.status).toBe(200);
    expect(night.body.baseline_weight).toBeLessThan(day.body.baseline_weight);
    const riders = await post(app, '/api/plans/suggest', { k: 2, radius_m: 800, region: '320902', hour: 22, weight: 'riders' });
    expect(riders.status).toBe(200);
    const [{ w }] = await db.query<{ w: number }>(
      "select sum(rider_activity[23])::float8 as w from demand where region_code in (select code from region_towns('320902'))",
    );
    expect(riders.body.total_weight).toBe(w);
  });

  it('PostGIS cover sets (default demand) and JS geodesic cover sets (the same cells posted) give the same answer', async () => {
    const cells = await db.query<{ h3: string; lng: number; lat: number; w: number }>(
      `select h3, ST_X(centroid) as lng, ST_Y(centroid) as lat, residents as w from demand
        where region_code in (select code from region_towns('320902')) order by h3`,
    );
    const cands = cells.filter((_, i) => i % 97 === 0).map((c, i) => pt(`c${i}`, c.lng + 0.001, c.lat - 0.0007));
    const fromDb = await post(app, '/api/plans/suggest', { k: 4, radius_m: 1200, region: '320902', keep_existing: false, candidates: fc(cands) });
    const fromJs = await post(app, '/api/plans/suggest', {
      k: 4, radius_m: 1200, keep_existing: false, candidates: fc(cands),
      demand: fc(cells.map((c) => pt(c.h3, c.lng, c.lat, { weight: c.w }))),
    });
    expect(fromDb.status).toBe(200);
    expect(fromJs.status).toBe(200);
    expect(fromJs.body.total_weight).toBe(fromDb.body.total_weight);
    expect(fromJs.body.covered_weight).toBe(fromDb.body.covered_weight);
    expect(fromJs.body.upper_bound).toBe(fromDb.body.upper_bound);
  });

  it('caller demand without candidates gets host facilities and uncovered-cell centres as candidates', async () => {
    const demand = fc([pt('a', 120.16, 33.35, { weight: 5 }), pt('b', 120.18, 33.36, { weight: 7 }), pt('c', 120.3, 33.5, { weight: 1 })]);
    const { status, body } = await post(app, '/api/plans/suggest', { k: 1, radius_m: 500, demand, keep_existing: false });
    expect(status).toBe(200);
    expect(body.demand_count).toBe(3);
    expect(body.covered_weight).toBeGreaterThanOrEqual(7);
  });

  it.each([
    [496, 5],
    [978, 3],
    [1381, 4],
  ])('Swain 55 over HTTP: r = %i m, p = %i is the published optimum', async (radius_m, p) => {
    const nodes = JSON.parse(readFileSync(resolve(SWAIN, 'swain55_geo.json'), 'utf8')).nodes as any[];
    const optima = JSON.parse(readFileSync(resolve(SWAIN, 'swain55_optima.json'), 'utf8')) as any[];
    const want = optima.find((o) => o.radius_m === radius_m && o.p === p).optimum_weight;
    const demand = fc(nodes.map((n) => pt(n.id, n.lng, n.lat, { weight: n.w })));
    const candidates = fc(nodes.map((n) => pt(n.id, n.lng, n.lat)));
    const { status, body } = await post(app, '/api/plans/suggest', { k: p, radius_m, demand, candidates, keep_existing: false });
    expect(status).toBe(200);
    expect(body.covered_weight).toBe(want);
    expect(body.gap).toBe(0);
    expect(body.optimal).toBe(true);
    expect(body.selected.every((id: unknown) => typeof id === 'number')).toBe(true);
  });
});

describe('suggestion jobs: progress and cancel', () => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  it('runs in the background and returns the result', async () => {
    const start = await post(app, '/api/plans/jobs', { k: 3, radius_m: 1000, region: '320902' });
    expect(start.status).toBe(202);
    const id = start.body.job_id;
    let s: any;
    for (let t = 0; t < 600; t++) {
      s = (await getJson(app, `/api/plans/jobs/${id}`)).body;
      expect(['running', 'done']).toContain(s.status);
      expect(s.progress.total).toBeGreaterThan(0);
      if (s.status === 'done') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(s.status).toBe('done');
    expect(s.result.selected).toHaveLength(3);
  });

  it('cancels a running job', async () => {
    // 30k random demand points and 3k candidates at 5 km keep the worker busy for seconds
    const demand = fc(Array.from({ length: 30_000 }, (_, i) => pt(i, 119.5 + ((i * 7919) % 10007) / 10007, 33 + ((i * 104729) % 9973) / 9973, { weight: 1 + (i % 13) })));
    const candidates = fc(Array.from({ length: 3000 }, (_, j) => pt(`c${j}`, 119.5 + ((j * 31) % 997) / 997, 33 + ((j * 17) % 991) / 991)));
    const start = await post(app, '/api/plans/jobs', { k: 40, radius_m: 5000, demand, candidates, keep_existing: false, time_limit_ms: 60_000 });
    expect(start.status).toBe(202);
    const id = start.body.job_id;
    const del = await app.request(`/api/plans/jobs/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(((await del.json()) as any).status).toBe('cancelled');
    expect((await getJson(app, `/api/plans/jobs/${id}`)).body.status).toBe('cancelled');
  });

  it('unknown and malformed job ids', async () => {
    expect((await getJson(app, '/api/plans/jobs/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await getJson(app, '/api/plans/jobs/not-a-job')).status).toBe(400);
  });
});

describe('bad input to the suggestion endpoints (zh + en, never 500)', () => {
  let db: Db;
  let app: App;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  const three = fc([pt('a', 120.16, 33.35), pt('b', 120.17, 33.35), pt('c', 120.18, 33.35)]);
  const demand1 = fc([pt('d', 120.16, 33.35, { weight: 1 })]);
  const CASES: [string, unknown, number][] = [ // [name, body, status]
    ['k = 0', { k: 0, radius_m: 1000 }, 400],
    ['k not an integer', { k: 1.5, radius_m: 1000 }, 400],
    ['k as a string', { k: '5', radius_m: 1000 }, 400],
    ['k > candidates', { k: 4, radius_m: 1000, candidates: three, demand: demand1 }, 400],
    ['radius 0', { k: 1, radius_m: 0 }, 400],
    ['radius 5001', { k: 1, radius_m: 5001 }, 400],
    ['missing radius', { k: 1 }, 400],
    ['hour 24', { k: 1, radius_m: 1000, hour: 24 }, 400],
    ['unknown weight', { k: 1, radius_m: 1000, weight: 'cats' }, 400],
    ['unknown field', { k: 1, radius_m: 1000, radius: 3 }, 400],
    ['time limit too long', { k: 1, radius_m: 1000, time_limit_ms: 3_600_000 }, 400],
    ['unknown region', { k: 1, radius_m: 1000, region: '110000' }, 404],
    ['bad region code', { k: 1, radius_m: 1000, region: '32-09' }, 400],
    ['empty demand', { k: 1, radius_m: 1000, demand: fc([]) }, 400],
    ['not a FeatureCollection', { k: 1, radius_m: 1000, demand: { type: 'Feature' } }, 400],
    ['non-Point demand', { k: 1, radius_m: 1000, demand: fc([{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[120, 33], [121, 33]] }, properties: { id: 1, weight: 1 } }]) }, 400],
    ['non-Point candidate', { k: 1, radius_m: 1000, demand: demand1, candidates: fc([{ type: 'Feature', geometry: { type: 'Polygon', coordinates: [] }, properties: { id: 1 } }]) }, 400],
    ['duplicate ids', { k: 1, radius_m: 1000, demand: fc([pt(1, 120.1, 33.3, { weight: 1 }), pt(1, 120.2, 33.3, { weight: 2 })]) }, 400],
    ['missing id', { k: 1, radius_m: 1000, demand: fc([pt(undefined, 120.1, 33.3, { weight: 1 })]) }, 400],
    ['missing candidate id', { k: 1, radius_m: 1000, demand: demand1, candidates: fc([pt(null, 120.1, 33.3)]) }, 400],
    ['negative weight', { k: 1, radius_m: 1000, demand: fc([pt('x', 120.1, 33.3, { weight: -1 })]) }, 400],
    ['missing weight', { k: 1, radius_m: 1000, demand: fc([pt('x', 120.1, 33.3)]) }, 400],
    ['lat/lng swapped', { k: 1, radius_m: 1000, demand: fc([pt('x', 33.3, 120.1, { weight: 1 })]) }, 400],
    ['coordinates not numbers', { k: 1, radius_m: 1000, demand: fc([pt('x', '120' as unknown as number, 33.3, { weight: 1 })]) }, 400],
    ['body is an array', [1, 2], 400],
  ];

  it.each(CASES.map(([name, body, status]) => [name, status, body] as const))('%s → %i', async (_name, expected, body) => {
    for (const path of ['/api/plans/suggest', '/api/plans/jobs']) {
      const res = await post(app, path, body);
      expect(res.status).toBe(expected);
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
      expect(res.body.error.message_en).toMatch(/[A-Za-z]/);
    }
  });

  it('non-JSON body and wrong content type → 400', async () => {
    const a = await post(app, '/api/plans/suggest', '{"k": 1, radius_m', { 'content-type': 'application/json' });
    expect(a.status).toBe(400);
    expect(a.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const b = await post(app, '/api/plans/suggest', 'k=1&radius_m=1000', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(b.status).toBe(400);
    expect(b.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const c = await post(app, '/api/plans/suggest', JSON.stringify({ k: 1, radius_m: 1000 }), { 'content-type': 'text/plain' });
    expect(c.status).toBe(400);
  });

  it('more than 500,000 demand points → 413', async () => {
    const f = '{"type":"Feature","geometry":{"type":"Point","coordinates":[120.1,33.3]},"properties":{"id":1,"weight":1}}';
    const body = `{"k":1,"radius_m":1000,"demand":{"type":"FeatureCollection","features":[${Array(500_001).fill(f).join(',')}]}}`;
    const res = await post(app, '/api/plans/suggest', body);
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
    expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.error.message_en).toMatch(/500000/);
  });
});
