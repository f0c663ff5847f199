import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, openTestDb, testApp } from '../../test/helpers/db.ts';
import { bruteSummary } from '../coverage/brute-force.ts';
import type { Db } from '../db/index.ts';

const COUNTY = '320981'; // 东台市: large rural gaps, so new sites add coverage
const close = (a: number | null, b: number | null) => {
  if (a === null || b === null) expect(a).toBe(b);
  else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(b)));
};

describe('scenarios', () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  const made: number[] = [];
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => {
    if (made.length) await db.query('delete from scenarios where id = any($1::bigint[])', [made]);
    await db?.close();
  });

  const post = async (body: unknown) => {
    const res = await app.request('/api/scenarios', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    });
    const json = (await res.json()) as any;
    if (res.status === 201) made.push(json.id);
    return { status: res.status, body: json };
  };

  async function gapSites(n: number, hour?: number) {
    const { body } = await getJson(app, `/api/gaps?region=${COUNTY}&limit=${n}${hour === undefined ? '' : `&hour=${hour}`}`);
    return body.areas.map((a: any, i: number) => ({ id: `gap-${i}`, lng: a.centroid[0], lat: a.centroid[1], name: `缺口 ${i + 1}`, candidate_id: i }));
  }

  it('saves, lists, reads, measures before/after against brute force, and soft-deletes with a version check', async () => {
    const sites = await gapSites(5, 22);
    const created = await post({ name: '东台夜间补点', radius_m: 1000, hour: 22, weight: 'riders', region: COUNTY, sites });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect(created.body.version).toBe(1);

    const list = await getJson(app, '/api/scenarios');
    expect(list.body.scenarios.find((s: any) => s.id === id)).toMatchObject({ name: '东台夜间补点', site_count: 5, hour: 22 });
    const one = await getJson(app, `/api/scenarios/${id}`);
    expect(one.body.sites.map((s: any) => s.id)).toEqual(sites.map((s: any) => s.id));
    expect(one.body.sites[2].candidate_id).toBe('2');
    close(one.body.sites[0].lng, sites[0].lng);

    const cov = await getJson(app, `/api/scenarios/${id}/coverage`);
    expect(cov.status).toBe(200);
    const { before, after, added } = cov.body;
    const plain = await getJson(app, `/api/coverage?region=${COUNTY}&hour=22&weight=riders&radius_m=1000&date=${before.date}`);
    close(before.covered, plain.body.covered);
    expect(before.children.map((c: any) => [c.code, c.covered])).toEqual(plain.body.children.map((c: any) => [c.code, c.covered]));
    const t0 = `${before.date}T22:00:00+08:00`;
    const brute = await bruteSummary(db, { radius_m: 1000, region: COUNTY, t0, types: ['worker_home', 'station'], weight: 'riders', sites });
    close(after.total, brute.total);
    close(after.covered, brute.covered);
    for (const ch of after.children) close(ch.covered, brute.byTown.get(ch.code)?.covered ?? 0);
    expect(added.covered).toBeGreaterThan(0);
    close(added.covered, after.covered - before.covered);

    const stale = await app.request(`/api/scenarios/${id}?version=7`, { method: 'DELETE' });
    expect(stale.status).toBe(409);
    const del = await app.request(`/api/scenarios/${id}?version=1`, { method: 'DELETE' });
    expect(del.status).toBe(200);
    expect(((await del.json()) as any).version).toBe(2);
    expect((await getJson(app, `/api/scenarios/${id}`)).status).toBe(404);
    expect((await getJson(app, `/api/scenarios/${id}/coverage`)).status).toBe(404);
    expect((await app.request(`/api/scenarios/${id}`, { method: 'DELETE' })).status).toBe(404);
  }, 180_000);

  it('compares two scenarios per child region', async () => {
    const sites = await gapSites(3);
    const a = await post({ name: 'A', radius_m: 1000, region: COUNTY, sites: sites.slice(0, 1) });
    const b = await post({ name: 'B', radius_m: 1000, region: COUNTY, sites });
    const { status, body } = await getJson(app, `/api/scenarios/compare?a=${a.body.id}&b=${b.body.id}`);
    expect(status).toBe(200);
    expect(body.a.scenario.id).toBe(a.body.id);
    expect(body.b.after.covered).toBeGreaterThanOrEqual(body.a.after.covered);
    close(body.a.before.covered, body.b.before.covered);
    expect(body.children.length).toBe(body.a.after.children.length);
    for (const ch of body.children) expect(ch.after_b).toBeGreaterThanOrEqual(ch.after_a);
  });

  it('an empty scenario covers exactly what exists', async () => {
    const s = await post({ name: '空方案', radius_m: 2000, region: '320902', sites: [] });
    const { body } = await getJson(app, `/api/scenarios/${s.body.id}/coverage`);
    close(body.before.covered, body.after.covered);
    expect(body.added.covered).toBe(0);
  });
});
