import type { RasterSourceSpecification } from 'maplibre-gl';

/**
 * Optional online basemap, OFF by default: the app must work with no internet, and with it off the page makes
 * no request to any other host.
 *
 * CRS: our coordinates are WGS84. OSM tiles are WGS84 (Web Mercator); Tianditu's `_w` tile sets are CGCS2000 in
 * Web Mercator, which is within a metre of WGS84 — both line up with our data. Amap/Tencent (GCJ-02) and Baidu
 * (BD-09) tiles are shifted by hundreds of metres and must not be offered here.
 */
export const BASEMAP_IDS = ['none', 'osm', 'tianditu'] as const;
export type BasemapId = (typeof BASEMAP_IDS)[number];

export interface BasemapSetting {
  id: BasemapId;
  /** Tianditu key ("tk"); required for tianditu */
  tk?: string;
}

const STORAGE_KEY = 'zgfw.basemap';
const isId = (v: unknown): v is BasemapId => typeof v === 'string' && (BASEMAP_IDS as readonly string[]).includes(v);

/** `?basemap=osm` (or `?basemap=tianditu&tk=…`) wins for this page; otherwise the stored choice; else none. */
export function readBasemapSetting(search: string = location.search): BasemapSetting {
  const q = new URLSearchParams(search);
  const fromUrl = q.get('basemap');
  if (isId(fromUrl)) return normalise({ id: fromUrl, tk: q.get('tk') ?? storedTk() });
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (raw) {
      const v = JSON.parse(raw) as Partial<BasemapSetting>;
      if (isId(v.id)) return normalise({ id: v.id, tk: typeof v.tk === 'string' ? v.tk : undefined });
    }
  } catch {
    // unreadable storage → default
  }
  return { id: 'none' };
}

export function saveBasemapSetting(s: BasemapSetting): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(normalise(s)));
  } catch {
    // not remembered
  }
}

function storedTk(): string | undefined {
  try {
    const v = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<BasemapSetting> | null;
    return typeof v?.tk === 'string' ? v.tk : undefined;
  } catch {
    return undefined;
  }
}

/** Tianditu without a key cannot load: treat as none rather than fire 403s. */
function normalise(s: BasemapSetting): BasemapSetting {
  const tk = s.tk?.trim() || undefined;
  if (s.id === 'tianditu' && !tk) return { id: 'none', tk };
  return { id: s.id, tk };
}

/** The raster source(s) for a setting, bottom first; empty for none. */
export function basemapSources(s: BasemapSetting): RasterSourceSpecification[] {
  if (s.id === 'osm') {
    return [{
      type: 'raster',
      tiles: ['https://tile.openstreetmap.org/{z}/{x}/{y}.png'],
      tileSize: 256,
      maxzoom: 19,
      attribution: '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a> contributors',
    }];
  }
  if (s.id === 'tianditu' && s.tk) {
    const tk = encodeURIComponent(s.tk);
    // vec_w: vector map, cva_w: Chinese annotation; "_w" = Web Mercator tiling of CGCS2000 coordinates.
    const wmts = (layer: string) =>
      [0, 1, 2, 3, 4, 5, 6, 7].map((n) =>
        `https://t${n}.tianditu.gov.cn/${layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=${layer}` +
        `&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=${tk}`);
    const attribution = '© <a href="https://www.tianditu.gov.cn/" target="_blank" rel="noopener">天地图 Tianditu</a>';
    return [
      { type: 'raster', tiles: wmts('vec'), tileSize: 256, maxzoom: 18, attribution },
      { type: 'raster', tiles: wmts('cva'), tileSize: 256, maxzoom: 18 },
    ];
  }
  return [];
}
