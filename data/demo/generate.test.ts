// The demo data counted in JS: every calibration target from targets.ts, the schema's CHECKs and FKs, and every point
// inside the town its region_code names. (The same targets are checked by SQL after loading, in the API's tests.)

import { existsSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { boundariesDigest } from './boundaries.ts';
import { type Checksums, CHECKSUMS_PATH, checksumsOf } from './cli.ts';
import { isSyntheticCreditCode, isValidCreditCode } from './credit-code.ts';
import { DEFAULT_SEED, type DemoData, demoCsv, generateDemo } from './generate.ts';
import { interiorPoint, type MultiPolygon, type Position, PreparedArea } from './geo.ts';
import * as T from './targets.ts';

let data: DemoData;
const townArea = new Map<string, PreparedArea>();

beforeAll(() => {
  data = generateDemo();
  for (const r of data.regions) if (r.level === 'town' && r.geom) townArea.set(r.code, new PreparedArea(r.geom));
});

const count = <R>(rows: R[], pred: (r: R) => boolean): number => rows.reduce((n, r) => (pred(r) ? n + 1 : n), 0);
const sum = <R>(rows: R[], f: (r: R) => number): number => rows.reduce((n, r) => n + f(r), 0);

const OPENING_HOURS = new Set([
  '24/7',
  'Mo-Fr 08:30-17:30; PH off',
  'Mo-Su 08:00-20:00',
  'Mo-Fr 08:30-12:00,14:00-17:30; PH off',
  'Mo-Sa 07:00-21:00',
  'Mo-Su 06:00-22:00',
  'Mo-Fr 09:00-17:00; Sa 09:00-12:00; PH off',
]);
const AMENITIES = new Set(['water', 'charging', 'toilet', 'microwave', 'rest', 'wifi', 'first_aid', 'heating', 'cooling', 'books', 'repair']);

describe('calibration targets (the 2025 report)', () => {
  it('facilities: ≥ 580 open 职工之家 + 驿站, 13 工匠学院, 110 托管班, 11 调解中心', () => {
    const f = data.facilities;
    const sites = f.filter((x) => x.type === 'worker_home' || x.type === 'station');
    expect(count(sites, (x) => x.status === 'open')).toBe(T.SERVICE_SITES_OPEN);
    expect(T.SERVICE_SITES_OPEN).toBeGreaterThanOrEqual(T.SERVICE_SITES_REPORTED_MIN);
    expect(count(sites, (x) => x.status === 'closed')).toBe(T.SERVICE_SITES_CLOSED);
    expect(count(sites, (x) => x.status === 'planned')).toBe(T.SERVICE_SITES_PLANNED);
    expect(count(f, (x) => x.type === 'worker_home' && x.status === 'open')).toBe(T.WORKER_HOMES_OPEN);
    expect(count(f, (x) => x.type === 'craftsman_college')).toBe(T.CRAFTSMAN_COLLEGES);
    expect(count(f, (x) => x.type === 'summer_care')).toBe(T.SUMMER_CARE_CLASSES);
    expect(count(f, (x) => x.type === 'mediation')).toBe(T.MEDIATION_CENTRES);
    expect(count(f, (x) => x.type === 'model_studio')).toBe(T.MODEL_STUDIOS);
    // one 便民中心 per town, one 党群服务中心 per village / community
    expect(count(f, (x) => x.type === 'service_center')).toBe(count(data.regions, (r) => r.level === 'town'));
    expect(count(f, (x) => x.type === 'party_center')).toBe(count(data.regions, (r) => r.level === 'village'));
    // mostly co-built in a party / service centre, a few metres from it
    expect(count(sites, (x) => x.co_built) / sites.length).toBeGreaterThan(0.7);
    const stations = f.filter((x) => x.type === 'station' && x.status === 'open');
    expect(count(stations, (x) => x.opening_hours === '24/7')).toBe(Math.round(stations.length * T.STATIONS_24_7_SHARE));
  });

  it('enterprises: 193 own unions in 2025, 1,024 pilots, 3,400 skill-pay firms covering 200,000, ≥ 90 % 职代会+厂务公开', () => {
    const e = data.enterprises;
    expect(e).toHaveLength(T.ENTERPRISES);
    expect(count(e, (x) => x.non_public && x.unionized && (x.own_union_on ?? '').startsWith('2025-'))).toBe(T.NON_PUBLIC_OWN_UNION_2025);
    expect(count(e, (x) => (x.own_union_on ?? '').startsWith('2025-'))).toBe(T.NON_PUBLIC_OWN_UNION_2025);
    expect(count(e, (x) => x.unionized && x.own_union_on !== null && x.own_union_on < '2025-01-01')).toBeGreaterThan(1000);
    expect(count(e, (x) => x.reform_pilot)).toBe(T.REFORM_PILOTS);
    expect(count(e, (x) => x.skill_pay)).toBe(T.SKILL_PAY_ENTERPRISES);
    expect(sum(e, (x) => x.skill_pay_workers)).toBe(T.SKILL_PAY_WORKERS);
    const unionized = e.filter((x) => x.unionized);
    const share = count(unionized, (x) => x.has_workers_congress && x.open_affairs) / unionized.length;
    expect(share).toBeGreaterThanOrEqual(T.CONGRESS_AND_OPEN_AFFAIRS_MIN_SHARE);
    expect(share).toBeLessThan(0.97);
    expect(count(e, (x) => x.zone_id !== null)).toBeGreaterThan(T.ENTERPRISES * 0.3);
  });

  it('unions: new-form federations at city level and in every county-level unit, 64,000 new-form members', () => {
    const feds = data.unions.filter((u) => u.kind === 'industry_federation');
    const levels = new Set(feds.map((u) => u.region_code));
    const counties = data.regions.filter((r) => r.level === 'county').map((r) => r.code);
    expect(levels.size).toBe(T.NEW_FORM_FEDERATION_LEVELS);
    expect(levels.has('320900')).toBe(true);
    for (const c of counties) expect(levels.has(c), c).toBe(true);
    for (const code of levels) {
      expect(new Set(feds.filter((u) => u.region_code === code).map((u) => u.industry))).toEqual(new Set(T.NEW_FORM_INDUSTRIES));
    }
    expect(sum(feds, (u) => u.new_form_members)).toBe(T.NEW_FORM_MEMBERS);
    expect(sum(data.unions, (u) => u.new_form_members)).toBe(T.NEW_FORM_MEMBERS);
    expect(sum(data.demand, (d) => d.new_form_workers)).toBe(T.NEW_FORM_WORKERS);
    expect(T.NEW_FORM_WORKERS).toBeGreaterThan(T.NEW_FORM_MEMBERS);
    // one 联合工会 per town, one enterprise union per unionized enterprise
    expect(count(data.unions, (u) => u.kind === 'regional_federation')).toBe(count(data.regions, (r) => r.level === 'town'));
    const withUnion = new Set(data.unions.filter((u) => u.kind === 'enterprise').map((u) => u.enterprise_id));
    expect(withUnion.size).toBe(count(data.enterprises, (x) => x.unionized));
    for (const x of data.enterprises) expect(withUnion.has(x.id)).toBe(x.unionized);
  });

  it('demand: residents sum to the 2020 census total, per county to the estimates', () => {
    expect(sum(data.demand, (d) => d.residents)).toBe(T.RESIDENTS_TOTAL);
    const byCounty = new Map<string, number>();
    for (const d of data.demand) byCounty.set(d.region_code.slice(0, 6), (byCounty.get(d.region_code.slice(0, 6)) ?? 0) + d.residents);
    for (const [code, residents] of Object.entries(T.RESIDENTS_BY_COUNTY_ESTIMATE)) expect(byCounty.get(code), code).toBe(residents);
    expect(sum(Object.values(T.RESIDENTS_BY_COUNTY_ESTIMATE), (v) => v)).toBe(T.RESIDENTS_TOTAL);
    // riders present at night in the cores, with lunch and dinner peaks overall
    const byHour = Array.from({ length: 24 }, (_, h) => sum(data.demand, (d) => d.rider_activity[h]));
    expect(byHour[2]).toBeGreaterThan(0);
    expect(byHour[12]).toBeGreaterThan(byHour[15]);
    expect(byHour[18]).toBeGreaterThan(byHour[15]);
    expect(byHour[12]).toBeGreaterThan(5 * byHour[3]);
  });

  it('zones: ~30 parks and ~20 business districts', () => {
    expect(count(data.zones, (z) => z.kind === 'park')).toBe(30);
    expect(count(data.zones, (z) => z.kind === 'business_district')).toBe(20);
  });

  it('grids: one per village, 同步建 varying by county, 共建享 sites that are co-built in the same town', () => {
    expect(data.grids.length).toBeGreaterThanOrEqual(count(data.regions, (r) => r.level === 'village'));
    const byCounty = new Map<string, { n: number; synced: number }>();
    for (const g of data.grids) {
      const s = byCounty.get(g.town_code.slice(0, 6)) ?? { n: 0, synced: 0 };
      s.n++;
      if (g.synced_built) s.synced++;
      byCounty.set(g.town_code.slice(0, 6), s);
    }
    const rates = [...byCounty.values()].map((s) => s.synced / s.n);
    expect(Math.max(...rates) - Math.min(...rates)).toBeGreaterThan(0.25);
    expect(count(data.grids, (g) => g.synced_built) / data.grids.length).toBeGreaterThan(0.5);
    expect(count(data.grids, (g) => g.synced_built)).toBeLessThan(data.grids.length);
    const facilities = new Map(data.facilities.map((f) => [f.id, f]));
    expect(count(data.grids, (g) => g.shared_site_id !== null)).toBeGreaterThan(data.grids.length * 0.3);
    for (const g of data.grids) {
      if (g.shared_site_id === null) continue;
      const f = facilities.get(g.shared_site_id)!;
      expect(f.co_built && f.region_code === g.town_code).toBe(true);
    }
    expect(data.updates[0].params[0]).toBe(`{${data.grids.filter((g) => g.shared_site_id !== null).map((g) => g.id).join(',')}}`);
  });
});

describe('rows satisfy 001_core.sql', () => {
  it('regions: codes, levels, parents, geometry', () => {
    const codes = new Set(data.regions.map((r) => r.code));
    expect(codes.size).toBe(data.regions.length);
    for (const r of data.regions) {
      expect(r.code).toMatch(/^[0-9]{6}([0-9]{3}([0-9]{3})?)?$/);
      expect(r.name.length).toBeGreaterThan(0);
      expect(r.name.length).toBeLessThanOrEqual(64);
      expect(r.level === 'city').toBe(r.parent_code === null);
      if (r.parent_code) expect(codes.has(r.parent_code)).toBe(true);
      expect(r.level === 'village' || r.geom !== null).toBe(true);
    }
    // parents come first, so a COPY in row order never sees a child before its parent
    const seen = new Set<string>();
    for (const r of data.regions) {
      if (r.parent_code) expect(seen.has(r.parent_code)).toBe(true);
      seen.add(r.code);
    }
  });

  it('facilities, enterprises, unions, grids, demand: CHECKs and FKs', () => {
    const regions = new Map(data.regions.map((r) => [r.code, r]));
    const grids = new Set(data.grids.map((g) => g.id));
    const zones = new Set(data.zones.map((z) => z.id));
    for (const f of data.facilities) {
      expect(f.name.length).toBeGreaterThan(0);
      expect(f.name.length).toBeLessThanOrEqual(100);
      expect(f.address.length).toBeLessThanOrEqual(200);
      expect(regions.get(f.region_code)?.level).toBe('town');
      if (f.grid_id !== null) expect(grids.has(f.grid_id)).toBe(true);
      expect(!f.co_built || f.host_type === 'party_center' || f.host_type === 'service_center').toBe(true);
      expect(OPENING_HOURS.has(f.opening_hours), f.opening_hours).toBe(true);
      for (const a of f.amenities) expect(AMENITIES.has(a), a).toBe(true);
      if (f.capacity !== null) expect(f.capacity).toBeGreaterThan(0);
      if (f.type === 'station' || f.type === 'worker_home') {
        expect(f.capacity).toBeGreaterThanOrEqual(10);
        expect(f.capacity).toBeLessThanOrEqual(60);
      }
      expect(f.last_verified! >= '2025-01-01' && f.last_verified! <= '2026-12-31').toBe(true);
      if (f.opened_on) expect(f.opened_on <= f.last_verified!).toBe(true);
      expect(f.opened_on === null).toBe(f.status === 'planned');
      expect(f.demo).toBe(true);
    }
    const codes = new Set<string>();
    for (const e of data.enterprises) {
      expect(isValidCreditCode(e.credit_code)).toBe(true);
      expect(isSyntheticCreditCode(e.credit_code)).toBe(true);
      codes.add(e.credit_code);
      expect(e.name.length).toBeLessThanOrEqual(100);
      expect(regions.get(e.region_code)?.level).toBe('town');
      if (e.zone_id !== null) expect(zones.has(e.zone_id)).toBe(true);
      expect(e.skill_pay || e.skill_pay_workers === 0).toBe(true);
      expect(e.skill_pay_workers).toBeLessThanOrEqual(e.employees);
      expect(e.unionized || e.own_union_on === null).toBe(true);
      expect(e.employees).toBeGreaterThan(0);
    }
    expect(codes.size).toBe(data.enterprises.length);
    const unionIds = new Set(data.unions.map((u) => u.id));
    const enterpriseIds = new Set(data.enterprises.map((e) => e.id));
    for (const u of data.unions) {
      expect(u.name.length).toBeLessThanOrEqual(100);
      expect(regions.has(u.region_code)).toBe(true);
      if (u.parent_id !== null) expect(unionIds.has(u.parent_id)).toBe(true);
      expect(u.new_form_members).toBeLessThanOrEqual(u.members);
      expect(u.kind === 'enterprise').toBe(u.enterprise_id !== null);
      if (u.enterprise_id !== null) expect(enterpriseIds.has(u.enterprise_id)).toBe(true);
    }
    for (const g of data.grids) {
      expect(regions.get(g.town_code)?.level).toBe('town');
      expect(!g.synced_built || g.union_org !== null).toBe(true);
      expect(g.cross_posts).toBeGreaterThanOrEqual(0);
      expect(g.cross_posts).toBeLessThanOrEqual(4);
      expect(g.name.length).toBeLessThanOrEqual(100);
    }
    // ~200k rows: collect offenders instead of one expect() per value
    const h3 = new Set<string>();
    const badDemand: string[] = [];
    const isCount = (v: number): boolean => Number.isInteger(v) && v >= 0;
    for (const d of data.demand) {
      h3.add(d.h3);
      const ok =
        /^89[0-9a-f]{13}$/.test(d.h3) &&
        d.rider_activity.length === 24 &&
        d.rider_activity.every(isCount) &&
        isCount(d.residents) &&
        isCount(d.workers) &&
        isCount(d.new_form_workers) &&
        regions.get(d.region_code)?.level === 'town';
      if (!ok) badDemand.push(d.h3);
    }
    expect(badDemand).toEqual([]);
    expect(h3.size).toBe(data.demand.length);
  });
});

describe('every point lies in the town its region_code names', () => {
  const inTown = (code: string, p: Position): boolean => townArea.get(code)?.contains(p) ?? false;

  it('facilities (and in their grid)', () => {
    const grids = new Map(data.grids.map((g) => [g.id, new PreparedArea(g.geom)]));
    const bad = data.facilities.filter((f) => !inTown(f.region_code, f.geom) || (f.grid_id !== null && !grids.get(f.grid_id)!.contains(f.geom)));
    expect(bad.map((f) => f.name)).toEqual([]);
  });

  it('enterprises (and in their zone exactly when zone_id is set)', () => {
    const zones = data.zones.map((z) => ({ id: z.id, area: new PreparedArea(z.geom) }));
    for (const e of data.enterprises) {
      expect(inTown(e.region_code, e.geom), e.name).toBe(true);
      expect(zones.find((z) => z.area.contains(e.geom))?.id ?? null).toBe(e.zone_id);
    }
  });

  it('demand cell centres, region centroids, villages, zones and grids', () => {
    expect(data.demand.filter((d) => !inTown(d.region_code, d.centroid)).map((d) => d.h3)).toEqual([]);
    const byCode = new Map(data.regions.map((r) => [r.code, r]));
    for (const r of data.regions) {
      const area = r.geom ? new PreparedArea(r.geom) : new PreparedArea(byCode.get(r.parent_code!)!.geom as MultiPolygon);
      expect(area.contains(r.centroid), r.code).toBe(true);
    }
    for (const z of data.zones) expect(inTown(z.region_code, interiorPoint(z.geom)), z.name).toBe(true);
    for (const g of data.grids) expect(inTown(g.town_code, interiorPoint(g.geom)), g.name).toBe(true);
  });
});

describe('determinism', () => {
  it('the same seed gives byte-identical CSV; another seed does not', () => {
    const again = generateDemo();
    const a = demoCsv(data);
    const b = demoCsv(again);
    expect(b.map((t) => t.table)).toEqual(['regions', 'zones', 'grids', 'facilities', 'enterprises', 'unions', 'demand']);
    for (let i = 0; i < a.length; i++) expect(b[i].csv === a[i].csv, a[i].table).toBe(true);
    expect(JSON.stringify(again.updates)).toBe(JSON.stringify(data.updates));
    const other = demoCsv(generateDemo({ seed: DEFAULT_SEED + 1 }));
    expect(other.find((t) => t.table === 'facilities')!.csv).not.toBe(a.find((t) => t.table === 'facilities')!.csv);
  }, 300_000); // two more full generations: seconds each, minutes on a loaded 2-core machine

  it('matches the committed checksums.json', () => {
    expect(existsSync(CHECKSUMS_PATH), 'run: npx tsx data/demo/cli.ts --write-checksums').toBe(true);
    const committed = JSON.parse(readFileSync(CHECKSUMS_PATH, 'utf8')) as Checksums;
    const digest = boundariesDigest();
    expect(committed.boundaries_sha256, 'data/boundaries changed: run npx tsx data/demo/cli.ts --write-checksums').toBe(digest);
    expect(checksumsOf(data, digest)).toEqual(committed);
  });
});
