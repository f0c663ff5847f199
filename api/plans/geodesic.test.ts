import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../db/index.ts';
import { openTestDb } from '../../test/helpers/db.ts';
import { mulberry32 } from './fixtures/generate.ts';
import { coverSets, vincentyDistance_m, withinRadius } from './geodesic.ts';

/** Random pairs across China's latitudes, from a few metres to ~12 km apart (the radii we use go to 5 km). */
function pairs(seed: number, n: number) {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => {
    const lat1 = 4 + rnd() * 49;
    const lng1 = 74 + rnd() * 60;
    const d = 10 ** (rnd() * 4); // 1 m … 10 km scale
    const bearing = rnd() * 2 * Math.PI;
    return {
      lng1, lat1,
      lng2: lng1 + (d * Math.sin(bearing)) / (111_320 * Math.cos((lat1 * Math.PI) / 180)),
      lat2: lat1 + (d * Math.cos(bearing)) / 110_574,
    };
  });
}

describe('geodesic distance agrees with PostGIS geography', () => {
  let db: Db;
  beforeAll(async () => { db = await openTestDb(); });
  afterAll(async () => db?.close());

  it('Vincenty = ST_Distance(geography) within 1e-6 relative on 500 random pairs', async () => {
    const ps = pairs(42, 500);
    const rows = await db.query<{ d: number }>(
      `select ST_Distance(ST_SetSRID(ST_MakePoint(a, b), 4326)::geography, ST_SetSRID(ST_MakePoint(c, d), 4326)::geography) as d
         from unnest($1::float8[], $2::float8[], $3::float8[], $4::float8[]) with ordinality as t (a, b, c, d, i) order by i`,
      [ps.map((p) => p.lng1), ps.map((p) => p.lat1), ps.map((p) => p.lng2), ps.map((p) => p.lat2)],
    );
    let worst = 0;
    ps.forEach((p, i) => {
      const js = vincentyDistance_m(p.lng1, p.lat1, p.lng2, p.lat2);
      worst = Math.max(worst, Math.abs(js - rows[i].d) / rows[i].d);
    });
    expect(worst).toBeLessThan(1e-6);
  });

  it('the fast within-radius test gives the Vincenty answer, also for pairs 0.05 % either side of r', () => {
    const rnd = mulberry32(7);
    for (let t = 0; t < 2000; t++) {
      const lat = 4 + rnd() * 49, lng = 100 + rnd() * 20;
      const r = 1 + rnd() * 4999;
      const scale = t % 2 ? 1 + (rnd() - 0.5) * 1e-3 : 0.2 + rnd() * 2;
      const bearing = rnd() * 2 * Math.PI;
      const lng2 = lng + (r * scale * Math.sin(bearing)) / (111_320 * Math.cos((lat * Math.PI) / 180));
      const lat2 = lat + (r * scale * Math.cos(bearing)) / 110_574;
      expect(withinRadius(lng, lat, lng2, lat2, r)).toBe(vincentyDistance_m(lng, lat, lng2, lat2) <= r);
    }
  });

  it('cover sets match ST_DWithin(geography) on the same points', async () => {
    const rnd = mulberry32(99);
    const n = 400, m = 25, r = 750;
    const dl = Float64Array.from({ length: n }, () => 120.1 + rnd() * 0.08);
    const dt = Float64Array.from({ length: n }, () => 33.3 + rnd() * 0.07);
    const cl = Float64Array.from({ length: m }, () => 120.1 + rnd() * 0.08);
    const ct = Float64Array.from({ length: m }, () => 33.3 + rnd() * 0.07);
    const cs = coverSets(dl, dt, cl, ct, r);
    const rows = await db.query<{ j: number; i: number }>(
      `select (c.j - 1)::int as j, (d.i - 1)::int as i
         from unnest($1::float8[], $2::float8[]) with ordinality as c (lng, lat, j)
         join unnest($3::float8[], $4::float8[]) with ordinality as d (lng, lat, i)
           on ST_DWithin(ST_SetSRID(ST_MakePoint(c.lng, c.lat), 4326)::geography,
                         ST_SetSRID(ST_MakePoint(d.lng, d.lat), 4326)::geography, $5)
        order by 1, 2`,
      [Array.from(cl), Array.from(ct), Array.from(dl), Array.from(dt), r],
    );
    const fromJs: [number, number][] = [];
    for (let j = 0; j < m; j++) for (let p = cs.start[j]; p < cs.start[j + 1]; p++) fromJs.push([j, cs.idx[p]]);
    expect(fromJs).toEqual(rows.map((x) => [x.j, x.i]));
    expect(fromJs.length).toBeGreaterThan(100);
  });
});
