import { LngLatBounds, type GeoJSONSource, type Map as MlMap } from 'maplibre-gl';

/**
 * Map verbs for the rider view: fit a handful of points (the rider and the nearest stations) and show where the
 * rider is. WGS84 [lng, lat] in, like every other verb.
 */

const USER_SOURCE = 'rider-user';
const USER_HALO = 'rider-user-halo';
const USER_DOT = 'rider-user-dot';

/** Frame the points; a single point gets a street-level zoom rather than the maximum. */
export function fitPoints(
  map: MlMap,
  points: readonly (readonly [number, number])[],
  opts: { padding?: number; maxZoom?: number } = {},
): void {
  if (!points.length) return;
  const b = new LngLatBounds([points[0][0], points[0][1]], [points[0][0], points[0][1]]);
  for (const p of points) b.extend([p[0], p[1]]);
  map.fitBounds(b, { padding: opts.padding ?? 32, maxZoom: opts.maxZoom ?? 15, duration: 0 });
}

/** A blue dot with a halo at the rider's position (or the town centre they chose); null removes it. */
export function setUserLocation(map: MlMap, at: readonly [number, number] | null): void {
  const data = {
    type: 'FeatureCollection' as const,
    features: at ? [{ type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [at[0], at[1]] }, properties: {} }] : [],
  };
  const src = map.getSource<GeoJSONSource>(USER_SOURCE);
  if (src) {
    src.setData(data);
    return;
  }
  map.addSource(USER_SOURCE, { type: 'geojson', data });
  map.addLayer({
    id: USER_HALO,
    type: 'circle',
    source: USER_SOURCE,
    paint: { 'circle-radius': 14, 'circle-color': '#1a73e8', 'circle-opacity': 0.18 },
  });
  map.addLayer({
    id: USER_DOT,
    type: 'circle',
    source: USER_SOURCE,
    paint: { 'circle-radius': 6, 'circle-color': '#1a73e8', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 },
  });
}
