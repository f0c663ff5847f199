import { describe, expect, it } from 'vitest';
import { getJson, useTestApp } from '../../test/helpers/db.ts';

const COUNTIES = {
  '320902': '亭湖区', '320903': '盐都区', '320904': '大丰区', '320921': '响水县', '320922': '滨海县',
  '320923': '阜宁县', '320924': '射阳县', '320925': '建湖县', '320971': '盐城经济技术开发区', '320981': '东台市',
};

describe('GET /api/regions', () => {
  const t = useTestApp();

  it('lists the ten county-level units of 盐城市 with real codes and polygons', async () => {
    const { status, body } = await getJson(t.app, '/api/regions?level=county');
    expect(status).toBe(200);
    const got = Object.fromEntries(body.features.map((f: any) => [f.properties.code, f.properties.name]));
    expect(got).toEqual(COUNTIES);
    for (const f of body.features) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.properties.parent_code).toBe('320900');
    }
    const dev = body.features.find((f: any) => f.properties.code === '320971');
    expect(dev.properties.approximate).toBe(true);
  });

  it('lists towns of one county, all marked approximate, each inside its county', async () => {
    const { body } = await getJson(t.app, '/api/regions?level=town&parent=320981');
    expect(body.features.length).toBeGreaterThan(10);
    expect(body.features.every((f: any) => f.properties.approximate && f.properties.parent_code === '320981')).toBe(true);
    const [{ outside }] = await t.db.query<{ outside: number }>(
      `select count(*) as outside from regions t join regions c on c.code = t.parent_code
        where t.level = 'town' and not ST_Covers(ST_Buffer(c.geom, 1e-6), t.geom)`,
    );
    expect(outside).toBe(0);
  });

  it('gives centroid points instead of polygons with geometry=false', async () => {
    const { body } = await getJson(t.app, '/api/regions?level=county&geometry=false');
    expect(body.features.every((f: any) => f.geometry.type === 'Point')).toBe(true);
  });

  it('has villages/communities with 12-digit codes under towns', async () => {
    const [{ n, bad }] = await t.db.query<{ n: number; bad: number }>(
      `select count(*) as n, count(*) filter (where length(v.code) <> 12 or t.level <> 'town') as bad
         from regions v join regions t on t.code = v.parent_code where v.level = 'village'`,
    );
    expect(n).toBeGreaterThan(1000);
    expect(bad).toBe(0);
  });

  it('rejects a malformed parent code with 400 and an unknown one with 404', async () => {
    const bad = await getJson(t.app, '/api/regions?parent=32x');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_parameter');
    expect(bad.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(bad.body.error.message_en).toMatch(/parent/);
    const missing = await getJson(t.app, '/api/regions?parent=110101');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message_en).toContain('110101');
  });
});
