import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, getJson, openTestDb, testApp } from '../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';
import { checkCreditCode, CreditCode, creditCodeCheckChar, normaliseCreditCode } from './credit-code.ts';

/** Individual union and democratic-management status: never in a public response. */
const RESTRICTED = ['unionized', 'own_union_on', 'has_workers_congress', 'open_affairs', 'collective_contract', 'enterprise_id'];

describe(`enterprises, unions, zones (${backend()})`, () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  it('pages through every enterprise once, public fields only', async () => {
    let cursor: string | null = null;
    const ids: number[] = [];
    do {
      const { status, body }: { status: number; body: any } = await getJson(app, `/api/enterprises?limit=5000${cursor ? `&cursor=${cursor}` : ''}`);
      expect(status).toBe(200);
      for (const f of body.features) for (const k of RESTRICTED) expect(f.properties).not.toHaveProperty(k);
      ids.push(...body.features.map((f: any) => f.id));
      cursor = body.next_cursor;
    } while (cursor);
    const [{ n }] = await db.query<{ n: number }>('select count(*) as n from enterprises where deleted_at is null');
    expect(ids.length).toBe(n);
    expect(new Set(ids).size).toBe(n);
  });

  it('filters by region, zone, reform_pilot, skill_pay and q', async () => {
    const [z] = await db.query<{ id: number; n: number }>(
      `select zone_id as id, count(*) as n from enterprises where zone_id is not null and reform_pilot group by 1 order by 2 desc limit 1`);
    const { body } = await getJson(app, `/api/enterprises?zone=${z.id}&reform_pilot=true&limit=5000`);
    expect(body.numberReturned).toBe(z.n);
    expect(body.features.every((f: any) => f.properties.zone_id === z.id && f.properties.reform_pilot)).toBe(true);
    const sp = (await getJson(app, '/api/enterprises?region=320981&skill_pay=true&limit=5000')).body;
    const [{ m }] = await db.query<{ m: number }>(
      `select count(*) as m from enterprises e join regions t on t.code = e.region_code where t.parent_code = '320981' and e.skill_pay`);
    expect(sp.numberReturned).toBe(m);
    const [one] = await db.query<{ credit_code: string }>('select credit_code from enterprises order by id limit 1');
    const byCode = (await getJson(app, `/api/enterprises?q=${one.credit_code}`)).body;
    expect(byCode.features.map((f: any) => f.properties.credit_code)).toEqual([one.credit_code]);
  });

  it('refuses the unionized filter (403, whatever its value) until login exists, and rejects junk with 400', async () => {
    for (const v of ['true', 'false']) {
      const { status, body } = await getJson(app, `/api/enterprises?unionized=${v}&region=320981`);
      expect(status).toBe(403);
      expect(body.error.code).toBe('forbidden');
      expect(body.error.message).toMatch(/登录/);
      expect(body.error.message_en).toMatch(/logged-in/);
      expect(JSON.stringify(body)).not.toMatch(/"features"/);
    }
    expect((await getJson(app, '/api/enterprises?unionized=maybe')).status).toBe(400);
  });

  it('lists federations as public unions; enterprise unions are refused without login', async () => {
    const { body } = await getJson(app, '/api/unions?limit=5000');
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*) as n from unions where deleted_at is null and kind <> 'enterprise'`);
    expect(body.numberReturned).toBe(n);
    expect(body.features.every((f: any) => f.properties.kind !== 'enterprise' && f.geometry?.type === 'Point')).toBe(true);
    for (const f of body.features) for (const k of RESTRICTED) expect(f.properties).not.toHaveProperty(k);
    const fed = (await getJson(app, '/api/unions?kind=industry_federation&region=320981')).body;
    expect(fed.numberReturned).toBe(4);
    expect(fed.features.reduce((s: number, f: any) => s + f.properties.new_form_members, 0)).toBeGreaterThan(0);
    for (const q of ['kind=enterprise', 'kind=industry_federation,enterprise']) {
      expect((await getJson(app, `/api/unions?${q}`)).status).toBe(403);
    }
  });

  it('zones carry public aggregates equal to plain SQL', async () => {
    const { status, body } = await getJson(app, '/api/zones?kind=park');
    expect(status).toBe(200);
    const rows = await db.query<{ id: number; n: number; u: number }>(
      `select z.id, count(e.id) as n, count(e.id) filter (where e.unionized) as u
         from zones z left join enterprises e on e.zone_id = z.id and e.deleted_at is null
        where z.kind = 'park' and z.deleted_at is null group by z.id`);
    expect(body.numberReturned).toBe(rows.length);
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const f of body.features) {
      const r = byId.get(f.id)!;
      expect(f.properties.kind).toBe('park');
      expect(f.properties.enterprises).toBe(r.n);
      if (r.n >= 5) expect(f.properties.unionization_rate).toBeCloseTo(r.u / r.n, 12);
      else expect(f.properties.unionization_rate).toBeNull();
    }
  });

  it('withholds the union figures of a zone with fewer than 5 enterprises', async () => {
    const [z] = await db.query<{ id: number }>(
      `select zone_id as id from enterprises where zone_id is not null group by 1 order by count(*) limit 1`);
    const victims = await db.query<{ id: number }>(
      `select id from enterprises where zone_id = $1 and deleted_at is null order by id offset 2`, [z.id]);
    const ids = victims.map((v) => v.id);
    await db.query('update enterprises set deleted_at = now() where id = any($1::bigint[])', [ids]);
    try {
      const { body } = await getJson(app, '/api/zones');
      const f = body.features.find((x: any) => x.id === z.id);
      expect(f.properties.enterprises).toBe(2);
      expect(f.properties.unionized).toBeNull();
      expect(f.properties.unionization_rate).toBeNull();
    } finally {
      await db.query('update enterprises set deleted_at = null where id = any($1::bigint[])', [ids]);
    }
  });

  it('credit-code validator agrees with the database function credit_code_valid', async () => {
    const codes = (await db.query<{ c: string }>('select credit_code as c from enterprises order by id limit 3000')).map((r) => r.c);
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const samples: string[] = [...codes];
    // every wrong check character for some codes, a swapped pair, forbidden letters, wrong lengths, digits rule
    for (const c of codes.slice(0, 40)) {
      for (const ch of alphabet) samples.push(c.slice(0, 17) + ch);
      samples.push(c.slice(0, 9) + c[10] + c[9] + c.slice(11));
      samples.push(c.slice(0, 12) + 'O' + c.slice(13), c.slice(0, 17), `${c}0`, c.slice(0, 3) + 'A' + c.slice(4));
    }
    // real-world shaped codes (authority 1, 5, 9; kinds 1–3) with computed check characters
    for (const head of ['11', '52', '91', '93', 'Y1']) {
      const body = `${head}320900MA1${'23456789'.slice(0, 6)}`.slice(0, 17);
      samples.push(body + creditCodeCheckChar(body));
    }
    const rows = await db.query<{ c: string; ok: boolean }>(
      'select c, credit_code_valid(c) as ok from unnest($1::text[]) as c', [samples]);
    expect(rows.length).toBe(samples.length);
    let valid = 0;
    for (const r of rows) {
      expect(checkCreditCode(r.c).valid, r.c).toBe(r.ok);
      if (r.ok) valid++;
    }
    expect(valid).toBeGreaterThan(codes.length);
  });

  it('credit-code validator explains failures and normalises pasted input', () => {
    const good = '91320904YCDM00001F';
    expect(checkCreditCode(`  ${good.toLowerCase()} `)).toEqual({ valid: true, code: good });
    expect(normaliseCreditCode('９１３２０９０４ＹＣＤＭ００００１Ｆ')).toBe(good);
    expect(checkCreditCode('91320904YCDM00001A')).toEqual({ valid: false, reason: 'check_digit', code: '91320904YCDM00001A', expected: 'F' });
    expect(checkCreditCode('91320904YCDM0000IF')).toMatchObject({ valid: false, reason: 'format' });
    const parsed = CreditCode.safeParse('91320904YCDM00001A');
    expect(parsed.success).toBe(false);
    expect(JSON.stringify(parsed.error?.issues)).toMatch(/应为 F/);
    expect(CreditCode.parse(good)).toBe(good);
  });

  const BAD: Array<[string, number]> = [
    ['/api/enterprises?zone=abc', 400],
    ['/api/enterprises?zone=999999', 404],
    ['/api/enterprises?region=320999', 404],
    ['/api/enterprises?skill_pay=yes', 400],
    ['/api/enterprises?reform_pilot=1', 400],
    ['/api/enterprises?limit=0', 400],
    ['/api/enterprises?cursor=xyz%27', 400],
    [`/api/enterprises?q=${'企'.repeat(51)}`, 400],
    ['/api/unions?kind=club', 400],
    ['/api/unions?region=1', 400],
    ['/api/unions?region=320999', 404],
    ['/api/zones?kind=mall', 400],
    ['/api/zones?region=320999', 404],
  ];
  it.each(BAD)('%s → %i with zh + en message', async (path, expected) => {
    const { status, body } = await getJson(app, path);
    expect(status).toBe(expected);
    expect(body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(body.error.message_en).not.toMatch(/[\u4e00-\u9fff]{3}/);
  });
});
