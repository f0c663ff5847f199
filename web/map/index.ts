import 'maplibre-gl/dist/maplibre-gl.css';
import './map.css';
import {
  AttributionControl,
  LngLatBounds,
  Map as MlMap,
  NavigationControl,
  Popup,
  ScaleControl,
  setWorkerUrl,
  type ErrorEvent,
  type FilterSpecification,
  type GeoJSONSource,
  type MapGeoJSONFeature,
  type MapMouseEvent,
} from 'maplibre-gl';
// MapLibre 6 finds its worker next to its own file, which a bundler does not emit: hand it the built worker.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import type { FacilityFeature, RegionCollection, RegionFeature } from '../api-client.ts';
import type { FacilityType } from '../../api/facilities/types.ts';
import { regionLabelZh, regionNameEn } from '../i18n/regions.ts';
import { basemapSources, type BasemapSetting } from './basemap.ts';
import { baseStyle, COUNTY_FILL_OPACITY, labelField, LAYER, SOURCE } from './style.ts';
import { createThematic, type ThematicLayers } from './choropleth.ts';
import { fitPoints, setUserLocation } from './rider.ts';

export { readBasemapSetting, saveBasemapSetting, BASEMAP_IDS } from './basemap.ts';
export type { BasemapId, BasemapSetting } from './basemap.ts';
export { LAYER, SOURCE } from './style.ts';
export type { ThematicLayers, GridStatus, GridFeatureInput, ZoneFeatureInput, ChoroplethInput } from './choropleth.ts';
export type { PlannerLayers, PlanFacility, PlanGapArea, PlanSite, PlanHit, HexCells, H3Res, SiteGroup } from './deck.ts';

setWorkerUrl(workerUrl);

/**
 * The one map controller (STYLE 12): every MapLibre call in the app is in web/map/. Views call these verbs
 * and never import maplibre-gl. Coordinates in and out are WGS84 [lng, lat], like the API's.
 */
export type MapLang = 'zh-CN' | 'en';
export type LngLat = [lng: number, lat: number];
type Bbox = [minLng: number, minLat: number, maxLng: number, maxLat: number];

export interface CreateMapOptions {
  lang: MapLang;
  basemap?: BasemapSetting;
  /** fitted before any data arrives */
  initialBounds?: Bbox;
}

export interface FitOptions {
  /** px kept clear on each side, e.g. where a panel covers the map */
  padding?: number | { top: number; right: number; bottom: number; left: number };
  animate?: boolean;
}

export interface MapController {
  setRegions(fc: RegionCollection): void;
  setFacilities(features: readonly FacilityFeature[]): void;
  /** show only these facility types (all when null) */
  setVisibleTypes(types: readonly FacilityType[] | null): void;
  fitRegion(code: string, opts?: FitOptions): boolean;
  onFacilityClick(cb: (f: FacilityFeature, at: LngLat) => void): () => void;
  showPopup(at: LngLat, content: HTMLElement, opts?: { facilityId?: number; onClose?: () => void }): void;
  closePopup(): void;
  setLanguage(lang: MapLang): void;
  setBasemap(s: BasemapSetting): void;
  resize(): void;
  /** the dashboard's choropleth, grid and zone layers (web/map/choropleth.ts), added on first use */
  thematic(): ThematicLayers;
  /** frame a few points, e.g. the rider and the nearest stations (web/map/rider.ts) */
  fitPoints(points: readonly LngLat[], opts?: { padding?: number; maxZoom?: number }): void;
  /** the rider's position as a dot; null hides it */
  setUserLocation(at: LngLat | null): void;
  /** the planner's deck.gl layers (web/map/deck.ts), loaded on first use so other views never fetch deck.gl */
  planner(): Promise<import('./deck.ts').PlannerLayers>;
  destroy(): void;
}

declare global {
  interface Window {
    /** The live map, exposed only to automated browsers (navigator.webdriver) for the browser test. */
    __map?: MlMap;
  }
}

