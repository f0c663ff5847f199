import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, openTestDb, testApp } from '../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';

/** Coverage and scenario endpoints: every bad request is a 4xx in the one error shape, zh + en, never a 500. */
const GETS: Array<[string, number]> = [
  ['/api/coverage?radius_m=0', 400],
  ['/api/coverage?radius_m=5001', 400],
  ['/api/coverage?radius_m=1e3', 400],
  ['/api/coverage?radius_m=100&radius_m=200', 400],
  ['/api/coverage?hour=24', 400],
  ['/api/coverage?hour=-1', 400],
  ['/api/coverage?hour=night', 400],
  ['/api/coverage?date=2026-02-30', 400],
  ['/api/coverage?date=26-01-01', 400],
  ['/api/coverage?date=2026-01-01%27', 400],
  ['/api/coverage?types=station,spaceport', 400],
  ['/api/coverage?types=', 400],
  ['/api/coverage?weight=cats', 400],
  ['/api/coverage?region=3209', 400],
  ['/api/coverage?region=999999', 404],
  ['/api/coverage?region=320902001001', 400],
  ['/api/gaps?limit=0', 400],
  ['/api/gaps?limit=5001', 400],
  ['/api/gaps?radius_m=abc', 400],
  ['/api/coverage/cells?res=6', 400],
  ['/api/coverage/cells?res=9.0', 400],
  ['/api/coverage/capacity?weight=riders&hour=25', 400],
  ['/api/scenarios/abc', 400],
  ['/api/scenarios/99999999', 404],
  ['/api/scenarios/99999999/coverage', 404],
  ['/api/scenarios/compare?a=1', 400],
  ['/api/scenarios/compare?a=x&b=1', 400],
  ['/api/scenarios/compare?a=99999998&b=99999999', 404],
];

const SITE = { lng: 120.1, lat: 33.3 };
const POSTS: Array<[string, unknown, number]> = [
  ['missing name', { radius_m: 1000, sites: [] }, 400],
  ['blank name', { name: '  ', radius_m: 1000, sites: [] }, 400],
  ['radius 0', { name: 'x', radius_m: 0, sites: [] }, 400],
  ['radius 5001', { name: 'x', radius_m: 5001, sites: [] }, 400],
  ['fractional radius', { name: 'x', radius_m: 10.5, sites: [] }, 400],
  ['hour 24', { name: 'x', radius_m: 1000, hour: 24, sites: [] }, 400],
  ['bad weight', { name: 'x', radius_m: 1000, weight: 'dogs', sites: [] }, 400],
  ['unknown region', { name: 'x', radius_m: 1000, region: '999999', sites: [] }, 404],
  ['village region', { name: 'x', radius_m: 1000, region: '320902001001', sites: [] }, 400],
  ['unknown field', { name: 'x', radius_m: 1000, sites: [], drop: 'table' }, 400],
  ['sites not an array', { name: 'x', radius_m: 1000, sites: 'many' }, 400],
  ['lat/lng swapped', { name: 'x', radius_m: 1000, sites: [{ lng: 33.3, lat: 120.1 }] }, 400],
  ['NaN-like lng', { name: 'x', radius_m: 1000, sites: [{ lng: '120', lat: 33 }] }, 400],
  ['501 sites', { name: 'x', radius_m: 1000, sites: Array.from({ length: 501 }, () => SITE) }, 400],
  ['bad types', { name: 'x', radius_m: 1000, types: ['station', 'moon'], sites: [] }, 400],
];

describe('coverage and scenarios: bad input', () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  const expectError = (status: number, expected: number, body: any) => {
    expect(status, JSON.stringify(body)).toBe(expected);
    expect(body.error.code).toMatch(/^[a-z_]+$/);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.message_en).toMatch(/[A-Za-z]/);
    expect(body.error.message_en).not.toMatch(/[\u4e00-\u9fff]{3}/);
  };

  it.each(GETS)('GET %s → %i', async (path, expected) => {
    const { status, body } = await getJson(app, path);
    expectError(status, expected, body);
  });

  it.each(POSTS)('POST /api/scenarios with %s → %i, nothing written', async (_name, payload, expected) => {
    const [{ n }] = await db.query<{ n: number }>("select count(*)::int as n from scenarios where name in ('x', '  ')");
    const res = await app.request('/api/scenarios', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(payload),
    });
    expectError(res.status, expected, await res.json());
    const [{ n: after }] = await db.query<{ n: number }>("select count(*)::int as n from scenarios where name in ('x', '  ')");
    expect(after).toBe(n);
  });

  it('malformed JSON → 400', async () => {
    const res = await app.request('/api/scenarios', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":' });
    expectError(res.status, 400, await res.json());
  });
});
