// Approximate town polygons: Voronoi cells of deterministic seed points, clipped to the county.
// No open source publishes township boundaries or seats for Yancheng, so seeds are synthetic:
//   - 街道 (urban sub-districts) on a Vogel spiral around the county seat — they are small and urban in reality;
//   - 乡镇 start at PRNG-chosen points inside the county and move by Lloyd relaxation (discrete, on a ~450 m sample
//     grid), so rural towns end up with similar areas, as real ones roughly do;
//   - explicitly placed seeds (the 开发区 towns) stay where they are put.
// Distances use a local equirectangular plane (x = lng·cos φ0): in degrees a cell would be ~20 % too tall here.

import { Delaunay } from 'd3-delaunay';
import polygonClipping from 'polygon-clipping';
import type { MultiPolygon, Position } from './geometry.ts';
import { bboxOfMultiPolygon, pointInMultiPolygon } from './geometry.ts';
import { mulberry32, seedFromString } from './prng.ts';
import { dropDebris } from './repair.ts';

const SAMPLE_STEP_LAT_DEG = 0.004;
const LLOYD_ITERATIONS = 40;
/** Spacing of the 街道 spiral: urban sub-districts of Yancheng's county seats are a few km across. */
const STREET_SPACING_KM = 2.2;
const KM_PER_DEG_LAT = 111.2;

export type SeedKind = 'street' | 'town' | 'fixed';

export interface SeedSpec {
  code: string;
  kind: SeedKind;
  /** Required for kind 'fixed'. */
  at?: Position;
}

export interface TownCell {
  code: string;
  seed: Position;
  geom: MultiPolygon;
}

function samplePoints(county: MultiPolygon, cosLat: number): Position[] {
  const box = bboxOfMultiPolygon(county);
  const stepLng = SAMPLE_STEP_LAT_DEG / cosLat;
  const points: Position[] = [];
  // Offsets by half a step keep sample points off the 1/1024° source vertices and edges.
  for (let lat = box.minLat + SAMPLE_STEP_LAT_DEG / 2; lat < box.maxLat; lat += SAMPLE_STEP_LAT_DEG)
    for (let lng = box.minLng + stepLng / 2; lng < box.maxLng; lng += stepLng)
      if (pointInMultiPolygon(lng, lat, county)) points.push([lng, lat]);
  return points;
}

function distance2(a: Position, b: Position, cosLat: number): number {
  const dx = (a[0] - b[0]) * cosLat;
  const dy = a[1] - b[1];
  return dx * dx + dy * dy;
}

/** Nearest unused sample point: snaps a seed that fell outside the county (or onto another seed) back inside. */
function nearestFree(target: Position, samples: Position[], used: Set<number>, cosLat: number): number {
  let best = -1;
  let bestD = Infinity;
  samples.forEach((s, i) => {
    if (used.has(i)) return;
    const d = distance2(s, target, cosLat);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  if (best < 0) throw new Error('county too small for its number of towns');
  return best;
}

export function placeSeeds(countyCode: string, county: MultiPolygon, seat: Position, specs: SeedSpec[]): Map<string, Position> {
  const box = bboxOfMultiPolygon(county);
  const cosLat = Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180);
  const samples = samplePoints(county, cosLat);
  const used = new Set<number>();
  const seeds = new Map<string, Position>();
  const movable: string[] = [];
  const claim = (code: string, target: Position) => {
    const inside = pointInMultiPolygon(target[0], target[1], county);
    if (inside && ![...seeds.values()].some((p) => p[0] === target[0] && p[1] === target[1])) {
      seeds.set(code, target);
      return;
    }
    const i = nearestFree(target, samples, used, cosLat);
    used.add(i);
    seeds.set(code, samples[i]);
  };
  for (const spec of specs.filter((s) => s.kind === 'fixed')) {
    if (!spec.at) throw new Error(`fixed seed ${spec.code} without position`);
    claim(spec.code, spec.at);
  }
  const golden = Math.PI * (3 - Math.sqrt(5));
  specs
    .filter((s) => s.kind === 'street')
    .forEach((spec, j) => {
      const rKm = STREET_SPACING_KM * Math.sqrt(j + 0.5);
      const angle = j * golden;
      claim(spec.code, [
        seat[0] + (rKm * Math.cos(angle)) / (KM_PER_DEG_LAT * cosLat),
        seat[1] + (rKm * Math.sin(angle)) / KM_PER_DEG_LAT,
      ]);
    });
  const rng = mulberry32(seedFromString(countyCode));
  for (const spec of specs.filter((s) => s.kind === 'town')) {
    let i = Math.floor(rng() * samples.length);
    while (used.has(i)) i = (i + 1) % samples.length;
    used.add(i);
    seeds.set(spec.code, samples[i]);
    movable.push(spec.code);
  }
  // Discrete Lloyd: move each free seed to the centroid of the sample points nearest to it.
  const codes = [...seeds.keys()];
  for (let iter = 0; iter < LLOYD_ITERATIONS; iter++) {
    const sumLng = new Map<string, number>();
    const sumLat = new Map<string, number>();
    const count = new Map<string, number>();
    for (const s of samples) {
      let bestCode = codes[0];
      let bestD = Infinity;
      for (const code of codes) {
        const d = distance2(s, seeds.get(code)!, cosLat);
        if (d < bestD) {
          bestD = d;
          bestCode = code;
        }
      }
      sumLng.set(bestCode, (sumLng.get(bestCode) ?? 0) + s[0]);
      sumLat.set(bestCode, (sumLat.get(bestCode) ?? 0) + s[1]);
      count.set(bestCode, (count.get(bestCode) ?? 0) + 1);
    }
    for (const code of movable) {
      const n = count.get(code) ?? 0;
      if (n === 0) continue;
      const centroid: Position = [sumLng.get(code)! / n, sumLat.get(code)! / n];
      // A centroid can fall outside a concave county (a bay, an estuary): keep the seed inside.
      if (pointInMultiPolygon(centroid[0], centroid[1], county)) seeds.set(code, centroid);
    }
  }
  return seeds;
}

/** Voronoi cells of the seeds, each intersected with the county: together they tile it exactly. */
export function clipVoronoi(county: MultiPolygon, seeds: Map<string, Position>): TownCell[] {
  const box = bboxOfMultiPolygon(county);
  const cosLat = Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180);
  const codes = [...seeds.keys()].sort();
  const points = codes.map((c) => [seeds.get(c)![0] * cosLat, seeds.get(c)![1]] as [number, number]);
  const margin = 0.1;
  const voronoi = Delaunay.from(points).voronoi([
    box.minLng * cosLat - margin,
    box.minLat - margin,
    box.maxLng * cosLat + margin,
    box.maxLat + margin,
  ]);
  return codes.map((code, i) => {
    const cell = voronoi.cellPolygon(i);
    if (!cell) throw new Error(`no Voronoi cell for ${code}`);
    const ring = cell.map(([x, y]) => [x / cosLat, y] as Position);
    return { code, seed: seeds.get(code)!, geom: dropDebris(polygonClipping.intersection(county, [ring])) };
  });
}
