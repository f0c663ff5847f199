import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as T from '../data/demo/targets.ts';
import type { Db } from '../api/db/index.ts';
import { openTestDb } from './helpers/db.ts';

/**
 * The loaded demo database reproduces the report's figures and the spatial targets. Counted by SQL on the rows
 * (not from the generator's constants), on whichever backend this run uses.
 */
describe('demo data calibration (SQL on the loaded database)', () => {
  let db: Db;
  const one = async (sql: string, params: unknown[] = []) => (await db.query<{ v: number }>(sql, params))[0].v;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => db?.close());

  it('has ≥ 580 open 职工之家 + 工会驿站, mostly co-built', async () => {
    const sites = await one(`select count(*) as v from live_facilities where type in ('worker_home','station') and status = 'open'`);
    expect(sites).toBeGreaterThanOrEqual(T.SERVICE_SITES_REPORTED_MIN);
    const coBuilt = await one(
      `select avg(case when co_built then 1.0 else 0 end) as v from live_facilities where type in ('worker_home','station')`,
    );
    expect(coBuilt).toBeGreaterThan(0.5);
  });

  it('has every facility type, 13 工匠学院 and 110 托管班', async () => {
    const types = await db.query<{ type: string }>('select distinct type from live_facilities order by type');
    expect(types).toHaveLength(8);
    expect(await one(`select count(*) as v from live_facilities where type = 'craftsman_college'`)).toBe(T.CRAFTSMAN_COLLEGES);
    expect(await one(`select count(*) as v from live_facilities where type = 'summer_care'`)).toBe(T.SUMMER_CARE_CLASSES);
  });

  it('places every facility, enterprise and demand cell inside its town and county', async () => {
    for (const [table, geom] of [['facilities', 'geom'], ['enterprises', 'geom'], ['demand', 'centroid']] as const) {
      const outside = await one(
        `select count(*) as v from ${table} x
           join regions t on t.code = x.region_code and t.level = 'town'
           join regions c on c.code = t.parent_code
          where not ST_Intersects(t.geom, x.${geom}) or not ST_Intersects(c.geom, x.${geom})`,
      );
      expect(outside, table).toBe(0);
    }
  });

  it('reproduces the enterprise figures: 193 own unions in 2025, 1,024 pilots, 3,400 / 200,000 skill pay, ≥ 90 % democratic management', async () => {
    expect(
      await one(`select count(*) as v from live_enterprises where non_public and own_union_on >= '2025-01-01' and own_union_on < '2026-01-01'`),
    ).toBe(T.NON_PUBLIC_OWN_UNION_2025);
    expect(await one(`select count(*) as v from live_enterprises where reform_pilot`)).toBe(T.REFORM_PILOTS);
    expect(await one(`select count(*) as v from live_enterprises where skill_pay`)).toBe(T.SKILL_PAY_ENTERPRISES);
    expect(await one(`select sum(skill_pay_workers) as v from live_enterprises`)).toBe(T.SKILL_PAY_WORKERS);
    const rate = await one(
      `select avg(case when has_workers_congress and open_affairs then 1.0 else 0 end) as v from live_enterprises where unionized`,
    );
    expect(rate).toBeGreaterThanOrEqual(T.CONGRESS_AND_OPEN_AFFAIRS_MIN_SHARE);
    expect(await one(`select count(*) as v from live_enterprises where not credit_code_valid(credit_code)`)).toBe(0);
  });

  it('has new-form industry federations at city level and in every county-level unit, with 64,000 members', async () => {
    const missing = await one(
      `select count(*) as v from regions r where r.level in ('city','county')
          and not exists (select 1 from live_unions u where u.kind = 'industry_federation' and u.region_code = r.code)`,
    );
    expect(missing).toBe(0);
    expect(await one(`select sum(new_form_members) as v from live_unions where kind = 'industry_federation'`)).toBe(T.NEW_FORM_MEMBERS);
    expect(await one(`select sum(new_form_workers) as v from demand`)).toBeGreaterThan(T.NEW_FORM_MEMBERS);
  });

  it('has H3 res-9 demand with residents summing to the 2020 census total, per county as documented', async () => {
    expect(await one(`select sum(residents) as v from demand`)).toBe(T.RESIDENTS_TOTAL);
    const rows = await db.query<{ code: string; residents: number }>(
      `select t.parent_code as code, sum(d.residents) as residents
         from demand d join regions t on t.code = d.region_code group by t.parent_code order by 1`,
    );
    expect(Object.fromEntries(rows.map((r) => [r.code, r.residents]))).toEqual(T.RESIDENTS_BY_COUNTY_ESTIMATE);
    expect(await one(`select count(*) as v from demand where length(h3) <> 15 or substr(h3, 1, 2) <> '89'`)).toBe(0);
  });

  it('is denser in the urban cores of 亭湖区 and 盐都区 than in rural counties', async () => {
    const density = async (code: string) =>
      one(
        `select max(d.residents) as v from demand d join regions t on t.code = d.region_code where t.parent_code = $1`,
        [code],
      );
    expect(await density('320902')).toBeGreaterThan(await density('320921'));
  });

  it('has grids with 同步建 / 交叉任 / 共建享 attributes', async () => {
    const [g] = await db.query<{ n: number; synced: number; shared: number; posts: number }>(
      `select count(*) as n, count(*) filter (where synced_built) as synced, count(shared_site_id) as shared,
              sum(cross_posts) as posts from live_grids`,
    );
    expect(g.n).toBeGreaterThan(1000);
    expect(g.synced).toBeGreaterThan(g.n / 2);
    expect(g.synced).toBeLessThan(g.n);
    expect(g.shared).toBeGreaterThan(0);
    expect(g.posts).toBeGreaterThan(0);
  });

  it('stores only valid polygons', async () => {
    expect(await one(`select count(*) as v from regions where geom is not null and not ST_IsValid(geom)`)).toBe(0);
    expect(await one(`select count(*) as v from grids where not ST_IsValid(geom)`)).toBe(0);
    expect(await one(`select count(*) as v from zones where not ST_IsValid(geom)`)).toBe(0);
  });

  it('counties partition the city', async () => {
    const [r] = await db.query<{ city: number; counties: number; overlap: number }>(
      `select (select ST_Area(geom::geography) from regions where code = '320900') as city,
              (select sum(ST_Area(geom::geography)) from regions where level = 'county') as counties,
              (select coalesce(sum(ST_Area(ST_Intersection(a.geom, b.geom)::geography)), 0)
                 from regions a join regions b on a.code < b.code and a.geom && b.geom
                where a.level = 'county' and b.level = 'county') as overlap`,
    );
    expect(Math.abs(r.counties - r.city) / r.city).toBeLessThan(0.005);
    expect(r.overlap / r.city).toBeLessThan(0.001);
  });
});
