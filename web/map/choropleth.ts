import type {
  ExpressionSpecification,
  FilterSpecification,
  GeoJSONSource,
  Map as MlMap,
  MapGeoJSONFeature,
  MapMouseEvent,
} from 'maplibre-gl';
import { LABEL_FONT, LAYER, SOURCE } from './style.ts';

/**
 * Thematic layers for the leaders' dashboard, drawn on the controller's map: a choropleth of regions, the
 * 党建网格 coloured by 党工共建 status, and parks / business districts. The choropleth colours the polygons the
 * controller already holds (SOURCE.regions, feature id = numeric region code) through feature-state, so a
 * metric change repaints without re-sending geometry.
 */
export type GridStatus = 'full' | 'partial' | 'none';

export interface ChoroplethInput {
  /** region code → class index into `colors` (regions not listed are not drawn) */
  classes: ReadonlyMap<string, number>;
  colors: readonly string[];
}

export interface GridFeatureInput {
  id: number;
  status: GridStatus;
  geometry: GeoJSON.Geometry;
}

export interface ZoneFeatureInput {
  id: number;
  kind: 'park' | 'business_district';
  /** already in the reader's language, e.g. "开发区产业园 62%" */
  label: string;
  geometry: GeoJSON.Geometry;
}

export interface ThematicLayers {
  setChoropleth(input: ChoroplethInput | null): void;
  /** outline one region (the one being shown or rotated to), or none */
  setHighlight(code: string | null): void;
  setGrids(features: readonly GridFeatureInput[] | null, colors: Record<GridStatus, string>): void;
  setZones(features: readonly ZoneFeatureInput[] | null): void;
  setVisible(layer: 'choropleth' | 'grids' | 'zones', visible: boolean): void;
  /** a click on a choropleth region; returns the unsubscribe function */
  onRegionClick(cb: (code: string) => void): () => void;
  /** a PNG data URL of the next frame, taken inside the render event while the drawing buffer is still whole */
  snapshot(): Promise<string>;
  /** resolves once no tiles or transitions are pending (map idle) */
  whenIdle(): Promise<void>;
  /** repaint the controller's base layers for a dark page (big screen) or back to the light default */
  setTheme(theme: 'light' | 'dark'): void;
}

const SRC = { grids: 'dash-grids', zones: 'dash-zones' } as const;
const L = {
  choroFill: 'dash-choro-fill',
  choroLine: 'dash-choro-line',
  gridFill: 'dash-grid-fill',
  gridLine: 'dash-grid-line',
  zoneFill: 'dash-zone-fill',
  zoneLine: 'dash-zone-line',
  zoneLabel: 'dash-zone-label',
  highlight: 'dash-highlight',
} as const;

/**
 * Paint values of the controller's base layers (web/map/style.ts) swapped for the dark theme: [layer, property,
 * light value, dark value]. The light values repeat style.ts so switching back restores the overview's look.
 */
type PaintArgs = Parameters<MlMap['setPaintProperty']>;
const BASE_THEME: readonly [string, PaintArgs[1], PaintArgs[2], PaintArgs[2]][] = [
  [LAYER.background, 'background-color', '#dde5ea', '#07111c'],
  [LAYER.countyFill, 'fill-opacity', 0.95, 0.25],
  [LAYER.countyLine, 'line-color', '#66737e', '#5d7590'],
  [LAYER.cityLine, 'line-color', '#3b4752', '#8fb3d9'],
  [LAYER.townLine, 'line-color', '#8d99a3', '#35506b'],
  [LAYER.countyLabel, 'text-color', '#27323b', '#f2f6fa'],
  [LAYER.countyLabel, 'text-halo-color', 'rgba(255,255,255,0.95)', 'rgba(7,17,28,0.9)'],
  [LAYER.townLabel, 'text-color', '#4b5863', '#c8d6e5'],
  [LAYER.townLabel, 'text-halo-color', 'rgba(255,255,255,0.9)', 'rgba(7,17,28,0.9)'],
];

const empty = { type: 'FeatureCollection' as const, features: [] };
const NONE_FILTER: FilterSpecification = ['==', ['get', 'code'], '__none__'];

