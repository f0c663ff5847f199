import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, getJson, openTestDb, testApp } from '../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';

describe(`GET /api/grids (${backend()})`, () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  it('gives every live grid of the city once, with the documented status rule', async () => {
    const { status, body } = await getJson(app, '/api/grids/co-building');
    expect(status).toBe(200);
    const [{ n }] = await db.query<{ n: number }>('select count(*) as n from grids where deleted_at is null');
    expect(body.numberReturned).toBe(n);
    // the rule re-derived in plain SQL on the base tables (not the live_grid_status view)
    const truth = await db.query<{ id: number; shared: boolean }>(
      `select g.id, exists (select 1 from facilities f where f.deleted_at is null and f.co_built and f.status = 'open'
                and f.type in ('worker_home', 'station') and (f.id = g.shared_site_id or f.grid_id = g.id)) as shared
         from grids g where g.deleted_at is null`);
    const shared = new Map(truth.map((t) => [t.id, t.shared]));
    const counts = { full: 0, partial: 0, none: 0 };
    for (const f of body.features) {
      const p = f.properties;
      expect(p.shared).toBe(shared.get(p.id));
      const want = p.union_org === null ? 'none' : p.synced_built && p.cross_posts >= 1 && p.shared ? 'full' : 'partial';
      expect(p.status).toBe(want);
      counts[p.status as 'full']++;
    }
    expect(body.counts).toEqual(counts);
    expect(counts.full).toBeGreaterThan(0);
    expect(counts.partial).toBeGreaterThan(0);
    expect(counts.none).toBeGreaterThan(0);
  });

  it('keeps the payload lean: simplified polygons, at most 6 decimals', async () => {
    const { body } = await getJson(app, '/api/grids/co-building?region=320902');
    expect(body.simplify_tolerance_deg).toBe(0.0002);
    const text = JSON.stringify(body.features.map((f: any) => f.geometry));
    expect(text).not.toMatch(/\d\.\d{7,}/);
    for (const f of body.features) {
      expect(['Polygon', 'MultiPolygon']).toContain(f.geometry.type);
      expect(f.properties.county_code).toBe('320902');
    }
  });

  it('reach per town: sums and shares match plain SQL, new-form reach by brute force', async () => {
    const { status, body } = await getJson(app, '/api/grids/reach?region=320981&radius_m=1000');
    expect(status).toBe(200);
    const [g] = await db.query<{ grids: number; workers: number }>(
      `select count(*) as grids, sum(g.workers) as workers from grids g join regions t on t.code = g.town_code
        where g.deleted_at is null and t.parent_code = '320981'`);
    expect(body.totals.grids).toBe(g.grids);
    expect(body.totals.workers).toBe(g.workers);
    const [nf] = await db.query<{ total: number; reached: number }>(
      `select sum(d.new_form_workers) as total,
              coalesce(sum(d.new_form_workers) filter (where exists (
                select 1 from facilities f where f.deleted_at is null and f.co_built and f.status = 'open'
                   and f.type in ('worker_home', 'station') and f.geom && ST_Expand(d.centroid, 0.03)
                   and ST_Distance(f.geom::geography, d.centroid::geography) <= 1000)), 0) as reached
         from demand d join regions t on t.code = d.region_code where t.parent_code = '320981'`);
    expect(body.totals.new_form_workers).toBe(nf.total);
    expect(body.totals.new_form_reached).toBe(nf.reached);
    for (const t of body.towns) {
      expect(t.workers_in_served_grids).toBeLessThanOrEqual(t.workers);
      expect(t.share_served).toBeCloseTo(t.workers > 0 ? t.workers_in_served_grids / t.workers : 0, 12);
    }
    const wider = (await getJson(app, '/api/grids/reach?region=320981&radius_m=3000')).body;
    expect(wider.totals.new_form_reached).toBeGreaterThanOrEqual(body.totals.new_form_reached);
  }, 120_000);

  it('grids_full in the reach figures equals the status layer', async () => {
    const reach = (await getJson(app, '/api/grids/reach?region=320902')).body;
    const layer = (await getJson(app, '/api/grids/co-building?region=320902')).body;
    expect(reach.totals.grids_full).toBe(layer.counts.full);
    expect(reach.totals.grids).toBe(layer.numberReturned);
  });

  const BAD: Array<[string, number]> = [
    ['/api/grids/co-building?region=abc', 400],
    ['/api/grids/co-building?region=320999', 404],
    ['/api/grids/reach?radius_m=0', 400],
    ['/api/grids/reach?radius_m=99999', 400],
    ['/api/grids/reach?radius_m=1e3', 400],
    ['/api/grids/reach?region=320999001', 404],
  ];
  it.each(BAD)('%s → %i with zh + en message', async (path, expected) => {
    const { status, body } = await getJson(app, path);
    expect(status).toBe(expected);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.message_en).not.toMatch(/[\u4e00-\u9fff]{3}/);
  });
});
