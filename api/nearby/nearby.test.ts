import gcoord from 'gcoord';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getJson, openTestDb, testApp } from '../../test/helpers/db.ts';
import { createApp } from '../app.ts';
import { testConfig } from '../config.ts';
import type { Db, Tx } from '../db/index.ts';
import { refreshOpeningHours } from '../hours/materialise.ts';
import { findNearby, findNearbyMany, firstBatch, metresPerDegreeLowerBound, rulesSql, spansSql } from './queries.ts';

/** Deterministic PRNG (mulberry32) so the 500+ query points are the same on every run and backend. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Yancheng's extent (city polygon bbox). */
const BOX = { minLng: 119.45, minLat: 32.58, maxLng: 120.97, maxLat: 34.48 };
const NIGHT = '2026-03-10T02:30:00+08:00'; // a Tuesday, 02:30
const HOLIDAY = '2026-10-02T10:00:00+08:00'; // 国庆节
const WORKDAY_SAT = '2026-02-28T10:00:00+08:00'; // 调休 make-up workday (Saturday)
const SAT_NIGHT = '2026-03-14T23:00:00+08:00'; // a Saturday, 23:00

/** Independent brute force: every candidate, ranked by ST_Distance(geography), openness via open_facilities_at(). */
async function bruteForce(
  db: Pick<Db, 'query'>,
  o: { lng: number; lat: number; types: string[]; amenities?: string[]; at?: string; radius_m?: number | null; limit: number },
) {
  return db.query<{ id: number; d: number }>(
    `select f.id, ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography) as d
       from facilities f
      where f.deleted_at is null and f.status = 'open' and f.type = any($3::text[])
        and ($4::text[] is null or f.amenities @> $4::text[])
        and ($5::timestamptz is null or f.id in (select facility_id from open_facilities_at($5::timestamptz)))
        and ($6::float8 is null
             or ST_Distance(f.geom::geography, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326)::geography) <= $6::float8)
      order by d, f.id
      limit $7`,
    [o.lng, o.lat, o.types, o.amenities ?? null, o.at ?? null, o.radius_m ?? null, o.limit],
  );
}

/** Distances equal within 1 mm; ids equal wherever the distance is not tied with a neighbour's. */
function expectSameRanking(got: Array<{ id: number; d: number }>, want: Array<{ id: number; d: number }>, label: string) {
  expect(got.map((r) => r.d).length, label).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    expect(Math.abs(got[i].d - want[i].d), `${label} #${i}`).toBeLessThan(1e-3);
    const tied = (j: number) => j >= 0 && j < want.length && Math.abs(want[j].d - want[i].d) < 1e-3;
    if (!tied(i - 1) && !tied(i + 1)) expect(got[i].id, `${label} #${i}`).toBe(want[i].id);
  }
  expect(new Set(got.map((r) => r.id))).toEqual(new Set(want.map((r) => r.id)));
}

/** The app over one transaction that is rolled back: fixtures never reach other test files on a shared database. */
async function withFixtures(db: Db, fn: (app: ReturnType<typeof createApp>, q: Tx) => Promise<void>) {
  const ROLLBACK = new Error('rollback fixtures');
  await db
    .tx(async (q) => {
      const txDb: Db = {
        caps: db.caps,
        query: (s, p) => q.query(s, p),
        tx: (f) => f(q),
        ping: async () => {},
        close: async () => {},
      };
      await fn(createApp({ db: txDb, config: testConfig() }), q);
      throw ROLLBACK;
    })
    .catch((err) => {
      if (err !== ROLLBACK) throw err;
    });
}

/** Insert stations (24/7 unless hours given) in the town that holds the point, and materialise their hours. */
async function addStations(q: Tx, rows: Array<{ name: string; lng: number; lat: number; hours?: string }>): Promise<number[]> {
  const ids: number[] = [];
  for (const r of rows) {
    const [{ id }] = await q.query<{ id: number }>(
      `insert into facilities (type, name, address, geom, region_code, opening_hours, amenities, status)
       select 'station', $1, '测试', ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326),
              (select code from regions where level = 'town' order by geom <-> ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326) limit 1),
              $4, '{water}', 'open'
       returning id`,
      [r.name, r.lng, r.lat, r.hours ?? '24/7'],
    );
    ids.push(id);
  }
  await refreshOpeningHours(q, ids);
  return ids;
}

