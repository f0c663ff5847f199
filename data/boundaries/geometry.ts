// Plain-array geometry types and the few planar helpers the build and the tests share.
// Coordinates are always [lng, lat] in degrees; which datum (WGS84 or GCJ-02) is said by the caller's variable names.

export type Position = [number, number];
export type Ring = Position[];
export type Polygon = Ring[];
export type MultiPolygon = Polygon[];

export interface BBox {
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

/** Signed shoelace area in degree² (positive = counter-clockwise). Only for orientation and tiny-piece filtering. */
export function ringSignedAreaDeg2(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

export function bboxOfMultiPolygon(geom: MultiPolygon): BBox {
  const box: BBox = { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
  for (const polygon of geom) {
    for (const [lng, lat] of polygon[0]) {
      if (lng < box.minLng) box.minLng = lng;
      if (lng > box.maxLng) box.maxLng = lng;
      if (lat < box.minLat) box.minLat = lat;
      if (lat > box.maxLat) box.maxLat = lat;
    }
  }
  return box;
}

/** Even-odd ray casting over every ring, so holes count without knowing which ring is which. */
export function pointInRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInPolygon(lng: number, lat: number, polygon: Polygon): boolean {
  let inside = false;
  for (const ring of polygon) if (pointInRing(lng, lat, ring)) inside = !inside;
  return inside;
}

export function pointInMultiPolygon(lng: number, lat: number, geom: MultiPolygon): boolean {
  return geom.some((polygon) => pointInPolygon(lng, lat, polygon));
}

/** Distance from p to segment ab in a locally isotropic plane (x already scaled by cos(lat) by the caller). */
export function pointSegmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - ax) * dx + (py - ay) * dy) / len2;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const qx = ax + t * dx - px;
  const qy = ay + t * dy - py;
  return Math.sqrt(qx * qx + qy * qy);
}
