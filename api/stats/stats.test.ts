import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backend, getJson, openTestDb, testApp } from '../../test/helpers/db.ts';
import type { Db } from '../db/index.ts';
import { KPI_DEFS } from './kpis.ts';
import { backfillSnapshots, DEMO_HISTORY, monthRange } from './snapshots.ts';

/**
 * Independent SQL: plain joins on the base tables (no region_towns, no live_* views, no live_grid_status), so a
 * mistake in the API's query path cannot be repeated here. $1 = region code of any level.
 */
const IN_REGION = (alias: string) => `(select t.code from regions t left join regions c on c.code = t.parent_code
   where t.level = 'town' and (t.code = $1 or c.code = $1 or c.parent_code = $1)) ${alias}`;

async function independent(db: Db, region: string): Promise<Record<string, number>> {
  const one = async (sql: string) => Number((await db.query<{ n: unknown }>(sql, [region]))[0].n);
  const site = `f.deleted_at is null and f.type in ('worker_home', 'station') and f.status <> 'planned'`;
  const ent = `e.deleted_at is null and e.region_code in (select code from ${IN_REGION('x')})`;
  const sites = await one(`select count(*) as n from facilities f join ${IN_REGION('r')} on r.code = f.region_code where ${site}`);
  const coBuilt = await one(`select count(*) as n from facilities f join ${IN_REGION('r')} on r.code = f.region_code where ${site} and f.co_built`);
  const unionized = await one(`select count(*) as n from enterprises e where ${ent} and e.unionized`);
  const enterprises = await one(`select count(*) as n from enterprises e where ${ent}`);
  const democratic = await one(`select count(*) as n from enterprises e where ${ent} and e.unionized and e.has_workers_congress and e.open_affairs`);
  // 党工共建 "full" re-derived from the written rule, not from the view
  const gridsFull = await one(`select count(*) as n from grids g join ${IN_REGION('r')} on r.code = g.town_code
     where g.deleted_at is null and g.union_org is not null and g.synced_built and g.cross_posts >= 1
       and exists (select 1 from facilities f where f.deleted_at is null and f.co_built and f.status = 'open'
                    and f.type in ('worker_home', 'station') and (f.id = g.shared_site_id or f.grid_id = g.id))`);
  const grids = await one(`select count(*) as n from grids g join ${IN_REGION('r')} on r.code = g.town_code where g.deleted_at is null`);
  const workers = await one(`select sum(d.workers) as n from demand d join ${IN_REGION('r')} on r.code = d.region_code`);
  return {
    sites,
    co_built_share: coBuilt / sites,
    sites_per_10k_workers: (sites / workers) * 10000,
    own_union_2025: await one(`select count(*) as n from enterprises e where ${ent} and e.non_public
                                 and extract(year from e.own_union_on) = 2025`),
    unionization_rate: unionized / enterprises,
    democratic_rate: democratic / unionized,
    reform_pilots: await one(`select count(*) as n from enterprises e where ${ent} and e.reform_pilot`),
    craftsman_colleges: await one(`select count(*) as n from facilities f join ${IN_REGION('r')} on r.code = f.region_code
                                     where f.deleted_at is null and f.type = 'craftsman_college'`),
    skill_pay_enterprises: await one(`select count(*) as n from enterprises e where ${ent} and e.skill_pay`),
    skill_pay_workers: await one(`select coalesce(sum(e.skill_pay_workers), 0) as n from enterprises e where ${ent}`),
    summer_care: await one(`select count(*) as n from facilities f join ${IN_REGION('r')} on r.code = f.region_code
                              where f.deleted_at is null and f.type = 'summer_care'`),
    grids_full: gridsFull,
    grids_full_share: gridsFull / grids,
  };
}

/** Coverage by brute force from the demand side: every cell, any open site within 1,000 m (generous box, no tricks). */
async function independentCoverage(db: Db, region: string) {
  const [r] = await db.query<{ res: number; res_cov: number; nf: number; nf_cov: number }>(
    `select sum(d.residents) as res, sum(d.residents) filter (where c.hit) as res_cov,
            sum(d.new_form_workers) as nf, sum(d.new_form_workers) filter (where c.hit) as nf_cov
       from demand d
       join regions t on t.code = d.region_code
       left join regions k on k.code = t.parent_code
       cross join lateral (select exists (select 1 from facilities f where f.deleted_at is null and f.status = 'open'
            and f.type in ('worker_home', 'station') and f.geom && ST_Expand(d.centroid, 0.03)
            and ST_Distance(f.geom::geography, d.centroid::geography) <= 1000) as hit) c
      where t.code = $1 or k.code = $1 or k.parent_code = $1`,
    [region],
  );
  return { coverage_residents_1000m: r.res_cov / r.res, coverage_new_form_1000m: r.nf_cov / r.nf };
}

