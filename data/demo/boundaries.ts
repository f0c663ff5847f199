// Reads the committed boundary slice (data/boundaries/, built by data/boundaries/*.ts) into plain arrays.
// The demo generator takes this as input so tests can also hand it a small fixture world.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsv } from './csv.ts';
import { type MultiPolygon, type Position, roundMultiPolygon, roundPosition } from './geo.ts';

export interface AreaUnit {
  code: string;
  name: string;
  level: 'city' | 'county' | 'town';
  parent_code: string | null;
  approximate: boolean;
  pinyin: string | null;
  /** Rounded to 6 decimals on load: every containment test in the generator runs on the emitted coordinates. */
  geom: MultiPolygon;
}

export interface VillagePoint {
  code: string;
  name: string;
  town_code: string;
  point: Position;
  pinyin: string | null;
}

export interface Boundaries {
  city: AreaUnit;
  counties: AreaUnit[];
  towns: AreaUnit[];
  villages: VillagePoint[];
}

export const DEFAULT_BOUNDARIES_DIR = fileURLToPath(new URL('../boundaries/', import.meta.url));

interface GeoJsonFeature {
  properties: Record<string, unknown>;
  geometry: { type: string; coordinates: unknown };
}

function toUnit(f: GeoJsonFeature, level: AreaUnit['level']): AreaUnit {
  const p = f.properties;
  const coords =
    f.geometry.type === 'MultiPolygon'
      ? (f.geometry.coordinates as MultiPolygon)
      : f.geometry.type === 'Polygon'
        ? [f.geometry.coordinates as MultiPolygon[number]]
        : null;
  if (!coords) throw new Error(`${String(p.code)}: geometry ${f.geometry.type} is not a (Multi)Polygon`);
  const geom = roundMultiPolygon(coords);
  if (geom.length === 0) throw new Error(`${String(p.code)}: empty geometry`);
  return {
    code: String(p.code),
    name: String(p.name),
    level,
    parent_code: p.parent_code === null || p.parent_code === undefined ? null : String(p.parent_code),
    approximate: p.approximate === true,
    pinyin: typeof p.pinyin === 'string' && p.pinyin !== '' ? p.pinyin : null,
    geom,
  };
}

function byCode<T extends { code: string }>(a: T, b: T): number {
  return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
}

function readFeatures(path: string): GeoJsonFeature[] {
  const json = JSON.parse(readFileSync(path, 'utf8')) as { type: string; features?: GeoJsonFeature[] };
  if (json.type === 'Feature') return [json as unknown as GeoJsonFeature];
  return json.features ?? [];
}

export function loadBoundaries(dir: string = DEFAULT_BOUNDARIES_DIR): Boundaries {
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  const cityFeatures = readFeatures(`${base}city.geojson`);
  if (cityFeatures.length !== 1) throw new Error(`city.geojson: expected 1 feature, got ${cityFeatures.length}`);
  const city = toUnit(cityFeatures[0], 'city');
  city.parent_code = null;
  const counties = readFeatures(`${base}counties.geojson`)
    .map((f) => toUnit(f, 'county'))
    .sort(byCode);
  const towns = readFeatures(`${base}towns.geojson`)
    .map((f) => toUnit(f, 'town'))
    .sort(byCode);
  const rows = parseCsv(readFileSync(`${base}villages.csv`, 'utf8'));
  const header = rows[0];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`villages.csv: missing column ${name}`);
    return i;
  };
  const [iCode, iName, iTown, iLng, iLat] = ['code', 'name', 'town_code', 'lng', 'lat'].map(col);
  const iPinyin = header.indexOf('pinyin');
  const villages: VillagePoint[] = rows
    .slice(1)
    .filter((r) => r.length >= header.length && r[iCode] !== '')
    .map((r) => ({
      code: r[iCode],
      name: r[iName],
      town_code: r[iTown],
      point: roundPosition([Number(r[iLng]), Number(r[iLat])]),
      pinyin: iPinyin >= 0 && r[iPinyin] !== '' ? r[iPinyin] : null,
    }))
    .sort(byCode);
  return { city, counties, towns, villages };
}

export const BOUNDARY_FILES = ['city.geojson', 'counties.geojson', 'towns.geojson', 'villages.csv'] as const;

/** SHA-256 over the four input files (name, NUL, bytes, NUL …), to tell "inputs changed" from "generator changed". */
export function boundariesDigest(dir: string = DEFAULT_BOUNDARIES_DIR): string {
  const base = dir.endsWith('/') ? dir : `${dir}/`;
  const hash = createHash('sha256');
  for (const name of BOUNDARY_FILES) {
    hash.update(`${name}\0`);
    hash.update(readFileSync(`${base}${name}`));
    hash.update('\0');
  }
  return hash.digest('hex');
}
