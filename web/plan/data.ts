import type { InferResponseType } from 'hono/client';
import { RIDER_TYPES } from '../../api/facilities/types.ts';
import { api, ok, type FacilityCollection, type RegionCollection } from '../api-client.ts';

/** The planner's API calls through the typed client; every response type comes from the server's zod schemas. */

export type Coverage = InferResponseType<typeof api.api.coverage.$get, 200>;
export type Gaps = InferResponseType<typeof api.api.gaps.$get, 200>;
export type GapArea = Gaps['areas'][number];
export type Cells = InferResponseType<typeof api.api.coverage.cells.$get, 200>;
export type Capacity = InferResponseType<typeof api.api.coverage.capacity.$get, 200>;
export type JobStatus = InferResponseType<(typeof api.api.plans.jobs)[':id']['$get'], 200>;
export type SuggestResult = NonNullable<JobStatus['result']>;
export type SelectedSite = SuggestResult['selected_sites'][number];
export type ScenarioList = InferResponseType<typeof api.api.scenarios.$get, 200>;
export type ScenarioSummary = ScenarioList['scenarios'][number];
export type Scenario = InferResponseType<(typeof api.api.scenarios)[':id']['$get'], 200>;
export type ScenarioCoverage = InferResponseType<(typeof api.api.scenarios)[':id']['coverage']['$get'], 200>;
export type ScenarioCompare = InferResponseType<typeof api.api.scenarios.compare.$get, 200>;
export type Weight = Coverage['weight'];

export const WEIGHTS: readonly Weight[] = ['residents', 'workers', 'new_form_workers', 'riders'];
/** The API's default coverage types (职工之家 + 工会驿站); the planner keeps them. */
export const COVERAGE_TYPES = RIDER_TYPES;
export const CITY_CODE = '320900';

export interface Params {
  region: string;
  weight: Weight;
  radius_m: number;
  /** null = any time (any open site) */
  hour: number | null;
}

function query(p: Params) {
  return {
    region: p.region,
    weight: p.weight,
    radius_m: String(p.radius_m),
    ...(p.hour === null ? {} : { hour: String(p.hour) }),
  };
}

const init = (signal?: AbortSignal) => ({ init: { signal } });

export const loadCoverage = (p: Params, signal: AbortSignal) =>
  ok<Coverage>(api.api.coverage.$get({ query: query(p) }, init(signal)));

export const loadGaps = (p: Params, signal: AbortSignal) =>
  ok<Gaps>(api.api.gaps.$get({ query: { ...query(p), limit: '20' } }, init(signal)));

export const loadCells = (p: Params, res: 7 | 8 | 9, signal: AbortSignal) =>
  ok<Cells>(api.api.coverage.cells.$get({ query: { ...query(p), res: String(res) as '7' | '8' | '9' } }, init(signal)));

export const loadCapacity = (p: Params, signal: AbortSignal) =>
  ok<Capacity>(api.api.coverage.capacity.$get({ query: query(p) }, init(signal)));

/** City outline, counties and towns with polygons (the basemap and the region select). */
export async function loadRegions(signal: AbortSignal): Promise<RegionCollection> {
  const get = (level: 'city' | 'county' | 'town') =>
    ok<RegionCollection>(api.api.regions.$get({ query: { level, geometry: 'true' } }, init(signal)));
  const [city, counties, towns] = await Promise.all([get('city'), get('county'), get('town')]);
  const features = [...city.features, ...counties.features, ...towns.features];
  return { ...counties, features, numberReturned: features.length };
}

/** Every 职工之家 and 工会驿站 (≈ 600 on demo data: one page). */
export async function loadFacilities(signal: AbortSignal): Promise<FacilityCollection['features']> {
  const all: FacilityCollection['features'] = [];
  let cursor: string | undefined;
  for (let page = 0; page < 20; page++) {
    const q = { type: COVERAGE_TYPES.join(','), limit: '5000', ...(cursor ? { cursor } : {}) };
    const body = await ok<FacilityCollection & { next_cursor?: string | null }>(api.api.facilities.$get({ query: q }, init(signal)));
    all.push(...body.features);
    if (!body.next_cursor) return all;
    cursor = body.next_cursor;
  }
  return all;
}

export async function startSuggestion(p: Params, k: number): Promise<string> {
  const body = {
    k,
    radius_m: p.radius_m,
    region: p.region,
    weight: p.weight,
    keep_existing: true,
    ...(p.hour === null ? {} : { hour: p.hour }),
  };
  const r = await ok<{ job_id: string }>(api.api.plans.jobs.$post({ json: body }));
  return r.job_id;
}

export const jobStatus = (id: string, signal?: AbortSignal) =>
  ok<JobStatus>(api.api.plans.jobs[':id'].$get({ param: { id } }, init(signal)));

export const cancelJob = (id: string) => ok<JobStatus>(api.api.plans.jobs[':id'].$delete({ param: { id } }));

export interface NewSite {
  lng: number;
  lat: number;
  name?: string;
  candidate_id?: string;
}

export const saveScenario = (p: Params, name: string, sites: readonly NewSite[], description?: string) =>
  ok<{ id: number; version: number }>(
    api.api.scenarios.$post({
      json: {
        name,
        ...(description ? { description } : {}),
        radius_m: p.radius_m,
        hour: p.hour,
        weight: p.weight,
        region: p.region,
        types: [...COVERAGE_TYPES],
        sites: sites.map((s) => ({ lng: s.lng, lat: s.lat, ...(s.name ? { name: s.name } : {}), ...(s.candidate_id ? { candidate_id: s.candidate_id } : {}) })),
      },
    }),
  );

export const listScenarios = (signal?: AbortSignal) => ok<ScenarioList>(api.api.scenarios.$get({}, init(signal)));

export const getScenario = (id: number, signal?: AbortSignal) =>
  ok<Scenario>(api.api.scenarios[':id'].$get({ param: { id: String(id) } }, init(signal)));

export const deleteScenario = (id: number) => ok<unknown>(api.api.scenarios[':id'].$delete({ param: { id: String(id) }, query: {} }));

export const scenarioCoverage = (id: number, signal?: AbortSignal) =>
  ok<ScenarioCoverage>(api.api.scenarios[':id'].coverage.$get({ param: { id: String(id) } }, init(signal)));

export const compareScenarios = (a: number, b: number, signal?: AbortSignal) =>
  ok<ScenarioCompare>(api.api.scenarios.compare.$get({ query: { a: String(a), b: String(b) } }, init(signal)));