export function createThematic(map: MlMap): ThematicLayers {
  // Under the controller's outlines and labels, over its neutral county tints.
  const before = LAYER.townLine;
  map.addSource(SRC.grids, { type: 'geojson', data: empty, attribution: '党建网格：示例数据 demo data' });
  map.addSource(SRC.zones, { type: 'geojson', data: empty });
  map.addLayer({
    id: L.choroFill,
    type: 'fill',
    source: SOURCE.regions,
    filter: NONE_FILTER,
    paint: { 'fill-color': 'rgba(0,0,0,0)', 'fill-opacity': 0.88 },
  }, before);
  map.addLayer({
    id: L.choroLine,
    type: 'line',
    source: SOURCE.regions,
    filter: NONE_FILTER,
    paint: { 'line-color': '#ffffff', 'line-width': 1, 'line-opacity': 0.9 },
  }, before);
  map.addLayer({
    id: L.gridFill,
    type: 'fill',
    source: SRC.grids,
    paint: { 'fill-color': '#999999', 'fill-opacity': 0.78 },
  }, before);
  map.addLayer({
    id: L.gridLine,
    type: 'line',
    source: SRC.grids,
    minzoom: 9,
    paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.2, 13, 1] },
  }, before);
  map.addLayer({
    id: L.zoneFill,
    type: 'fill',
    source: SRC.zones,
    paint: { 'fill-color': ['match', ['get', 'kind'], 'park', '#6a3d9a', '#c2185b'], 'fill-opacity': 0.25 },
  }, before);
  map.addLayer({
    id: L.zoneLine,
    type: 'line',
    source: SRC.zones,
    paint: { 'line-color': ['match', ['get', 'kind'], 'park', '#6a3d9a', '#c2185b'], 'line-width': 1.6 },
  }, before);
  map.addLayer({
    id: L.highlight,
    type: 'line',
    source: SOURCE.regions,
    filter: NONE_FILTER,
    layout: { 'line-join': 'round' },
    paint: { 'line-color': '#b3261e', 'line-width': 3.5 },
  });
  // Zone labels on top of everything: they carry the figure leaders read (建会率).
  map.addLayer({
    id: L.zoneLabel,
    type: 'symbol',
    source: SRC.zones,
    minzoom: 9,
    layout: {
      'text-field': ['get', 'label'],
      'text-font': LABEL_FONT,
      'text-size': 11,
      'text-max-width': 9,
      'text-padding': 3,
    },
    paint: { 'text-color': '#3b1f5c', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.4 },
  });

  const clickHandlers = new Set<(code: string) => void>();
  let choroCodes: string[] = [];

  const onClick = (e: MapMouseEvent) => {
    if (!clickHandlers.size || !map.getLayer(L.choroFill)) return;
    const hits: MapGeoJSONFeature[] = map.queryRenderedFeatures(e.point, { layers: [L.choroFill] });
    const code = hits[0]?.properties?.code as string | undefined;
    if (code) for (const cb of clickHandlers) cb(code);
  };
  map.on('click', onClick);
  const canvas = map.getCanvasContainer();
  map.on('mouseenter', L.choroFill, () => { if (clickHandlers.size) canvas.style.cursor = 'pointer'; });
  map.on('mouseleave', L.choroFill, () => { canvas.style.cursor = ''; });

  const source = (id: string) => map.getSource<GeoJSONSource>(id)!;

  return {
    setChoropleth(input) {
      for (const code of choroCodes) map.removeFeatureState({ source: SOURCE.regions, id: Number(code) });
      choroCodes = input ? [...input.classes.keys()] : [];
      if (!input || !choroCodes.length) {
        map.setFilter(L.choroFill, NONE_FILTER);
        map.setFilter(L.choroLine, NONE_FILTER);
        return;
      }
      for (const [code, cls] of input.classes) {
        map.setFeatureState({ source: SOURCE.regions, id: Number(code) }, { cls });
      }
      const filter: FilterSpecification = ['in', ['get', 'code'], ['literal', choroCodes]];
      map.setFilter(L.choroFill, filter);
      map.setFilter(L.choroLine, filter);
      const color = [
        'match', ['coalesce', ['feature-state', 'cls'], -1],
        ...input.colors.flatMap((c, i) => [i, c]),
        'rgba(0,0,0,0)',
      ] as unknown as ExpressionSpecification;
      map.setPaintProperty(L.choroFill, 'fill-color', color);
    },

    setHighlight(code) {
      map.setFilter(L.highlight, code ? ['==', ['get', 'code'], code] : NONE_FILTER);
    },

    setGrids(features, colors) {
      source(SRC.grids).setData({
        type: 'FeatureCollection',
        features: (features ?? []).map((f) => ({
          type: 'Feature' as const, id: f.id, geometry: f.geometry, properties: { status: f.status },
        })),
      });
      map.setPaintProperty(L.gridFill, 'fill-color', [
        'match', ['get', 'status'], 'full', colors.full, 'partial', colors.partial, colors.none,
      ] as unknown as ExpressionSpecification);
    },

    setZones(features) {
      source(SRC.zones).setData({
        type: 'FeatureCollection',
        features: (features ?? []).map((f) => ({
          type: 'Feature' as const, id: f.id, geometry: f.geometry, properties: { kind: f.kind, label: f.label },
        })),
      });
    },

    setVisible(layer, visible) {
      const ids = layer === 'choropleth' ? [L.choroFill, L.choroLine] : layer === 'grids' ? [L.gridFill, L.gridLine]
        : [L.zoneFill, L.zoneLine, L.zoneLabel];
      for (const id of ids) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
    },

    onRegionClick(cb) {
      clickHandlers.add(cb);
      return () => clickHandlers.delete(cb);
    },

    snapshot() {
      // Without preserveDrawingBuffer the buffer is cleared once the frame is composited; inside the render
      // event it still holds the frame just drawn, so toDataURL sees the map rather than a blank canvas.
      return new Promise((resolve) => {
        map.once('render', () => resolve(map.getCanvas().toDataURL('image/png')));
        map.triggerRepaint();
      });
    },

    setTheme(theme) {
      const dark = theme === 'dark';
      for (const [id, prop, light, darkValue] of BASE_THEME) {
        if (map.getLayer(id)) map.setPaintProperty(id, prop, dark ? darkValue : light);
      }
      map.setPaintProperty(L.choroLine, 'line-color', dark ? '#0b1622' : '#ffffff');
      map.setPaintProperty(L.highlight, 'line-color', dark ? '#ffb020' : '#b3261e');
    },

    whenIdle() {
      return new Promise((resolve) => {
        if (map.loaded() && !map.isMoving() && map.areTilesLoaded()) {
          // data just set is parsed in the worker; the next idle means it is drawn
          map.once('idle', () => resolve());
          map.triggerRepaint();
        } else map.once('idle', () => resolve());
      });
    },
  };
}
