import type { PickingInfo } from '@deck.gl/core';
import { H3HexagonLayer } from '@deck.gl/geo-layers';
import { GeoJsonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { cellsToMultiPolygon } from 'h3-js';
import { MapLibreOverlay } from '@deck.gl/maplibre';
import type { Map as MlMap, MapMouseEvent } from 'maplibre-gl';
import { FACILITY_TYPE_LABELS, type FacilityType } from '../../api/facilities/types.ts';

/**
 * The planner's deck.gl layers over the MapLibre map: demand hexagons coloured by coverage, facility points
 * with their reach circles, gap areas, and planned sites. Overlaid mode (deck draws on its own canvas above
 * MapLibre's) so the base style keeps its own layer order and deck's picking stays independent of it.
 * Only web/map/ imports deck.gl; the planner view talks to this through PlannerLayers.
 */

export type LngLat = [lng: number, lat: number];
export type H3Res = 7 | 8 | 9;

/** Parallel arrays as /api/coverage/cells sends them; covered is 0/1 at res 9 and a share at res 7/8. */
export interface HexCells {
  res: number;
  h3: readonly string[];
  weight: readonly number[];
  covered: readonly number[];
}

export interface PlanFacility {
  id: number;
  type: FacilityType;
  name: string;
  lng: number;
  lat: number;
  /** counted in coverage for the current hour and types (gets a reach circle) */
  counted: boolean;
  overloaded?: boolean;
}

export interface PlanGapArea {
  id: number;
  h3: readonly string[];
  centroid: LngLat;
  weight: number;
}

/** suggested by the optimiser, placed by hand, or a saved scenario's sites shown as A or B */
export type SiteGroup = 'suggested' | 'manual' | 'a' | 'b';

export interface PlanSite {
  key: string;
  group: SiteGroup;
  lng: number;
  lat: number;
  /** drawn on the marker: the order the optimiser added it, or the hand-placed number */
  label: string;
  name?: string;
  added_weight?: number;
  /** reach drawn around it; defaults to the radius given to setSites */
  radius_m?: number;
}

/** What the pointer is over, for the view's tooltip text. */
export type PlanHit =
  | { kind: 'cell'; h3: string; res: number; weight: number; covered: number }
  | { kind: 'facility'; facility: PlanFacility }
  | { kind: 'gap'; area: PlanGapArea }
  | { kind: 'site'; site: PlanSite };

export interface PlannerLayers {
  /** the H3 resolution the current zoom wants (7 below zoom 9, 8 below 11, 9 above) */
  currentRes(): H3Res;
  /** called when zooming crosses a resolution threshold; returns the unsubscribe */
  onResChange(cb: (res: H3Res) => void): () => void;
  setCells(cells: HexCells | null): void;
  setFacilities(facilities: readonly PlanFacility[], radius_m: number): void;
  setGapAreas(areas: readonly PlanGapArea[], selectedId: number | null): void;
  /** sites and the radius of their reach circles */
  setSites(sites: readonly PlanSite[], radius_m: number): void;
  setTooltip(fn: ((hit: PlanHit) => string | null) | null): void;
  onGapClick(cb: (id: number) => void): () => void;
  /** while on, a click on the map reports its position instead of picking; crosshair cursor */
  setPlacing(cb: ((at: LngLat) => void) | null): void;
  flyTo(at: LngLat, zoom?: number): void;
  center(): LngLat;
  destroy(): void;
}

export const DECK_LAYER = {
  cells: 'plan-cells',
  reach: 'plan-reach',
  facilities: 'plan-facilities',
  gaps: 'plan-gaps',
  gapLabels: 'plan-gap-labels',
  siteReach: 'plan-site-reach',
  sites: 'plan-sites',
  siteLabels: 'plan-site-labels',
} as const;

declare global {
  interface Window {
    /** The planner's deck overlay, exposed only to automated browsers (navigator.webdriver) for picking in tests. */
    __deck?: MapLibreOverlay;
  }
}

type Rgba = [number, number, number, number];

/** Covered and uncovered ends of the hexagon ramp; magenta stays apart from the red/orange facility types. */
const COVERED: Rgba = [38, 150, 140, 0];
const UNCOVERED: Rgba = [197, 27, 125, 0];
const SITE_COLOR: Record<SiteGroup, Rgba> = {
  suggested: [255, 200, 0, 255],
  manual: [33, 113, 181, 255],
  a: [106, 61, 154, 255],
  b: [230, 97, 1, 255],
};
const GAP_LINE: Rgba = [64, 0, 75, 230];
const GAP_SELECTED: Rgba = [255, 214, 0, 70];
const GAP_FILL: Rgba = [64, 0, 75, 25];

/** Zoom thresholds from the issue: coarse cells while the whole city is in view (res 9 is ~200k cells). */
export function resForZoom(zoom: number): H3Res {
  return zoom < 9 ? 7 : zoom < 11 ? 8 : 9;
}

function hexToRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function createPlannerLayers(map: MlMap): PlannerLayers {
  let cells: HexCells | null = null;
  let cellIndex: Uint32Array = new Uint32Array(0);
  let maxWeight = 1;
  let facilities: readonly PlanFacility[] = [];
  let facilityRadius_m = 1000;
  let areas: readonly PlanGapArea[] = [];
  // one outline per gap area (its cells merged by h3-js), not an outline per cell: readable at city zoom
  let gapOutlines: { type: 'Feature'; geometry: { type: 'MultiPolygon'; coordinates: number[][][][] }; properties: { area: PlanGapArea } }[] = [];
  let selectedArea: number | null = null;
  let sites: readonly PlanSite[] = [];
  let siteRadius_m = 1000;
  let tooltip: ((hit: PlanHit) => string | null) | null = null;
  let placing: ((at: LngLat) => void) | null = null;
  const gapClick = new Set<(id: number) => void>();
  const resListeners = new Set<(res: H3Res) => void>();
  let res = resForZoom(map.getZoom());
  // a data version per layer, so deck recomputes attributes only for what changed
  const version = { cells: 0, facilities: 0, areas: 0, sites: 0 };

  const overlay = new MapLibreOverlay({
    interleaved: false,
    layers: [],
    getTooltip: (info: PickingInfo) => {
      if (!tooltip || !info.layer) return null;
      const hit = toHit(info);
      const text = hit ? tooltip(hit) : null;
      return text ? { text, className: 'plan-tooltip' } : null;
    },
    onHover: (info: PickingInfo) => {
      if (placing) return;
      const clickable = info.layer?.id === DECK_LAYER.gaps;
      map.getCanvasContainer().style.cursor = clickable ? 'pointer' : '';
    },
    onClick: (info: PickingInfo) => {
      if (placing) return;
      if (info.layer?.id === DECK_LAYER.gaps && info.object) {
        const area = (info.object as { properties: { area: PlanGapArea } }).properties.area;
        for (const cb of gapClick) cb(area.id);
      }
    },
  });
  map.addControl(overlay);
  if (navigator.webdriver) window.__deck = overlay;

  function toHit(info: PickingInfo): PlanHit | null {
    const id = info.layer?.id ?? '';
    if (id.startsWith(DECK_LAYER.cells) && cells && info.index >= 0) {
      const i = info.index;
      return { kind: 'cell', h3: cells.h3[i], res: cells.res, weight: cells.weight[i], covered: cells.covered[i] };
    }
    if (id === DECK_LAYER.facilities && info.object) return { kind: 'facility', facility: info.object as PlanFacility };
    if (id === DECK_LAYER.gaps && info.object) return { kind: 'gap', area: (info.object as { properties: { area: PlanGapArea } }).properties.area };
    if ((id === DECK_LAYER.sites || id === DECK_LAYER.siteReach) && info.object) return { kind: 'site', site: info.object as PlanSite };
    return null;
  }

  function render() {
    const counted = facilities.filter((f) => f.counted);
    const layers = [
      new H3HexagonLayer<number>({
        id: DECK_LAYER.cells,
        data: cellIndex,
        getHexagon: (i) => cells!.h3[i],
        getFillColor: (i) => {
          const share = cells!.covered[i];
          // weight → opacity on a square-root scale, so sparse countryside still shows but cores read darker
          const a = 40 + Math.round(170 * Math.sqrt(Math.min(1, cells!.weight[i] / maxWeight)));
          return [
            Math.round(UNCOVERED[0] + (COVERED[0] - UNCOVERED[0]) * share),
            Math.round(UNCOVERED[1] + (COVERED[1] - UNCOVERED[1]) * share),
            Math.round(UNCOVERED[2] + (COVERED[2] - UNCOVERED[2]) * share),
            a,
          ];
        },
        extruded: false,
        stroked: false,
        pickable: true,
        updateTriggers: { getHexagon: version.cells, getFillColor: version.cells },
      }),
      new ScatterplotLayer<PlanFacility>({
        id: DECK_LAYER.reach,
        data: counted,
        getPosition: (f) => [f.lng, f.lat],
        // metres on the ground: deck scales by the latitude's Mercator factor, ≈ the geodesic radius locally
        getRadius: facilityRadius_m,
        radiusUnits: 'meters',
        stroked: true,
        filled: true,
        getFillColor: [38, 150, 140, 28],
        getLineColor: (f) => (f.overloaded ? [200, 30, 30, 220] : [20, 110, 100, 160]),
        lineWidthUnits: 'pixels',
        getLineWidth: (f) => (f.overloaded ? 2 : 1),
        updateTriggers: { getRadius: facilityRadius_m, getLineColor: version.facilities, getLineWidth: version.facilities },
      }),
      new GeoJsonLayer<{ area: PlanGapArea }>({
        id: DECK_LAYER.gaps,
        data: gapOutlines,
        filled: true,
        stroked: true,
        getFillColor: (f) => (f.properties.area.id === selectedArea ? GAP_SELECTED : GAP_FILL),
        getLineColor: GAP_LINE,
        lineWidthUnits: 'pixels',
        getLineWidth: (f) => (f.properties.area.id === selectedArea ? 3 : 1.5),
        pickable: true,
        updateTriggers: { getFillColor: [version.areas, selectedArea], getLineWidth: [version.areas, selectedArea] },
      }),
      new ScatterplotLayer<PlanFacility>({
        id: DECK_LAYER.facilities,
        data: facilities,
        getPosition: (f) => [f.lng, f.lat],
        // metres with pixel bounds: dots shrink at city zoom where 600 sites would otherwise hide the hexagons
        getRadius: (f) => (f.counted ? 90 : 60),
        radiusUnits: 'meters',
        radiusMinPixels: 2,
        radiusMaxPixels: 6,
        stroked: true,
        getFillColor: (f) => (f.counted ? [...hexToRgb(FACILITY_TYPE_LABELS[f.type].color), 255] : [150, 150, 150, 200]),
        getLineColor: [255, 255, 255, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1,
        pickable: true,
        updateTriggers: { getFillColor: version.facilities, getRadius: version.facilities },
      }),
      new ScatterplotLayer<PlanSite>({
        id: DECK_LAYER.siteReach,
        data: sites,
        getPosition: (s) => [s.lng, s.lat],
        getRadius: (s) => s.radius_m ?? siteRadius_m,
        radiusUnits: 'meters',
        stroked: true,
        filled: true,
        getFillColor: (s) => [...SITE_COLOR[s.group].slice(0, 3), 40] as Rgba,
        getLineColor: (s) => SITE_COLOR[s.group],
        lineWidthUnits: 'pixels',
        getLineWidth: 2,
        updateTriggers: { getRadius: [siteRadius_m, version.sites], getFillColor: version.sites, getLineColor: version.sites },
      }),
      new ScatterplotLayer<PlanSite>({
        id: DECK_LAYER.sites,
        data: sites,
        getPosition: (s) => [s.lng, s.lat],
        // A larger than B: a site both scenarios share shows as B's dot inside A's ring, not one hiding the other
        getRadius: (s) => (s.group === 'a' ? 13 : 9),
        radiusUnits: 'pixels',
        stroked: true,
        getFillColor: (s) => SITE_COLOR[s.group],
        getLineColor: [30, 30, 30, 255],
        lineWidthUnits: 'pixels',
        getLineWidth: 1.5,
        pickable: true,
        updateTriggers: { getFillColor: version.sites },
      }),
      new TextLayer<PlanSite>({
        id: DECK_LAYER.siteLabels,
        data: sites,
        getPosition: (s) => [s.lng, s.lat],
        getText: (s) => s.label,
        getSize: 11,
        getColor: (s) => (s.group === 'suggested' ? [30, 30, 30, 255] : [255, 255, 255, 255]),
        fontWeight: 700,
        fontFamily: 'system-ui, sans-serif',
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        updateTriggers: { getText: version.sites, getColor: version.sites },
      }),
      new TextLayer<PlanGapArea>({
        id: DECK_LAYER.gapLabels,
        data: areas,
        getPosition: (a) => a.centroid,
        getText: (a) => String(a.id),
        getSize: 12,
        getColor: [64, 0, 75, 255],
        fontWeight: 700,
        fontFamily: 'system-ui, sans-serif',
        outlineWidth: 3,
        outlineColor: [255, 255, 255, 230],
        fontSettings: { sdf: true },
        getTextAnchor: 'middle',
        getAlignmentBaseline: 'center',
        updateTriggers: { getText: version.areas },
      }),
    ];
    overlay.setProps({ layers });
  }

  const onZoom = () => {
    const next = resForZoom(map.getZoom());
    if (next === res) return;
    res = next;
    for (const cb of resListeners) cb(res);
  };
  map.on('zoomend', onZoom);

  const onClick = (e: MapMouseEvent) => {
    if (placing) placing([e.lngLat.lng, e.lngLat.lat]);
  };
  map.on('click', onClick);

  render();

  return {
    currentRes: () => res,
    onResChange(cb) {
      resListeners.add(cb);
      return () => resListeners.delete(cb);
    },
    setCells(next) {
      cells = next;
      cellIndex = Uint32Array.from({ length: next?.h3.length ?? 0 }, (_, i) => i);
      // the 98th percentile, not the max: one dense urban cell must not wash out every other cell
      const sorted = next ? [...next.weight].sort((a, b) => a - b) : [];
      maxWeight = Math.max(1, sorted[Math.floor(sorted.length * 0.98)] ?? 1);
      version.cells++;
      render();
    },
    setFacilities(next, radius_m) {
      facilities = next;
      facilityRadius_m = radius_m;
      version.facilities++;
      render();
    },
    setGapAreas(next, selectedId) {
      if (next !== areas) {
        version.areas++;
        gapOutlines = next.map((area) => ({
          type: 'Feature',
          geometry: { type: 'MultiPolygon', coordinates: cellsToMultiPolygon([...area.h3], true) },
          properties: { area },
        }));
      }
      areas = next;
      selectedArea = selectedId;
      render();
    },
    setSites(next, radius_m) {
      sites = next;
      siteRadius_m = radius_m;
      version.sites++;
      render();
    },
    setTooltip(fn) {
      tooltip = fn;
    },
    onGapClick(cb) {
      gapClick.add(cb);
      return () => gapClick.delete(cb);
    },
    setPlacing(cb) {
      placing = cb;
      map.getCanvasContainer().style.cursor = cb ? 'crosshair' : '';
    },
    flyTo(at, zoom = 13) {
      map.flyTo({ center: at, zoom: Math.max(zoom, map.getZoom()), duration: matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 900 });
    },
    center() {
      const c = map.getCenter();
      return [c.lng, c.lat];
    },
    destroy() {
      map.off('zoomend', onZoom);
      map.off('click', onClick);
      resListeners.clear();
      gapClick.clear();
      if (window.__deck === overlay) delete window.__deck;
      map.removeControl(overlay);
    },
  };
}
