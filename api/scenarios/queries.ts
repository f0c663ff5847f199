import type { z } from '@hono/zod-openapi';
import type { Db, Queryable } from '../db/index.ts';
import { ApiError, badParam, notFound } from '../errors.ts';
import { CITY_CODE, DEFAULT_COVERAGE_TYPES, type CoverageWeight } from '../coverage/pairs.ts';
import { coverageSummary, isDemo, resolveCoverageParams, withoutJit } from '../coverage/queries.ts';
import type { FacilityType } from '../facilities/types.ts';
import { resolveRegion } from '../regions/queries.ts';
import type { Scenario, ScenarioCoverage, ScenarioInput, ScenarioSummary } from '../scenarios/schema.ts';

type Input = z.infer<typeof ScenarioInput>;
type Summary = z.infer<typeof ScenarioSummary>;

const SUMMARY = `
  select s.id, s.name, s.description, s.radius_m, s.hour, s.weight, s.region_code as region, s.types,
         (select count(*) from scenario_sites x where x.scenario_id = s.id)::int as site_count, s.version,
         to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as created_at,
         to_char(s.updated_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as updated_at
    from live_scenarios s`;

export async function createScenario(db: Db, p: Input): Promise<{ id: number; version: number }> {
  const region = p.region ?? CITY_CODE;
  // 404 / 400 before anything is written
  const r = await resolveRegion(db, region);
  if (r.level === 'village') {
    throw badParam('region', '方案区域最细到乡镇（街道）', 'a scenario region is a city, county or town', { param: 'region', code: region });
  }
  return db.tx(async (tx) => {
    const [row] = await tx.query<{ id: number; version: number }>(
      `insert into scenarios (name, description, radius_m, hour, weight, region_code, types)
       values ($1, $2, $3, $4, $5, $6, $7::text[]) returning id, version`,
      [p.name, p.description ?? '', p.radius_m, p.hour ?? null, p.weight, region, p.types ?? DEFAULT_COVERAGE_TYPES],
    );
    if (p.sites.length > 0) {
      await tx.query(
        `insert into scenario_sites (scenario_id, seq, site_ref, candidate_id, name, geom)
         select $1, s.seq - 1, s.ref, s.cand, coalesce(s.name, ''), ST_SetSRID(ST_MakePoint(s.lng, s.lat), 4326)
           from unnest($2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[])
                with ordinality as s (ref, cand, name, lng, lat, seq)`,
        [
          row.id,
          p.sites.map((s) => s.id ?? null),
          p.sites.map((s) => s.candidate_id ?? null),
          p.sites.map((s) => s.name ?? null),
          p.sites.map((s) => s.lng),
          p.sites.map((s) => s.lat),
        ],
      );
    }
    return row;
  });
}

export async function listScenarios(q: Queryable): Promise<Summary[]> {
  return q.query<Summary & Record<string, unknown>>(`${SUMMARY} order by s.id desc limit 1000`);
}

export async function getScenario(q: Queryable, id: number): Promise<z.infer<typeof Scenario>> {
  const [s] = await q.query<Summary & Record<string, unknown>>(`${SUMMARY} where s.id = $1`, [id]);
  if (!s) throw notFound(`方案 ${id}`, `Scenario ${id}`, { id });
  const sites = await q.query<{ id: string | null; lng: number; lat: number; name: string; candidate_id: string | null }>(
    `select site_ref as id, ST_X(geom) as lng, ST_Y(geom) as lat, name, candidate_id
       from scenario_sites where scenario_id = $1 order by seq`,
    [id],
  );
  return { ...s, sites };
}

/** Soft delete; with `version`, only if nobody changed it since (409 otherwise). */
export async function deleteScenario(q: Queryable, id: number, version?: number): Promise<{ id: number; version: number }> {
  const [row] = await q.query<{ id: number; version: number }>(
    `update scenarios set deleted_at = now(), updated_at = now(), version = version + 1
      where id = $1 and deleted_at is null and ($2::int is null or version = $2::int)
      returning id, version`,
    [id, version ?? null],
  );
  if (row) return row;
  const [cur] = await q.query<{ version: number }>('select version from live_scenarios where id = $1', [id]);
  if (!cur) throw notFound(`方案 ${id}`, `Scenario ${id}`, { id });
  throw new ApiError('conflict', `方案已被修改（当前版本 ${cur.version}）`, `Scenario was changed (current version ${cur.version})`, {
    id, version: cur.version,
  });
}

/** Coverage with the existing facilities (before) and with the scenario's sites added (after). */
export async function scenarioCoverage(q: Queryable, id: number): Promise<z.infer<typeof ScenarioCoverage>> {
  const s = await getScenario(q, id);
  const t0 = performance.now();
  const p = await resolveCoverageParams(q, {
    radius_m: s.radius_m, region: s.region, hour: s.hour ?? undefined, types: s.types as FacilityType[], weight: s.weight as CoverageWeight,
  });
  const demo = await isDemo(q);
  const before = await withoutJit(q, (x) => coverageSummary(x, p));
  const t1 = performance.now();
  const after = await withoutJit(q, (x) => coverageSummary(x, { ...p, sites: s.sites }));
  const t2 = performance.now();
  const { sites: _sites, ...scenario } = s;
  return {
    scenario,
    before: { ...before, demo, elapsed_ms: Math.round(t1 - t0) },
    after: { ...after, demo, elapsed_ms: Math.round(t2 - t1) },
    added: {
      covered: after.covered - before.covered,
      ratio: after.ratio === null || before.ratio === null ? null : after.ratio - before.ratio,
    },
  };
}

export async function compareScenarios(q: Queryable, a: number, b: number) {
  const ca = await scenarioCoverage(q, a);
  const cb = await scenarioCoverage(q, b);
  const rows = new Map<string, { code: string; name: string; before_a: number | null; after_a: number | null; before_b: number | null; after_b: number | null }>();
  const row = (code: string, name: string) => {
    let r = rows.get(code);
    if (!r) rows.set(code, (r = { code, name, before_a: null, after_a: null, before_b: null, after_b: null }));
    return r;
  };
  for (const c of ca.before.children) row(c.code, c.name).before_a = c.ratio;
  for (const c of ca.after.children) row(c.code, c.name).after_a = c.ratio;
  for (const c of cb.before.children) row(c.code, c.name).before_b = c.ratio;
  for (const c of cb.after.children) row(c.code, c.name).after_b = c.ratio;
  return { a: ca, b: cb, children: [...rows.values()].sort((x, y) => x.code.localeCompare(y.code)) };
}
