import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, getJson, openTestDb, testApp } from '../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';

describe('GET /api/health', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => db?.close());

  it('reports the backend and PostGIS version', async () => {
    const { status, body } = await getJson(testApp(db), '/api/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, db: backend() });
    expect(body.postgis).toMatch(/^3\./);
    expect(body.mvt).toBe(backend() === 'postgres');
  });

  it('serves the OpenAPI document with every route', async () => {
    const { status, body } = await getJson(testApp(db), '/openapi.json');
    expect(status).toBe(200);
    for (const p of ['/api/health', '/api/regions', '/api/facilities', '/api/facilities/{id}', '/api/stats/summary']) {
      expect(Object.keys(body.paths)).toContain(p);
    }
  });
});