/** 盐城市 roughly, so the first frame already shows the city before /api/regions answers. */
const YANCHENG_BOUNDS: Bbox = [119.45, 32.55, 120.95, 34.5];
/** Keep panning near Jiangsu: nothing of ours lies beyond, and a lost user can always find the city. */
const MAX_BOUNDS: Bbox = [115.5, 30.0, 124.5, 37.0];
/** A tap within this many px of a point selects it (fingers are wider than the 3–7 px circles). */
const HIT_TOLERANCE_PX = 8;

export async function createMap(container: HTMLElement, opts: CreateMapOptions): Promise<MapController> {
  const map = new MlMap({
    container,
    style: baseStyle(opts.lang),
    bounds: opts.initialBounds ?? YANCHENG_BOUNDS,
    fitBoundsOptions: { padding: 16 },
    maxBounds: MAX_BOUNDS,
    minZoom: 5,
    maxZoom: 17,
    attributionControl: false,
    // CJK drawn locally (also the default); kept explicit because it is what makes labels work offline.
    localIdeographFontFamily: "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    cancelPendingTileRequestsWhileZooming: true,
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new ScaleControl({ unit: 'metric', maxWidth: 100 }), 'bottom-right');
  map.addControl(new AttributionControl({ compact: true }), 'bottom-right');

  await new Promise<void>((resolve, reject) => {
    const onError = (e: ErrorEvent) => reject(e.error ?? new Error('map failed to load'));
    map.once('error', onError);
    map.once('load', () => {
      map.off('error', onError);
      resolve();
    });
  });
  // A compact attribution starts expanded; on a phone that covers a fifth of the map. The (i) button reopens it.
  if (container.clientWidth < 640) {
    container.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
  }
  if (navigator.webdriver) window.__map = map;
  return new Controller(map, opts);
}

class Controller implements MapController {
  private facilities = new Map<number, FacilityFeature>();
  private regions: RegionFeature[] = [];
  private clickHandlers = new Set<(f: FacilityFeature, at: LngLat) => void>();
  private popup: Popup | null = null;
  private popupClose: (() => void) | null = null;
  private basemapLayerIds: string[] = [];
  private visibleTypes: readonly FacilityType[] | null = null;
  /** the facility whose popup is open; -1 matches no feature */
  private selectedId = -1;
  private disposers: (() => void)[] = [];
  private thematicLayers: ThematicLayers | null = null;
  private plannerLayers: Promise<import('./deck.ts').PlannerLayers> | null = null;

  constructor(private readonly map: MlMap, opts: CreateMapOptions) {
    if (opts.basemap) this.setBasemap(opts.basemap);

    const onClick = (e: MapMouseEvent) => this.handleClick(e);
    map.on('click', onClick);
    this.disposers.push(() => map.off('click', onClick));

    const canvas = map.getCanvasContainer();
    const enter = () => { canvas.style.cursor = 'pointer'; };
    const leave = () => { canvas.style.cursor = ''; };
    map.on('mouseenter', LAYER.facilities, enter);
    map.on('mouseleave', LAYER.facilities, leave);
    this.disposers.push(() => { map.off('mouseenter', LAYER.facilities, enter); map.off('mouseleave', LAYER.facilities, leave); });

    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && this.popup) {
        this.closePopup();
        // give focus back to the map so keyboard panning continues where the user was
        map.getCanvas().focus();
      }
    };
    document.addEventListener('keydown', onKey);
    this.disposers.push(() => document.removeEventListener('keydown', onKey));
  }

  setRegions(fc: RegionCollection): void {
    this.regions = fc.features;
    // Stable tint per county from its order by code, so neighbours differ and a reload keeps the colours.
    const counties = fc.features.filter((f) => f.properties.level === 'county').map((f) => f.properties.code).sort();
    const polygons = fc.features
      .filter((f) => f.geometry)
      .map((f) => ({
        type: 'Feature' as const,
        id: Number(f.properties.code),
        geometry: f.geometry,
        properties: { code: f.properties.code, level: f.properties.level, tint: Math.max(0, counties.indexOf(f.properties.code)) },
      }));
    const labels = fc.features
      .filter((f) => f.properties.centroid && f.properties.level !== 'city')
      .map((f) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: f.properties.centroid as LngLat },
        properties: {
          code: f.properties.code,
          level: f.properties.level,
          name: regionLabelZh(f.properties.code, f.properties.name),
          name_en: regionNameEn(f.properties.code, f.properties.name, f.properties.pinyin),
        },
      }));
    this.source(SOURCE.regions).setData({ type: 'FeatureCollection', features: polygons } as Parameters<GeoJSONSource['setData']>[0]);
    this.source(SOURCE.regionLabels).setData({ type: 'FeatureCollection', features: labels });
  }

  setFacilities(features: readonly FacilityFeature[]): void {
    this.facilities = new Map(features.map((f) => [f.properties.id, f]));
    const data = features
      .filter((f) => f.geometry)
      .map((f) => ({
        type: 'Feature' as const,
        id: f.properties.id,
        geometry: f.geometry!,
        // only what the style reads; the popup gets the full record from this.facilities
        properties: { id: f.properties.id, type: f.properties.type, status: f.properties.status },
      }));
    this.source(SOURCE.facilities).setData({ type: 'FeatureCollection', features: data });
  }

  setVisibleTypes(types: readonly FacilityType[] | null): void {
    this.visibleTypes = types;
    this.applyFilters();
  }

  /** The type filter on both point layers, plus "this id" on the selection ring. */
  private applyFilters(): void {
    const byType = this.visibleTypes === null ? null : ['in', ['get', 'type'], ['literal', [...this.visibleTypes]]];
    this.map.setFilter(LAYER.facilities, (byType ?? null) as FilterSpecification | null);
    const selected = ['==', ['id'], this.selectedId];
    this.map.setFilter(LAYER.facilitySelected, (byType ? ['all', selected, byType] : selected) as FilterSpecification);
  }

  private select(id: number | null): void {
    this.selectedId = id ?? -1;
    this.applyFilters();
  }

  fitRegion(code: string, opts: FitOptions = {}): boolean {
    const bbox = this.regionBbox(code);
    if (!bbox) return false;
    this.map.fitBounds(new LngLatBounds([bbox[0], bbox[1]], [bbox[2], bbox[3]]), {
      padding: opts.padding ?? 24,
      duration: opts.animate ? 700 : 0,
    });
    return true;
  }

  /** A region's extent from its polygon, or from its children when it has none (e.g. 320971, a zone). */
  private regionBbox(code: string): Bbox | null {
    const own = this.regions.filter((f) => f.properties.code === code && f.geometry);
    const parts = own.length ? own : this.regions.filter((f) => f.properties.parent_code === code && f.geometry);
    if (!parts.length) return null;
    const b: Bbox = [Infinity, Infinity, -Infinity, -Infinity];
    for (const f of parts) extend(b, f.geometry!.coordinates);
    return Number.isFinite(b[0]) ? b : null;
  }

  onFacilityClick(cb: (f: FacilityFeature, at: LngLat) => void): () => void {
    this.clickHandlers.add(cb);
    return () => this.clickHandlers.delete(cb);
  }

  private handleClick(e: MapMouseEvent): void {
    if (!this.clickHandlers.size) return;
    const { x, y } = e.point;
    const t = HIT_TOLERANCE_PX;
    const hits: MapGeoJSONFeature[] = this.map.queryRenderedFeatures([[x - t, y - t], [x + t, y + t]], {
      layers: [LAYER.facilities],
    });
    let best: { f: FacilityFeature; d2: number } | null = null;
    for (const h of hits) {
      const f = this.facilities.get(Number(h.id));
      if (!f?.geometry) continue;
      const p = this.map.project(f.geometry.coordinates);
      const d2 = (p.x - x) ** 2 + (p.y - y) ** 2;
      if (!best || d2 < best.d2) best = { f, d2 };
    }
    if (!best) return;
    const at = best.f.geometry!.coordinates as LngLat;
    for (const cb of this.clickHandlers) cb(best.f, at);
  }

  showPopup(at: LngLat, content: HTMLElement, opts: { facilityId?: number; onClose?: () => void } = {}): void {
    this.closePopup();
    const popup = new Popup({
      closeButton: true,
      closeOnClick: true,
      closeOnMove: false,
      focusAfterOpen: true,
      maxWidth: 'min(340px, calc(100vw - 40px))',
      className: 'zgfw-popup',
      offset: 10,
    })
      .setLngLat(at)
      .setDOMContent(content);
    this.popup = popup;
    this.popupClose = opts.onClose ?? null;
    this.select(opts.facilityId ?? null);
    popup.on('close', () => {
      if (this.popup !== popup) return;
      this.popup = null;
      this.select(null);
      const cb = this.popupClose;
      this.popupClose = null;
      cb?.();
    });
    popup.addTo(this.map);
  }

  closePopup(): void {
    this.popup?.remove();
  }

  setLanguage(lang: MapLang): void {
    for (const id of [LAYER.countyLabel, LAYER.townLabel]) {
      this.map.setLayoutProperty(id, 'text-field', labelField(lang));
    }
  }

  setBasemap(s: BasemapSetting): void {
    for (const id of this.basemapLayerIds) {
      this.map.removeLayer(id);
      this.map.removeSource(id);
    }
    this.basemapLayerIds = [];
    basemapSources(s).forEach((src, i) => {
      const id = `${SOURCE.basemap}-${i}`;
      this.map.addSource(id, src);
      // under our county fills, which turn translucent so the basemap shows through
      this.map.addLayer({ id, type: 'raster', source: id, paint: { 'raster-opacity': 0.9 } }, LAYER.countyFill);
      this.basemapLayerIds.push(id);
    });
    this.map.setPaintProperty(
      LAYER.countyFill,
      'fill-opacity',
      this.basemapLayerIds.length ? COUNTY_FILL_OPACITY.withBasemap : COUNTY_FILL_OPACITY.offline,
    );
  }

  resize(): void {
    this.map.resize();
  }

  thematic(): ThematicLayers {
    return (this.thematicLayers ??= createThematic(this.map));
  }

  fitPoints(points: readonly LngLat[], opts?: { padding?: number; maxZoom?: number }): void {
    fitPoints(this.map, points, opts);
  }

  setUserLocation(at: LngLat | null): void {
    setUserLocation(this.map, at);
  }

  planner(): Promise<import('./deck.ts').PlannerLayers> {
    return (this.plannerLayers ??= import('./deck.ts').then((m) => {
      const layers = m.createPlannerLayers(this.map);
      this.disposers.push(() => layers.destroy());
      return layers;
    }));
  }

  destroy(): void {
    this.closePopup();
    for (const d of this.disposers) d();
    this.disposers = [];
    this.clickHandlers.clear();
    if (window.__map === this.map) delete window.__map;
    this.map.remove();
  }

  private source(id: string): GeoJSONSource {
    const s = this.map.getSource<GeoJSONSource>(id);
    if (!s) throw new Error(`map source ${id} missing`);
    return s;
  }
}

/** Grow a bbox over nested GeoJSON coordinate arrays of any depth. */
function extend(b: Bbox, coords: unknown): void {
  if (!Array.isArray(coords)) return;
  if (typeof coords[0] === 'number') {
    const [x, y] = coords as number[];
    if (x < b[0]) b[0] = x;
    if (y < b[1]) b[1] = y;
    if (x > b[2]) b[2] = x;
    if (y > b[3]) b[3] = y;
    return;
  }
  for (const c of coords) extend(b, c);
}
