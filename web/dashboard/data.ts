import type { InferResponseType } from 'hono/client';
import { api, ok, type RegionCollection, type StatsSummary } from '../api-client.ts';
import type { FacilityType } from '../../api/facilities/types.ts';

/** The dashboard's API calls, through the typed client; response types come from the server's schemas. */
type ByRegionGet = (typeof api.api.stats)['by-region']['$get'];
type GridsGet = (typeof api.api.grids)['co-building']['$get'];
type ZonesGet = typeof api.api.zones.$get;

export type ByRegion = InferResponseType<ByRegionGet, 200>;
export type GridCollection = InferResponseType<GridsGet, 200>;
export type ZoneCollection = InferResponseType<ZonesGet, 200>;
export type Kpi = StatsSummary['kpis'][number];
export type { StatsSummary, RegionCollection };

/** The four choropleth metrics the issue names, in the order of the selector. */
export const METRICS = ['coverage', 'sites_per_10k_workers', 'grids_full_share', 'unionization_rate'] as const;
export type Metric = (typeof METRICS)[number];

export const CITY_CODE = '320900';

const init = (signal?: AbortSignal) => ({ init: { signal } });

export function getSummary(region: string, signal?: AbortSignal): Promise<StatsSummary> {
  return ok<StatsSummary>(api.api.stats.summary.$get({ query: { region } }, init(signal)));
}

export function getByRegion(
  level: 'county' | 'town',
  parent: string,
  metric: Metric | 'sites',
  signal?: AbortSignal,
): Promise<ByRegion> {
  return ok<ByRegion>(api.api.stats['by-region'].$get({ query: { level, parent, metric } }, init(signal)));
}

export function getGrids(region: string, signal?: AbortSignal): Promise<GridCollection> {
  return ok<GridCollection>(api.api.grids['co-building'].$get({ query: { region } }, init(signal)));
}

export function getZones(region: string, signal?: AbortSignal): Promise<ZoneCollection> {
  return ok<ZoneCollection>(api.api.zones.$get({ query: { region } }, init(signal)));
}

/** City outline, counties and towns with polygons, in one collection (the map filters by level). */
export async function getRegions(signal?: AbortSignal): Promise<RegionCollection> {
  const get = (level: 'city' | 'county' | 'town') =>
    ok<RegionCollection>(api.api.regions.$get({ query: { level, geometry: 'true' } }, init(signal)));
  const [city, counties, towns] = await Promise.all([get('city'), get('county'), get('town')]);
  const features = [...city.features, ...counties.features, ...towns.features];
  return { ...counties, features, numberReturned: features.length };
}

/**
 * Open sites per type in a region. The API has no count endpoint, so this pages through the open sites and
 * counts them here (≈ 1 MB for the whole city on demo data); cached per region by the caller.
 */
export async function getOpenSitesByType(region: string, signal?: AbortSignal): Promise<Map<FacilityType, number>> {
  const counts = new Map<FacilityType, number>();
  let cursor: string | undefined;
  for (let page = 0; page < 50; page++) {
    const query = { region, status: 'open', limit: '5000', ...(cursor ? { cursor } : {}) };
    const body = await ok<{ features: { properties: { type: FacilityType } }[]; next_cursor?: string | null }>(
      api.api.facilities.$get({ query }, init(signal)),
    );
    for (const f of body.features) counts.set(f.properties.type, (counts.get(f.properties.type) ?? 0) + 1);
    if (!body.next_cursor) return counts;
    cursor = body.next_cursor;
  }
  return counts;
}

/** Memoise by key; a failed call is forgotten so a retry asks again. */
export function cached<A extends unknown[], T>(fn: (...a: A) => Promise<T>, key: (...a: A) => string) {
  const memo = new Map<string, Promise<T>>();
  return (...a: A): Promise<T> => {
    const k = key(...a);
    let p = memo.get(k);
    if (!p) {
      p = fn(...a);
      memo.set(k, p);
      p.catch(() => memo.delete(k));
    }
    return p;
  };
}
