import { describe, expect, it } from 'vitest';
import { createApp } from '../api/app.ts';
import { testConfig } from '../api/config.ts';
import { LateDb } from '../api/db/index.ts';
import { getJson, useTestApp } from './helpers/db.ts';

/** Every bad request answers 4xx in the one error shape with zh + en messages — never a 500. */
const CASES: Array<[string, number]> = [
  ['/api/facilities?type=bogus', 400],
  ['/api/facilities?type=', 400],
  ['/api/facilities?type=station,../../etc', 400],
  ['/api/facilities?status=gone', 400],
  ['/api/facilities?limit=0', 400],
  ['/api/facilities?limit=5001', 400],
  ['/api/facilities?limit=1e309', 400],
  ['/api/facilities?limit=abc', 400],
  ['/api/facilities?limit=10&limit=20', 400],
  ['/api/facilities?bbox=1,2,3', 400],
  ['/api/facilities?bbox=120,33,119,34', 400],
  ['/api/facilities?bbox=NaN,33,121,34', 400],
  ['/api/facilities?bbox=120,33,121,95', 400],
  ['/api/facilities?cursor=%27%3B%20drop%20table%20facilities%3B--', 400],
  ['/api/facilities?cursor=bm90LWEtbnVtYmVy', 400],
  ['/api/facilities?region=3209', 400],
  ['/api/facilities?region=999999', 404],
  ['/api/facilities?amenity=jacuzzi', 400],
  [`/api/facilities?q=${'长'.repeat(51)}`, 400],
  ['/api/facilities/abc', 400],
  ['/api/facilities/99999999', 404],
  ['/api/facilities/1%27%20or%201=1', 400],
  ['/api/regions?level=planet', 400],
  ['/api/regions?parent=320981&parent=320902', 400],
  ['/api/regions?geometry=maybe', 400],
  ['/api/stats/summary?region=abc', 400],
  ['/api/stats/summary?region=110000', 404],
  ['/api/no-such-endpoint', 404],
];

describe('bad input', () => {
  const t = useTestApp();

  it.each(CASES)('%s → %i with zh + en message', async (path, expected) => {
    const { status, body } = await getJson(t.app, path);
    expect(status).toBe(expected);
    expect(body.error.code).toMatch(/^[a-z_]+$/);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.message_en).toMatch(/[A-Za-z]/);
    expect(body.error.message_en).not.toMatch(/[\u4e00-\u9fff]{3}/);
  });

  it('leaves the data unchanged after hostile input', async () => {
    const [{ n }] = await t.db.query<{ n: number }>('select count(*) as n from facilities');
    await getJson(t.app, "/api/facilities?q=x%27%3B%20delete%20from%20facilities%3B--");
    const [{ n: after }] = await t.db.query<{ n: number }>('select count(*) as n from facilities');
    expect(after).toBe(n);
  });
});

describe('database unavailable', () => {
  it('answers 503 in the error shape while the database is not open', async () => {
    const late = new LateDb();
    const app = createApp({ db: late, config: testConfig() });
    for (const path of ['/api/health', '/api/facilities', '/api/regions', '/api/stats/summary']) {
      const res = await app.request(path);
      expect(res.status).toBe(503);
      const body = (await res.json()) as any;
      expect(body.error.code).toBe('db_unavailable');
      expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
