import { describe, expect, it } from 'vitest';
import { getJson, useTestApp } from '../../test/helpers/db.ts';

describe('GET /api/facilities', () => {
  const t = useTestApp();

  it('pages through every live facility exactly once in stable id order', async () => {
    const ids: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const qs: string = `limit=700${cursor ? `&cursor=${cursor}` : ''}`;
      const { status, body } = await getJson(t.app, `/api/facilities?${qs}`);
      expect(status).toBe(200);
      expect(body.type).toBe('FeatureCollection');
      ids.push(...body.features.map((f: any) => f.id));
      cursor = body.next_cursor;
      pages++;
    } while (cursor && pages < 50);
    const [{ n }] = await t.db.query<{ n: number }>('select count(*) as n from live_facilities');
    expect(ids.length).toBe(n);
    expect(new Set(ids).size).toBe(n);
    expect([...ids].sort((a, b) => a - b)).toEqual(ids);
  });

  it('filters by type, status and county, and the points lie in that county', async () => {
    const { body } = await getJson(t.app, '/api/facilities?type=station,worker_home&status=open&region=320981&limit=5000');
    expect(body.features.length).toBeGreaterThan(20);
    for (const f of body.features) {
      expect(['station', 'worker_home']).toContain(f.properties.type);
      expect(f.properties.status).toBe('open');
      expect(f.properties.county_code).toBe('320981');
    }
    const ids = body.features.map((f: any) => f.id);
    const [{ inside }] = await t.db.query<{ inside: number }>(
      `select count(*) as inside from facilities f, regions c where c.code = '320981' and f.id = any($1::bigint[])
          and ST_Covers(c.geom, f.geom)`,
      [ids],
    );
    expect(inside).toBe(ids.length);
  });

  it('filters by bbox using the envelope, inclusive of the edge', async () => {
    const bbox = [120.1, 33.3, 120.3, 33.45];
    const { body } = await getJson(t.app, `/api/facilities?bbox=${bbox.join(',')}&limit=5000`);
    expect(body.features.length).toBeGreaterThan(0);
    for (const f of body.features) {
      const [x, y] = f.geometry.coordinates;
      expect(x).toBeGreaterThanOrEqual(bbox[0]);
      expect(x).toBeLessThanOrEqual(bbox[2]);
      expect(y).toBeGreaterThanOrEqual(bbox[1]);
      expect(y).toBeLessThanOrEqual(bbox[3]);
    }
  });

  it('requires every listed amenity', async () => {
    const { body } = await getJson(t.app, '/api/facilities?amenity=water,charging&limit=5000');
    expect(body.features.length).toBeGreaterThan(0);
    expect(body.features.every((f: any) => f.properties.amenities.includes('water') && f.properties.amenities.includes('charging'))).toBe(true);
  });

  it('searches names literally: % and _ are not wildcards', async () => {
    const all = await getJson(t.app, '/api/facilities?q=%25&limit=10');
    expect(all.status).toBe(200);
    expect(all.body.features.length).toBe(0);
    const hit = await getJson(t.app, `/api/facilities?q=${encodeURIComponent('驿站')}&limit=10`);
    expect(hit.body.features.length).toBeGreaterThan(0);
  });

  it('never returns soft-deleted rows or restricted fields', async () => {
    const [victim] = await t.db.query<{ id: number }>(`select id from facilities where type = 'station' order by id limit 1`);
    await t.db.query('update facilities set deleted_at = now() where id = $1', [victim.id]);
    try {
      const one = await getJson(t.app, `/api/facilities/${victim.id}`);
      expect(one.status).toBe(404);
      const { body } = await getJson(t.app, '/api/facilities?type=station&limit=5000');
      expect(body.features.some((f: any) => f.id === victim.id)).toBe(false);
      expect(body.features.some((f: any) => 'contact' in f.properties)).toBe(false);
    } finally {
      await t.db.query('update facilities set deleted_at = null where id = $1', [victim.id]);
    }
  });

  it('returns one facility with its open state', async () => {
    const [row] = await t.db.query<{ id: number }>(`select id from facilities where status = 'open' order by id limit 1`);
    const { status, body } = await getJson(t.app, `/api/facilities/${row.id}`);
    expect(status).toBe(200);
    expect(body.properties.id).toBe(row.id);
    expect(typeof body.properties.open_now).toBe('boolean');
  });
});
