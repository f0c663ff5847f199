import { api, ok, type FacilityFeature, type RegionCollection } from '../api-client.ts';
import type { Lang } from '../i18n/index.ts';
import { createMap, readBasemapSetting, type LngLat, type MapController } from '../map/index.ts';
import type { NearbyFeature, Place } from './data.ts';

/**
 * The map on demand. This module is the only way the rider view reaches web/map/ (and so MapLibre, ≈ 450 KB
 * gzipped with its worker): index.ts imports it dynamically when the rider taps 地图, never before.
 */
export interface RiderMap {
  show(features: readonly NearbyFeature[], place: Place): void;
  setLanguage(lang: Lang): void;
  resize(): void;
  destroy(): void;
}

/** The facilities layer only needs id, type and an open/closed look; closed stations are drawn receding. */
function asFacility(f: NearbyFeature): FacilityFeature {
  const p = f.properties;
  return {
    type: 'Feature',
    id: p.id,
    geometry: f.geometry,
    properties: { id: p.id, type: p.type, status: p.open_now ? 'open' : 'closed' },
  } as unknown as FacilityFeature;
}

export async function openRiderMap(
  container: HTMLElement,
  lang: Lang,
  onSelect: (facilityId: number) => void,
): Promise<RiderMap> {
  const map: MapController = await createMap(container, { lang, basemap: readBasemapSetting() });
  map.onFacilityClick((f) => onSelect(f.properties.id));
  // County and town outlines give the points a sense of place on the offline style; the list does not wait.
  const get = (level: 'county' | 'town') =>
    ok<RegionCollection>(api.api.regions.$get({ query: { level, geometry: 'true' } }));
  void Promise.all([get('county'), get('town')])
    .then(([c, t]) => map.setRegions({ ...c, features: [...c.features, ...t.features], numberReturned: c.features.length + t.features.length }))
    .catch((err: unknown) => console.warn('rider map: regions not loaded', err));
  return {
    show(features, place) {
      map.setFacilities(features.map(asFacility));
      const at: LngLat = [place.lng, place.lat];
      map.setUserLocation(at);
      map.fitPoints([at, ...features.map((f) => f.geometry.coordinates as LngLat)], { padding: 36 });
    },
    setLanguage: (l) => map.setLanguage(l),
    resize: () => map.resize(),
    destroy: () => map.destroy(),
  };
}