describe(`KPIs (${backend()})`, () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  it.each(['320900', '320981', '320902001'])('summary of %s equals independent SQL', async (region) => {
    const { status, body } = await getJson(app, `/api/stats/summary?region=${region}`);
    expect(status).toBe(200);
    const got = Object.fromEntries(body.kpis.map((k: any) => [k.id, k.value]));
    const want = await independent(db, region);
    for (const [id, v] of Object.entries(want)) expect(got[id], id).toBeCloseTo(v, 9);
    if (region !== '320902001') {
      const [{ n }] = await db.query<{ n: number }>(
        `select coalesce(sum(new_form_members), 0) as n from unions u join regions r on r.code = u.region_code
          where u.deleted_at is null and u.kind = 'industry_federation' and (r.code = $1 or r.parent_code = $1)`, [region]);
      expect(got.new_form_members).toBe(n);
    }
  });

  it('reproduces the report’s figures at city level, each with its reference', async () => {
    const { body } = await getJson(app, '/api/stats/summary');
    const k = Object.fromEntries(body.kpis.map((x: any) => [x.id, x]));
    expect(k.sites.value).toBeGreaterThanOrEqual(580);
    expect(k.new_form_members.value).toBe(64000);
    expect(k.own_union_2025.value).toBe(193);
    expect(k.federation_units).toMatchObject({ value: 11, reference: 11 });
    expect(k.federation_coverage.value).toBe(1);
    expect(k.democratic_rate.value).toBeGreaterThanOrEqual(0.9);
    expect(k.reform_pilots.value).toBe(1024);
    expect(k.craftsman_colleges.value).toBe(13);
    expect(k.skill_pay_enterprises.value).toBe(3400);
    expect(k.skill_pay_workers.value).toBe(200000);
    expect(k.summer_care.value).toBe(110);
    for (const id of ['sites', 'new_form_members', 'own_union_2025', 'democratic_rate', 'reform_pilots', 'craftsman_colleges',
      'skill_pay_enterprises', 'skill_pay_workers', 'summer_care']) {
      expect(k[id].reference, id).not.toBeNull();
      expect(k[id].ratio, id).toBeCloseTo(k[id].value / k[id].reference, 12);
    }
    expect(body.demo).toBe(true);
  });

  it('coverage of a county equals a brute-force demand-side computation', async () => {
    const { body } = await getJson(app, '/api/stats/summary?region=320981');
    const got = Object.fromEntries(body.kpis.map((k: any) => [k.id, k.value]));
    const want = await independentCoverage(db, '320981');
    expect(got.coverage_residents_1000m).toBeCloseTo(want.coverage_residents_1000m, 12);
    expect(got.coverage_new_form_1000m).toBeCloseTo(want.coverage_new_form_1000m, 12);
  }, 120_000);

  it('by-region: for every additive metric the counties add up to the city and the towns to their county', async () => {
    const city = (await getJson(app, '/api/stats/summary')).body;
    const cityKpi = Object.fromEntries(city.kpis.map((k: any) => [k.id, k]));
    for (const def of KPI_DEFS.filter((d) => d.additive && d.town)) {
      const { status, body } = await getJson(app, `/api/stats/by-region?level=county&metric=${def.id}`);
      expect(status).toBe(200);
      expect(body.regions.length).toBe(10);
      const num = body.regions.reduce((s: number, r: any) => s + r.numerator, 0);
      expect(num, def.id).toBe(cityKpi[def.id].numerator);
      expect(body.parent.numerator, def.id).toBe(cityKpi[def.id].numerator);
      if (def.den) {
        const den = body.regions.reduce((s: number, r: any) => s + r.denominator, 0);
        expect(den, def.id).toBe(cityKpi[def.id].denominator);
      }
    }
    const county = (await getJson(app, '/api/stats/summary?region=320981')).body;
    const towns = (await getJson(app, '/api/stats/by-region?level=town&parent=320981&metric=sites_per_10k_workers')).body;
    const k = county.kpis.find((x: any) => x.id === 'sites_per_10k_workers');
    expect(towns.regions.reduce((s: number, r: any) => s + r.numerator, 0)).toBe(k.numerator);
    expect(towns.regions.reduce((s: number, r: any) => s + r.denominator, 0)).toBe(k.denominator);
    expect(towns.parent.value).toBeCloseTo(k.value, 12);
  }, 120_000);

  it('by-region accepts the dashboard’s metric names', async () => {
    const { body } = await getJson(app, '/api/stats/by-region?level=county&metric=coverage');
    expect(body).toMatchObject({ metric: 'coverage', kpi: 'coverage_residents_1000m', unit: 'ratio', additive: true });
    for (const r of body.regions) expect(r.value).toBeCloseTo(r.numerator / r.denominator, 12);
  });

  it('history: back-filled months are real values as of each month, and December 2025 equals today’s summary', async () => {
    // recompute (idempotent upsert of the same values) so this test checks the code, not a stale template
    await backfillSnapshots(db, DEMO_HISTORY.from, DEMO_HISTORY.to);
    const [{ n }] = await db.query<{ n: number }>(
      `select count(*) as n from facilities where deleted_at is null and type in ('worker_home', 'station')
          and status <> 'planned' and opened_on <= date '2024-06-30'`);
    const [snap] = await db.query<{ value: number }>(
      `select value::float8 as value from kpi_snapshots where region_code = '320900' and kpi = 'sites' and month = date '2024-06-01'`);
    expect(snap.value).toBe(n);
    const months = await db.query<{ m: string }>(
      `select distinct to_char(month, 'YYYY-MM') as m from kpi_snapshots where source = 'backfill' order by 1`);
    expect(months.map((r) => r.m)).toEqual(monthRange('2024-01', '2025-12'));
    // undated KPIs are never back-filled
    const [{ undated }] = await db.query<{ undated: number }>(
      `select count(*) as undated from kpi_snapshots where source = 'backfill' and kpi = any($1::text[])`,
      [KPI_DEFS.filter((d) => !d.dated).map((d) => d.id)],
    );
    expect(undated).toBe(0);
    // the data's dates end in 2025, so the value as of 2025-12-31 is today's value
    for (const region of ['320900', '320922']) {
      const { body } = await getJson(app, `/api/stats/summary?region=${region}`);
      for (const k of body.kpis) {
        const def = KPI_DEFS.find((d) => d.id === k.id)!;
        if (!def.dated) continue;
        const last = k.trend[k.trend.length - 1];
        expect(k.trend.length, k.id).toBeLessThanOrEqual(12);
        expect(last.month >= '2025-12', k.id).toBe(true);
        expect(last.value, `${region} ${k.id}`).toBeCloseTo(k.value, 9);
        const ms = k.trend.map((p: any) => p.month);
        expect([...ms].sort()).toEqual(ms);
      }
    }
    // and the sites trend actually moves: 2025 opened sites
    const city = (await getJson(app, '/api/stats/summary')).body;
    const sites = city.kpis.find((k: any) => k.id === 'sites');
    expect(sites.trend[0].value).toBeLessThan(sites.value);
  }, 120_000);

  it('POST /api/stats/snapshots writes every KPI of every region for the current month', async () => {
    const res = await app.request('/api/stats/snapshots', { method: 'POST' });
    const body = (await res.json()) as any;
    try {
      expect(res.status).toBe(200);
      expect(body.regions).toBe(165);
      const [{ n }] = await db.query<{ n: number }>(
        `select count(*) as n from kpi_snapshots where source = 'job' and month = to_date($1, 'YYYY-MM')`, [body.month]);
      expect(n).toBe(body.rows_written);
      const summary = (await getJson(app, '/api/stats/summary?region=320981')).body;
      for (const k of summary.kpis) {
        const last = k.trend[k.trend.length - 1];
        expect(last.month, k.id).toBe(body.month);
        expect(last.value, k.id).toBeCloseTo(k.value, 9);
      }
    } finally {
      // the PostgreSQL test database is shared between files: leave it as seeded
      await db.query(`delete from kpi_snapshots where source = 'job' and month = to_date($1, 'YYYY-MM')`, [body.month]);
    }
  }, 120_000);
});

