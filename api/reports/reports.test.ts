import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb, testApp } from '../../test/helpers/db.ts';
import { testConfig } from '../config.ts';
import type { Db } from '../db/index.ts';
import { clientHmac } from './client-key.ts';
import { LIMITS } from './queries.ts';

/** A client address unique to this run, so runs sharing one PostgreSQL database never share a rate window. */
const freshIp = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const freshToken = () => randomBytes(12).toString('hex');

describe('POST /api/reports', () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  let facilityId: number;
  const created: number[] = [];
  const post = async (body: unknown, ip = '10.0.0.1', raw?: string) => {
    const res = await app.request(
      '/api/reports',
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: raw ?? JSON.stringify(body) },
      { incoming: { socket: { remoteAddress: ip } } },
    );
    const json = (await res.json()) as any;
    if (res.status === 201) created.push(json.id);
    return { status: res.status, body: json, res };
  };

  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
    [{ id: facilityId }] = await db.query<{ id: number }>(`select id from live_facilities where type = 'station' order by id limit 1`);
  });
  afterAll(async () => {
    if (created.length) await db.query('delete from problem_reports where id = any($1::bigint[])', [created]);
    await db?.close();
  });

  it('stores a report and answers 201 {id, created_at}; the nearby card counts it', async () => {
    const before = await countOnCard();
    const ip = freshIp();
    const { status, body } = await post({ facility_id: facilityId, kind: 'no_water', note: ' 饮水机坏了 ', lng: 120.16, lat: 33.35, device_token: freshToken() }, ip);
    expect(status).toBe(201);
    expect(Object.keys(body).sort()).toEqual(['created_at', 'id']);
    expect(body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/);
    const [row] = await db.query<Record<string, unknown>>('select * from problem_reports where id = $1', [body.id]);
    expect(row.note).toBe('饮水机坏了');
    expect(row.kind).toBe('no_water');
    // no raw address anywhere in the row; the HMAC is today's key over the address
    expect(JSON.stringify(row)).not.toContain(ip);
    expect(row.client_hmac).toBe(clientHmac(testConfig().REPORT_HMAC_SECRET, ip, new Date()));
    expect(await countOnCard()).toBe(before + 1);
  });

  async function countOnCard(): Promise<number> {
    const [f] = await db.query<{ lng: number; lat: number }>('select ST_X(geom) as lng, ST_Y(geom) as lat from facilities where id = $1', [facilityId]);
    const res = await app.request(`/api/facilities/nearby?lng=${f.lng}&lat=${f.lat}&limit=1`);
    const body = (await res.json()) as any;
    expect(body.features[0].id).toBe(facilityId);
    return body.features[0].properties.reports_30d;
  }

  it('rotates the address key daily (same address, another day → another hash)', () => {
    const s = testConfig().REPORT_HMAC_SECRET;
    const a = clientHmac(s, '203.0.113.7', new Date('2026-03-10T15:59:00Z')); // 23:59 Beijing
    const b = clientHmac(s, '203.0.113.7', new Date('2026-03-10T16:01:00Z')); // 00:01 next day Beijing
    expect(a).not.toBe(b);
    expect(a).toBe(clientHmac(s, '203.0.113.7', new Date('2026-03-10T01:00:00Z')));
  });

  it('unknown facility → 404', async () => {
    const { status, body } = await post({ facility_id: 999999999, kind: 'closed' }, freshIp());
    expect(status).toBe(404);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('caps one device token (429 + Retry-After), while another device behind the same address still gets through', async () => {
    const ip = freshIp();
    const token = freshToken();
    for (let i = 0; i < LIMITS.device.max; i++) expect((await post({ facility_id: facilityId, kind: 'dirty', device_token: token }, ip)).status).toBe(201);
    const limited = await post({ facility_id: facilityId, kind: 'dirty', device_token: token }, ip);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retry = Number(limited.res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(LIMITS.device.window_s);
    expect((await post({ facility_id: facilityId, kind: 'dirty', device_token: freshToken() }, ip)).status).toBe(201);
  });

  it('caps one address loosely (a carrier NAT), with Retry-After', async () => {
    const ip = freshIp();
    for (let i = 0; i < LIMITS.address.max; i++) {
      expect((await post({ facility_id: facilityId, kind: 'other', device_token: freshToken() }, ip)).status).toBe(201);
    }
    const limited = await post({ facility_id: facilityId, kind: 'other', device_token: freshToken() }, ip);
    expect(limited.status).toBe(429);
    expect(Number(limited.res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.error.message_en).toMatch(/retry/i);
  }, 60_000);

  it.each<[string, unknown, string?]>([
    ['bad JSON', undefined, '{"facility_id": 1, '],
    ['not an object', undefined, '[1,2]'],
    ['unknown kind', { facility_id: 1, kind: 'haunted' }],
    ['missing kind', { facility_id: 1 }],
    ['facility_id as text', { facility_id: '1', kind: 'closed' }],
    ['facility_id fractional', { facility_id: 1.5, kind: 'closed' }],
    ['note too long', { facility_id: 1, kind: 'other', note: '长'.repeat(501) }],
    ['lng without lat', { facility_id: 1, kind: 'other', lng: 120.1 }],
    ['lat out of range', { facility_id: 1, kind: 'other', lng: 120.1, lat: 91 }],
    ['bad device token', { facility_id: 1, kind: 'other', device_token: "x'; drop table problem_reports;--" }],
    ['unknown field', { facility_id: 1, kind: 'other', ip: '1.2.3.4' }],
  ])('%s → 400 with zh + en message, nothing written', async (_name, body, raw) => {
    const [{ n: before }] = await db.query<{ n: number }>('select count(*)::int as n from problem_reports');
    const r = await post(body, freshIp(), raw);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(r.body.error.message_en).toMatch(/[A-Za-z]/);
    const [{ n: after }] = await db.query<{ n: number }>('select count(*)::int as n from problem_reports');
    expect(after).toBe(before);
  });

  it('refuses a body over the size limit with 413', async () => {
    const r = await post(undefined, freshIp(), JSON.stringify({ facility_id: 1, kind: 'other', note: 'x'.repeat(10_000) }));
    expect(r.status).toBe(413);
    expect(r.body.error.code).toBe('payload_too_large');
  });
});
