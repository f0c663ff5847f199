// Village / community points. No source has their coordinates, so each gets a deterministic, clearly approximate
// point inside its (itself approximate) town polygon:
//   - 社区 / 居委会 (urban communities) near the town's seed point, which stands for the town seat;
//   - 村 (villages) spread over the whole town by best-candidate sampling (Mitchell), so points do not clump.
// The PRNG is seeded from each village's own code; a point is accepted only if it is inside the town polygon
// *after* rounding to 6 decimals, because that is what the committed file and its tests see.

import type { MultiPolygon, Position } from './geometry.ts';
import { bboxOfMultiPolygon, pointInMultiPolygon } from './geometry.ts';
import { multiPolygonAreaKm2 } from './geodesy.ts';
import { round6 } from './output.ts';
import { mulberry32, seedFromString } from './prng.ts';

const CANDIDATES = 8;
const MAX_TRIES = 400;

export interface VillageInput {
  code: string;
  name: string;
}

function isCommunity(name: string): boolean {
  return name.includes('社区') || name.includes('居委会') || name.includes('居民委员会');
}

export function placeVillages(town: MultiPolygon, seed: Position, villages: VillageInput[]): Map<string, Position> {
  const box = bboxOfMultiPolygon(town);
  const cosLat = Math.cos((((box.minLat + box.maxLat) / 2) * Math.PI) / 180);
  // Communities cluster within a quarter of the town's equivalent radius of its seat.
  const radiusDeg = (0.25 * Math.sqrt(multiPolygonAreaKm2(town) / Math.PI)) / 111.2;
  const placed: Position[] = [];
  const result = new Map<string, Position>();
  for (const village of villages) {
    const rng = mulberry32(seedFromString(village.code));
    const community = isCommunity(village.name);
    let best: Position | null = null;
    let bestScore = -Infinity;
    for (let c = 0; c < CANDIDATES; c++) {
      for (let t = 0; t < MAX_TRIES; t++) {
        const p: Position = community
          ? [seed[0] + ((rng() * 2 - 1) * radiusDeg) / cosLat, seed[1] + (rng() * 2 - 1) * radiusDeg]
          : [box.minLng + rng() * (box.maxLng - box.minLng), box.minLat + rng() * (box.maxLat - box.minLat)];
        const q: Position = [round6(p[0]), round6(p[1])];
        if (!pointInMultiPolygon(q[0], q[1], town)) continue;
        let score = Infinity;
        for (const o of placed) score = Math.min(score, ((q[0] - o[0]) * cosLat) ** 2 + (q[1] - o[1]) ** 2);
        if (score > bestScore) {
          bestScore = score;
          best = q;
        }
        break;
      }
    }
    if (!best) {
      // A community whose disc misses a thin town: fall back to the seed, which is inside by construction.
      best = [round6(seed[0]), round6(seed[1])];
      if (!pointInMultiPolygon(best[0], best[1], town)) throw new Error(`cannot place village ${village.code}`);
    }
    placed.push(best);
    result.set(village.code, best);
  }
  return result;
}
