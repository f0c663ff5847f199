import { api, ok, type FacilityFeature, type RegionCollection } from '../api-client.ts';

/** The API's page-size ceiling: ~3,500 demo sites arrive in one page, a real city's in a few. */
const PAGE_LIMIT = 5000;
/** Guard against a cursor that never ends (a server bug must not spin the browser forever). */
const MAX_PAGES = 100;

/** City outline, county polygons and town polygons in one collection (the map filters by `level`). */
export async function loadRegions(signal: AbortSignal): Promise<RegionCollection> {
  const get = (level: 'city' | 'county' | 'town') =>
    ok<RegionCollection>(api.api.regions.$get({ query: { level, geometry: 'true' } }, { init: { signal } }));
  const [city, counties, towns] = await Promise.all([get('city'), get('county'), get('town')]);
  const features = [...city.features, ...counties.features, ...towns.features];
  return { ...counties, features, numberReturned: features.length };
}

/** Every facility, following next_cursor to the last page. */
export async function loadAllFacilities(
  signal: AbortSignal,
  onProgress: (loaded: number) => void,
): Promise<FacilityFeature[]> {
  const all: FacilityFeature[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = cursor ? { limit: String(PAGE_LIMIT), cursor } : { limit: String(PAGE_LIMIT) };
    const body = await ok<{ features: FacilityFeature[]; next_cursor?: string | null }>(
      api.api.facilities.$get({ query }, { init: { signal } }),
    );
    all.push(...body.features);
    onProgress(all.length);
    if (!body.next_cursor) return all;
    cursor = body.next_cursor;
  }
  throw new Error(`facilities: more than ${MAX_PAGES} pages`);
}
