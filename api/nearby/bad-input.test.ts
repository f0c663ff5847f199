import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, openTestDb, testApp } from '../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';

const P = '/api/facilities/nearby';
/** Every bad nearby request answers 400 in the one error shape with zh + en messages — never a 500. */
const CASES: string[] = [
  `${P}`,
  `${P}?lat=33.35`,
  `${P}?lng=120.16`,
  `${P}?lng=NaN&lat=33.35`,
  `${P}?lng=120.16&lat=nan`,
  `${P}?lng=200&lat=33.35`,
  `${P}?lng=120.16&lat=-91`,
  `${P}?lng=1e309&lat=33.35`,
  `${P}?lng=120.16&lat=1e2`,
  `${P}?lng=0x78&lat=33.35`,
  `${P}?lng=&lat=33.35`,
  `${P}?lng=%20120.16&lat=33.35`,
  `${P}?lng=1&lng=2&lat=33.35`,
  `${P}?lng=120.16&lat=33.35&lat=33.36`,
  `${P}?lng=33.35&lat=120.16`,
  `${P}?lng=2.35&lat=48.85`,
  `${P}?lng=139.69&lat=35.69`,
  `${P}?lng=120.16&lat=33.35&radius_m=-5`,
  `${P}?lng=120.16&lat=33.35&radius_m=0`,
  `${P}?lng=120.16&lat=33.35&radius_m=50001`,
  `${P}?lng=120.16&lat=33.35&radius_m=1e9`,
  `${P}?lng=120.16&lat=33.35&radius_m=12.5`,
  `${P}?lng=120.16&lat=33.35&limit=0`,
  `${P}?lng=120.16&lat=33.35&limit=51`,
  `${P}?lng=120.16&lat=33.35&type=spaceport`,
  `${P}?lng=120.16&lat=33.35&type=`,
  `${P}?lng=120.16&lat=33.35&amenity=jacuzzi`,
  `${P}?lng=120.16&lat=33.35&amenity=water,jacuzzi`,
  `${P}?lng=120.16&lat=33.35&open_at=tomorrow`,
  `${P}?lng=120.16&lat=33.35&open_at=2026-02-30T10:00`,
  `${P}?lng=120.16&lat=33.35&open_at=2026-03-10T25:00`,
  `${P}?lng=120.16&lat=33.35&open_at=1999-03-10T10:00`,
  `${P}?lng=120.16&lat=33.35&open_at=now&open_at=now`,
  `${P}?lng=120.16&lat=33.35&crs=epsg3857`,
  `${P}?lng=120.16&lat=33.35&crs=GCJ02`,
  `${P}?lng=120.16%27%3B%20drop%20table%20facilities%3B--&lat=33.35`,
  `${P}?lng=120.16&lat=33.35&type=station%27)%20or%201=1--`,
  `${P}?lng=120.16&lat=33.35&amenity=water%3Bselect%20pg_sleep(5)`,
  `${P}?lng=120.16&lat=33.35&open_at=2026-03-10T10:00%27%3B--`,
];

describe('nearby bad input', () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  it.each(CASES)('%s → 400 with zh + en message', async (path) => {
    const { status, body } = await getJson(app, path);
    expect(status).toBe(400);
    expect(body.error.code).toMatch(/^[a-z_]+$/);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.message_en).toMatch(/[A-Za-z]/);
    expect(body.error.message_en).not.toMatch(/[\u4e00-\u9fff]{3}/);
  });

  it('leaves the data unchanged after hostile input', async () => {
    const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from facilities');
    await getJson(app, `${P}?lng=120.16&lat=33.35&type=station%27%3B%20delete%20from%20facilities%3B--`);
    const [{ n: after }] = await db.query<{ n: number }>('select count(*)::int as n from facilities');
    expect(after).toBe(n);
  });
});
