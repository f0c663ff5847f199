// Turning the quantised echarts county rings into a clean partition of the city.
// The source is snapped to 1/1024° (≈ 90–110 m), so neighbouring counties, traced independently, overlap in thin
// slivers, leave thin gaps, and some rings cross themselves. Steps, each deterministic (counties in code order):
//   1. repair: union each county with itself — polygon-clipping reads self-crossing rings by the non-zero rule and
//      returns valid, non-self-intersecting rings;
//   2. overlaps: a sliver claimed by two counties goes to the one with the lower code (later counties subtract the
//      union of earlier ones). The slivers are ~100 m wide, below the source resolution, so who gets them is noise;
//   3. gaps: city = union of counties with its interior rings dropped; every gap piece (city − counties) joins the
//      neighbour that shares the longest stretch of its boundary.

import polygonClipping from 'polygon-clipping';
import type { MultiPolygon, Position, Ring } from './geometry.ts';
import { pointSegmentDistance, ringSignedAreaDeg2 } from './geometry.ts';

/** Pieces smaller than this (deg², ≈ 1 m²) are arithmetic debris of the clipper, not territory. */
const DEBRIS_AREA_DEG2 = 1e-10;
/** A gap edge "touches" a county when its midpoint is this close to the county boundary (deg; far below 1/1024°). */
const TOUCH_TOLERANCE_DEG = 1e-7;

export interface CountyGeom {
  code: string;
  geom: MultiPolygon;
}

export function dropDebris(geom: MultiPolygon): MultiPolygon {
  return geom.filter((polygon) => Math.abs(ringSignedAreaDeg2(polygon[0])) > DEBRIS_AREA_DEG2);
}

export function repairPolygon(geom: MultiPolygon): MultiPolygon {
  return dropDebris(polygonClipping.union(geom));
}

export function removeOverlaps(counties: CountyGeom[]): CountyGeom[] {
  const sorted = [...counties].sort((a, b) => a.code.localeCompare(b.code));
  const out: CountyGeom[] = [];
  let claimed: MultiPolygon = [];
  for (const county of sorted) {
    const own = claimed.length === 0 ? county.geom : dropDebris(polygonClipping.difference(county.geom, claimed));
    out.push({ code: county.code, geom: own });
    claimed = claimed.length === 0 ? own : polygonClipping.union(claimed, own);
  }
  return out;
}

/** The city footprint: the union with interior rings removed (Yancheng contains no enclave of another unit). */
export function cityFromCounties(counties: CountyGeom[]): MultiPolygon {
  const union = polygonClipping.union([], ...counties.map((c) => c.geom));
  return union.map((polygon) => [polygon[0]]);
}

function edgesOf(geom: MultiPolygon): [Position, Position][] {
  const edges: [Position, Position][] = [];
  for (const polygon of geom)
    for (const ring of polygon) for (let i = 1; i < ring.length; i++) edges.push([ring[i - 1], ring[i]]);
  return edges;
}

/** Length (deg) of the parts of `ring` lying on the boundary of `geom` — the shared border of a gap and a county. */
function sharedBoundaryLength(ring: Ring, countyEdges: [Position, Position][]): number {
  let total = 0;
  for (let i = 1; i < ring.length; i++) {
    const [ax, ay] = ring[i - 1];
    const [bx, by] = ring[i];
    const mx = (ax + bx) / 2;
    const my = (ay + by) / 2;
    for (const [p, q] of countyEdges) {
      // cheap bbox reject before the exact distance
      if (mx < Math.min(p[0], q[0]) - TOUCH_TOLERANCE_DEG || mx > Math.max(p[0], q[0]) + TOUCH_TOLERANCE_DEG) continue;
      if (my < Math.min(p[1], q[1]) - TOUCH_TOLERANCE_DEG || my > Math.max(p[1], q[1]) + TOUCH_TOLERANCE_DEG) continue;
      if (pointSegmentDistance(mx, my, p[0], p[1], q[0], q[1]) < TOUCH_TOLERANCE_DEG) {
        total += Math.hypot(bx - ax, by - ay);
        break;
      }
    }
  }
  return total;
}

export interface GapReport {
  pieces: number;
  areaDeg2: number;
}

/** Fill every gap between neighbouring counties; returns the new counties and what was filled. */
export function fillGaps(counties: CountyGeom[], city: MultiPolygon): { counties: CountyGeom[]; report: GapReport } {
  const union = polygonClipping.union([], ...counties.map((c) => c.geom));
  const gaps = polygonClipping.difference(city, union);
  const edges = counties.map((c) => edgesOf(c.geom));
  const assigned = new Map<string, MultiPolygon>();
  let areaDeg2 = 0;
  for (const gap of gaps) {
    areaDeg2 += Math.abs(ringSignedAreaDeg2(gap[0]));
    let bestIndex = 0;
    let bestLength = -1;
    counties.forEach((_, i) => {
      const length = sharedBoundaryLength(gap[0], edges[i]);
      if (length > bestLength) {
        bestLength = length;
        bestIndex = i;
      }
    });
    const code = counties[bestIndex].code;
    const list = assigned.get(code) ?? [];
    list.push(gap);
    assigned.set(code, list);
  }
  const filled = counties.map((c) => {
    const extra = assigned.get(c.code);
    return extra ? { code: c.code, geom: dropDebris(polygonClipping.union(c.geom, extra)) } : c;
  });
  return { counties: filled, report: { pieces: gaps.length, areaDeg2 } };
}
