// Ellipsoidal area on WGS84.
// Method: project to the normal-aspect cylindrical equal-area projection of the ellipsoid (x = a·λ, y = a·q(φ)/2,
// Snyder, "Map Projections — A Working Manual", eq. 3-12 and 10-15) and take the planar shoelace area there. The
// projection is exactly area-preserving, so the only error is that a source edge is straight in the projection
// instead of a geodesic; for edges of ~0.001°–0.05° (our data) that difference is far below 0.01 %.

import type { MultiPolygon, Polygon, Ring } from './geometry.ts';

const WGS84_A_M = 6378137;
const WGS84_F = 1 / 298.257223563;
const E2 = WGS84_F * (2 - WGS84_F);
const E = Math.sqrt(E2);
const DEG = Math.PI / 180;

/** Snyder's q(φ): proportional to the ellipsoidal area between the equator and latitude φ. */
function authalicQ(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  return (1 - E2) * (s / (1 - E2 * s * s) - (1 / (2 * E)) * Math.log((1 - E * s) / (1 + E * s)));
}

export function ringAreaSquareMeters(ring: Ring): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const [lng1, lat1] = ring[i];
    const [lng2, lat2] = ring[(i + 1) % n];
    const x1 = WGS84_A_M * lng1 * DEG;
    const x2 = WGS84_A_M * lng2 * DEG;
    const y1 = (WGS84_A_M * authalicQ(lat1)) / 2;
    const y2 = (WGS84_A_M * authalicQ(lat2)) / 2;
    sum += x1 * y2 - x2 * y1;
  }
  return Math.abs(sum) / 2;
}

export function polygonAreaSquareMeters(polygon: Polygon): number {
  let area = ringAreaSquareMeters(polygon[0]);
  for (let i = 1; i < polygon.length; i++) area -= ringAreaSquareMeters(polygon[i]);
  return area;
}

export function multiPolygonAreaKm2(geom: MultiPolygon): number {
  let total = 0;
  for (const polygon of geom) total += polygonAreaSquareMeters(polygon);
  return total / 1e6;
}