describe('GET /api/facilities/nearby', () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  it('is routed before /facilities/{id}, which still works', async () => {
    const { status, body } = await getJson(app, '/api/facilities/nearby?lng=120.16137&lat=33.34795');
    expect(status).toBe(200);
    expect(body.type).toBe('FeatureCollection');
    expect(body.numberReturned).toBe(5);
    const one = await getJson(app, `/api/facilities/${body.features[0].id}`);
    expect(one.status).toBe(200);
  });

  it('returns the documented shape', async () => {
    const { body } = await getJson(app, '/api/facilities/nearby?lng=120.16137&lat=33.34795&limit=3');
    expect(Object.keys(body.query).sort()).toEqual(['crs', 'lat', 'limit', 'lng', 'open_at', 'open_only', 'radius_m'].sort());
    expect(body.query).toMatchObject({ crs: 'wgs84', limit: 3, radius_m: null, open_only: false });
    expect(body.query.open_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const p = body.features[0].properties;
    expect(Object.keys(p).sort()).toEqual(
      ['address', 'amenities', 'bearing_deg', 'co_built', 'distance_m', 'host_type', 'id', 'last_verified', 'name', 'nav',
        'next_change', 'open_now', 'opening_hours', 'reports_30d', 'type'].sort(),
    );
    expect(Number.isInteger(p.distance_m)).toBe(true);
    expect(p.bearing_deg).toBeGreaterThanOrEqual(0);
    expect(p.bearing_deg).toBeLessThan(360);
    expect(p.nav.amap).toMatch(/^https:\/\/uri\.amap\.com\/navigation\?/);
    expect(body.features[0].geometry.type).toBe('Point');
    const d = body.features.map((f: any) => f.properties.distance_m);
    expect([...d].sort((a, b) => a - b)).toEqual(d);
  });

  it('equals an independent brute-force ranking at 520 seeded points (GCJ-02 input, night, holiday, amenities, radius)', async () => {
    const rand = rng(20260501);
    let compared = 0;
    let nonEmpty = 0;
    for (let i = 0; i < 520; i++) {
      const wLng = BOX.minLng + rand() * (BOX.maxLng - BOX.minLng);
      const wLat = BOX.minLat + rand() * (BOX.maxLat - BOX.minLat);
      const variant = i % 8;
      const limit = 1 + Math.floor(rand() * 10);
      const qs = new URLSearchParams({ limit: String(limit) });
      let types = ['worker_home', 'station'];
      let amenities: string[] | undefined;
      let at: string | undefined;
      let radius: number | undefined;
      if (variant === 1) {
        const [g, h] = gcoord.transform([wLng, wLat], gcoord.WGS84, gcoord.GCJ02);
        qs.set('crs', 'gcj02');
        qs.set('lng', g.toFixed(7));
        qs.set('lat', h.toFixed(7));
      } else if (variant === 2) {
        const [g, h] = gcoord.transform([wLng, wLat], gcoord.WGS84, gcoord.BD09);
        qs.set('crs', 'bd09');
        qs.set('lng', g.toFixed(7));
        qs.set('lat', h.toFixed(7));
      }
      if (!qs.has('lng')) {
        qs.set('lng', wLng.toFixed(7));
        qs.set('lat', wLat.toFixed(7));
      }
      if (variant === 3) at = NIGHT;
      if (variant === 4) at = HOLIDAY;
      if (variant === 5) {
        amenities = ['water', 'charging'];
        at = WORKDAY_SAT;
      }
      if (variant === 6) radius = 2000 + Math.floor(rand() * 15000);
      if (variant === 7) types = ['worker_home', 'station', 'party_center', 'service_center', 'mediation'];
      if (at) qs.set('open_at', at);
      if (amenities) qs.set('amenity', amenities.join(','));
      if (radius) qs.set('radius_m', String(radius));
      if (variant === 7) qs.set('type', types.join(','));
      const { status, body } = await getJson(app, `/api/facilities/nearby?${qs}`);
      expect(status, qs.toString()).toBe(200);
      const { lng, lat } = body.query;
      const want = await bruteForce(db, { lng, lat, types, amenities, at, radius_m: radius, limit });
      const got = body.features.map((f: any) => ({ id: f.id, d: f.properties.distance_m }));
      // the response rounds to whole metres: compare ids exactly and distances to 0.5 m + ties
      expect(got.length, qs.toString()).toBe(want.length);
      for (let j = 0; j < want.length; j++) expect(Math.abs(got[j].d - want[j].d), qs.toString()).toBeLessThanOrEqual(0.5);
      expectSameRanking(got.map((g: any, j: number) => ({ ...g, d: want[j].d })), want, qs.toString());
      if (at) for (const f of body.features) expect(f.properties.open_now).toBe(true);
      compared++;
      if (want.length) nonEmpty++;
    }
    expect(compared).toBe(520);
    expect(nonEmpty).toBeGreaterThan(480);
  }, 240_000);

  it('open_now and next_change agree with facility_open_at / facility_next_change (002) at awkward times', async () => {
    const rand = rng(7);
    const times = [NIGHT, HOLIDAY, WORKDAY_SAT, SAT_NIGHT, '2026-09-30T23:59:30+08:00', '2026-02-14T00:00:00+08:00',
      '2025-12-31T21:59:59+08:00', '2026-05-05T23:30:00+08:00'];
    let checked = 0;
    for (let i = 0; i < 40; i++) {
      const lng = BOX.minLng + rand() * (BOX.maxLng - BOX.minLng);
      const lat = BOX.minLat + rand() * (BOX.maxLat - BOX.minLat);
      const at = times[i % times.length];
      // without open_at the closed ones stay in the list, so both answers get compared; evaluate at `at`
      // through a query that filters (open ones) and through the 002 functions for every listed row
      for (const path of [
        `/api/facilities/nearby?lng=${lng}&lat=${lat}&limit=10&open_at=${encodeURIComponent(at)}`,
        `/api/facilities/nearby?lng=${lng}&lat=${lat}&limit=10&type=worker_home,station,party_center,service_center`,
      ]) {
        const { body } = await getJson(app, path);
        const t = path.includes('open_at') ? at : body.query.open_at;
        const ids = body.features.map((f: any) => f.id);
        const want = await db.query<{ id: number; open_now: boolean; next_change: string | null }>(
          `select id, facility_open_at(id, $2::timestamptz) as open_now,
                  to_char(facility_next_change(id, $2::timestamptz) at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') as next_change
             from unnest($1::bigint[]) as id`,
          [ids, t],
        );
        const byId = new Map(want.map((w) => [w.id, w]));
        for (const f of body.features) {
          expect(f.properties.open_now, `${path} #${f.id}`).toBe(byId.get(f.id)!.open_now);
          expect(f.properties.next_change, `${path} #${f.id}`).toBe(byId.get(f.id)!.next_change);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(600);
  }, 240_000);

  it('answers from the open_spans window exactly as from the rules (002), and from the rules outside it', async () => {
    const rand = rng(11);
    const times = [NIGHT, HOLIDAY, WORKDAY_SAT, SAT_NIGHT, '2026-09-30T23:59:30+08:00', '2026-02-14T00:00:00+08:00',
      '2025-12-31T21:59:59+08:00', '2026-05-05T23:30:00+08:00'];
    const types = ['worker_home', 'station', 'party_center', 'service_center'] as const;
    let checked = 0;
    // in a rolled-back transaction: the window is moved around each instant, other test files never see it
    await withFixtures(db, async (_app, q) => {
      for (const t of times) {
        const at = new Date(t);
        await q.query(`select open_spans_refresh(($1::timestamptz at time zone 'Asia/Shanghai')::date - 1)`, [t]);
        for (let i = 0; i < 6; i++) {
          const lng = BOX.minLng + rand() * (BOX.maxLng - BOX.minLng);
          const lat = BOX.minLat + rand() * (BOX.maxLat - BOX.minLat);
          for (const openOnly of [true, false]) {
            const f = { lng, lat, types, at, openOnly, limit: 8 };
            const got = await findNearby(q, f);
            expect(got.source, `${t} ${lng},${lat}`).toBe('spans');
            const want = await bruteForce(q, { lng, lat, types: [...types], at: openOnly ? t : undefined, limit: 8 });
            expectSameRanking(got.rows.map((r) => ({ id: r.id, d: r.distance_m })), want, `${t} ${lng},${lat} open=${openOnly}`);
            const hours = await q.query<{ id: number; open_now: boolean; next_change: string | null }>(
              `select id, facility_open_at(id, $2::timestamptz) as open_now,
                      to_char(facility_next_change(id, $2::timestamptz) at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS"+08:00"') as next_change
                 from unnest($1::bigint[]) as id`,
              [got.rows.map((r) => r.id), t],
            );
            const byId = new Map(hours.map((h) => [Number(h.id), h]));
            for (const r of got.rows) {
              expect(r.open_now, `${t} #${r.id}`).toBe(byId.get(r.id)!.open_now);
              expect(r.next_change, `${t} #${r.id}`).toBe(byId.get(r.id)!.next_change);
              checked++;
            }
          }
        }
        // 8 days later the window no longer holds the look-ahead: the rules answer, and say so
        const later = { lng: 120.16, lat: 33.35, types, at: new Date(at.getTime() + 20 * 86_400_000), openOnly: true, limit: 5 };
        const fallback = await findNearby(q, later);
        expect(fallback.source).toBe('rules');
        const want = await bruteForce(q, { ...later, types: [...types], at: later.at.toISOString() });
        expectSameRanking(fallback.rows.map((r) => ({ id: r.id, d: r.distance_m })), want, `fallback ${t}`);
      }
    });
    expect(checked).toBeGreaterThan(500);
  }, 240_000);

  it('answers a batch of points in one statement exactly as each point alone', async () => {
    const rand = rng(99);
    const at = new Date();
    for (const shape of [
      { types: ['worker_home', 'station'] as const, openOnly: false, limit: 5 },
      { types: ['worker_home', 'station'] as const, openOnly: true, limit: 3, amenities: ['water'] as const },
      { types: ['worker_home', 'station'] as const, openOnly: false, limit: 4, radius_m: 4000 },
    ]) {
      const points = Array.from({ length: 12 }, () => ({
        lng: BOX.minLng + rand() * (BOX.maxLng - BOX.minLng), lat: BOX.minLat + rand() * (BOX.maxLat - BOX.minLat), at,
      }));
      const many = await findNearbyMany(db, shape as any, points);
      expect(many).toHaveLength(points.length);
      for (let j = 0; j < points.length; j++) {
        const one = await findNearby(db, { ...shape, ...points[j] } as any);
        expect(many[j].rows, `point ${j}`).toEqual(one.rows);
      }
    }
  });

  it('breaks an exact tie by id (two stations mirrored about the query point)', async () => {
    const [lng, lat] = [120.2051, 33.4012];
    await withFixtures(db, async (tapp, q) => {
      const [east, west] = await addStations(q, [
        { name: '等距驿站东', lng: lng + 0.0003, lat },
        { name: '等距驿站西', lng: lng - 0.0003, lat },
      ]);
      const { body } = await getJson(tapp, `/api/facilities/nearby?lng=${lng}&lat=${lat}&limit=2`);
      const ids = body.features.map((f: any) => f.id);
      expect(ids).toEqual([Math.min(east, west), Math.max(east, west)]);
      expect(body.features[0].properties.distance_m).toBe(body.features[1].properties.distance_m);
      const want = await bruteForce(q, { lng, lat, types: ['worker_home', 'station'], limit: 2 });
      expect(want[0].d).toBe(want[1].d);
      // and with limit 1 the lower id wins
      const one = await getJson(tapp, `/api/facilities/nearby?lng=${lng}&lat=${lat}&limit=1`);
      expect(one.body.features[0].id).toBe(Math.min(east, west));
      // bearings: east ≈ 90°, west ≈ 270°
      const byId = new Map(body.features.map((f: any) => [f.id, f.properties.bearing_deg]));
      expect(Math.abs((byId.get(east) as number) - 90)).toBeLessThan(0.5);
      expect(Math.abs((byId.get(west) as number) - 270)).toBeLessThan(0.5);
    });
  });

  it('skips the nearest station when it is closed at open_at, and lists it (open_now false) without open_at', async () => {
    const [lng, lat] = [120.3101, 33.2013];
    await withFixtures(db, async (tapp, q) => {
      const [closed] = await addStations(q, [{ name: '工作日驿站', lng: lng + 0.0001, lat: lat + 0.0001, hours: 'Mo-Fr 09:00-17:00' }]);
      const open = await getJson(tapp, `/api/facilities/nearby?lng=${lng}&lat=${lat}&open_at=${encodeURIComponent(SAT_NIGHT)}`);
      expect(open.status).toBe(200);
      expect(open.body.features.some((f: any) => f.id === closed)).toBe(false);
      expect(open.body.numberReturned).toBe(5); // still `limit` results: the filter runs inside the index walk
      expect(open.body.query.open_only).toBe(true);
      expect(open.body.query.open_at).toBe('2026-03-14T23:00:00+08:00');
      const all = await getJson(tapp, `/api/facilities/nearby?lng=${lng}&lat=${lat}`);
      expect(all.body.features[0].id).toBe(closed);
      const [{ now_open }] = await q.query<{ now_open: boolean }>('select facility_open_at($1, now()) as now_open', [closed]);
      expect(all.body.features[0].properties.open_now).toBe(now_open);
      expect(all.body.features[0].properties.next_change).toMatch(/\+08:00$/);
      // open_only=false: the same instant, closed ones listed with open_now false
      const unfiltered = await getJson(
        tapp,
        `/api/facilities/nearby?lng=${lng}&lat=${lat}&open_at=${encodeURIComponent(SAT_NIGHT)}&open_only=false`,
      );
      expect(unfiltered.body.query.open_only).toBe(false);
      expect(unfiltered.body.query.open_at).toBe('2026-03-14T23:00:00+08:00');
      const listed = unfiltered.body.features.find((f: any) => f.id === closed);
      expect(listed?.properties.open_now).toBe(false);
      // evaluated at a Monday 10:00 it is open and next closes at 17:00 the same day
      const mon = await getJson(tapp, `/api/facilities/nearby?lng=${lng}&lat=${lat}&open_at=2026-03-16T10:00&limit=1`);
      expect(mon.body.features[0]).toMatchObject({ id: closed, properties: { open_now: true, next_change: '2026-03-16T17:00:00+08:00' } });
    });
  });

  it('answers a point exactly on a county boundary like any other', async () => {
    const [pt] = await db.query<{ lng: number; lat: number }>(
      `select ST_X(p) as lng, ST_Y(p) as lat
         from (select ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 7) as p from regions where code = '320903') s`,
    );
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*)::int as n from regions where level = 'county'
          and ST_Intersects(geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326))`,
      [pt.lng, pt.lat],
    );
    expect(n).toBeGreaterThanOrEqual(1);
    const { status, body } = await getJson(app, `/api/facilities/nearby?lng=${pt.lng}&lat=${pt.lat}&limit=8`);
    expect(status).toBe(200);
    const want = await bruteForce(db, { lng: pt.lng, lat: pt.lat, types: ['worker_home', 'station'], limit: 8 });
    expect(body.features.map((f: any) => f.id)).toEqual(want.map((w) => w.id));
  });

  it('answers 200 with an empty list when nothing lies within the radius', async () => {
    const { status, body } = await getJson(app, '/api/facilities/nearby?lng=120.9&lat=32.7&radius_m=1');
    expect(status).toBe(200);
    expect(body.features).toEqual([]);
    expect(body.numberReturned).toBe(0);
    expect(body.query.radius_m).toBe(1);
  });

  it('converts GCJ-02 and BD-09 input to WGS84 before the query', async () => {
    const [lng, lat] = [120.16137, 33.34795];
    const wgs = await getJson(app, `/api/facilities/nearby?lng=${lng}&lat=${lat}`);
    for (const [crs, to] of [['gcj02', gcoord.GCJ02], ['bd09', gcoord.BD09]] as const) {
      const [x, y] = gcoord.transform([lng, lat], gcoord.WGS84, to);
      const { body } = await getJson(app, `/api/facilities/nearby?lng=${x}&lat=${y}&crs=${crs}`);
      expect(body.query.crs).toBe(crs);
      expect(Math.abs(body.query.lng - lng)).toBeLessThan(2e-5);
      expect(Math.abs(body.query.lat - lat)).toBeLessThan(2e-5);
      expect(body.features.map((f: any) => f.id)).toEqual(wgs.body.features.map((f: any) => f.id));
    }
  });

  it('walks the GiST index (KNN), never a sequential scan of facilities', async () => {
    const f = {
      lng: 120.16, lat: 33.35, types: ['worker_home', 'station'] as const, at: new Date('2026-03-10T02:30:00+08:00'),
      openOnly: true, limit: 5,
    };
    for (const filter of [f, { ...f, openOnly: false, radius_m: 3000 }, { ...f, amenities: ['water'] as const }]) {
      for (const { text, params } of [spansSql(filter as any, [filter, filter], firstBatch(5)), rulesSql(filter as any, firstBatch(5))]) {
        const plan = (await db.query<Record<string, unknown>>(`explain ${text}`, params)).map((r) => Object.values(r)[0]).join('\n');
        // KNN index scan, or with a radius a bitmap scan of the radius box: either way through the GiST index
        expect(plan).toMatch(/(Index Scan using|Bitmap Index Scan on) facilities_geom_idx/);
        expect(plan).not.toMatch(/Seq Scan on (facilities|open_spans)\s/);
      }
    }
  });

  it('derives the completeness bound from the ellipsoid (longitude-bound at mid latitudes)', () => {
    // Yancheng: a·cos φ per degree ≈ 92.9 km, below the 110.6 km of a latitude degree
    const c = metresPerDegreeLowerBound(33.4, 5000);
    expect(c).toBeGreaterThan(92_800);
    expect(c).toBeLessThan(93_000);
    // near the equator the meridian bound takes over
    expect(metresPerDegreeLowerBound(0, 1000)).toBeCloseTo(110_574.27 * (1 - 1e-6), 1);
  });
});