describe('stats bad input', () => {
  let db: Db;
  let app: ReturnType<typeof testApp>;
  beforeAll(async () => {
    db = await openTestDb();
    app = testApp(db);
  });
  afterAll(async () => db?.close());

  const CASES: Array<[string, number, string?]> = [
    ['/api/stats/summary?region=320902001001', 400], // a village: no statistics of its own
    ['/api/stats/summary?region=320999', 404],
    ['/api/stats/by-region', 400],
    ['/api/stats/by-region?level=village', 400],
    ['/api/stats/by-region?level=county&metric=happiness', 400],
    ['/api/stats/by-region?level=county&parent=320981', 400],
    ['/api/stats/by-region?level=town&parent=320902001', 400],
    ['/api/stats/by-region?level=town&parent=320999', 404],
    ['/api/stats/by-region?level=town&parent=32A981', 400],
    ['/api/stats/by-region?level=county&metric=federation_units', 400],
    ['/api/stats/snapshots', 400, '{"month":"2025-13"}'],
    ['/api/stats/snapshots', 400, '{"month":"2999-01"}'],
    ['/api/stats/snapshots', 400, '{"month":"1999-12"}'],
    ['/api/stats/snapshots', 400, '{"month":"2025-01","extra":"; drop table kpi_snapshots"}'],
    ['/api/stats/snapshots', 400, 'not json'],
  ];

  it.each(CASES)('%s %s → %i with zh + en message', async (path, expected, body) => {
    const res = body === undefined
      ? await app.request(path)
      : await app.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(expected);
    const json = (await res.json()) as any;
    expect(json.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(json.error.message_en).toMatch(/[A-Za-z]/);
    expect(json.error.message_en).not.toMatch(/[\u4e00-\u9fff]{3}/);
  });
});
