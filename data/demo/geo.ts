// Planar geometry helpers for the demo generator. Coordinates are [lng, lat] in WGS84 degrees, always.
// Everything here works on coordinates already rounded to COORD_DECIMALS, so a containment test made here gives the
// same answer PostGIS gives for the rows we emit (short of a point lying exactly on an edge).

import type { BBox, MultiPolygon, Polygon, Position, Ring } from '../boundaries/geometry.ts';

export type { BBox, MultiPolygon, Polygon, Position, Ring } from '../boundaries/geometry.ts';

/** Output precision: 6 decimals ≈ 0.1 m, finer than any source we have. */
export const COORD_DECIMALS = 6;
const SCALE = 10 ** COORD_DECIMALS;

export function roundCoord(x: number): number {
  return Math.round(x * SCALE) / SCALE;
}

export function roundPosition(p: Position): Position {
  return [roundCoord(p[0]), roundCoord(p[1])];
}

/** Metres per degree at latitude 33.4° N (centre of Yancheng), for small local offsets only. */
export const M_PER_DEG_LAT = 110_950;
export const M_PER_DEG_LNG = 111_320 * Math.cos((33.4 * Math.PI) / 180);

/** Move p by (east_m, north_m) on the local tangent plane. Good to a few centimetres within a few kilometres. */
export function offsetMetres(p: Position, east_m: number, north_m: number): Position {
  return [p[0] + east_m / M_PER_DEG_LNG, p[1] + north_m / M_PER_DEG_LAT];
}

/** Approximate ground distance in metres between two nearby points (equirectangular). */
export function distanceMetres(a: Position, b: Position): number {
  const dx = (a[0] - b[0]) * M_PER_DEG_LNG;
  const dy = (a[1] - b[1]) * M_PER_DEG_LAT;
  return Math.sqrt(dx * dx + dy * dy);
}

export function emptyBBox(): BBox {
  return { minLng: Infinity, minLat: Infinity, maxLng: -Infinity, maxLat: -Infinity };
}

export function extendBBox(box: BBox, p: Position): void {
  if (p[0] < box.minLng) box.minLng = p[0];
  if (p[0] > box.maxLng) box.maxLng = p[0];
  if (p[1] < box.minLat) box.minLat = p[1];
  if (p[1] > box.maxLat) box.maxLat = p[1];
}

export function bboxOf(geom: MultiPolygon): BBox {
  const box = emptyBBox();
  for (const poly of geom) for (const p of poly[0]) extendBBox(box, p);
  return box;
}

export function bboxContains(box: BBox, p: Position): boolean {
  return p[0] >= box.minLng && p[0] <= box.maxLng && p[1] >= box.minLat && p[1] <= box.maxLat;
}

export function bboxIntersects(a: BBox, b: BBox): boolean {
  return a.minLng <= b.maxLng && b.minLng <= a.maxLng && a.minLat <= b.maxLat && b.minLat <= a.maxLat;
}

/** Signed shoelace area in degree² (positive = counter-clockwise). */
export function ringSignedArea(ring: Ring): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  }
  return sum / 2;
}

/** Area in km² (outer rings minus holes), local planar approximation — for weights and sizes, not for reporting. */
export function areaKm2(geom: MultiPolygon): number {
  let deg2 = 0;
  for (const poly of geom) {
    poly.forEach((ring, k) => {
      const a = Math.abs(ringSignedArea(ring));
      deg2 += k === 0 ? a : -a;
    });
  }
  return (deg2 * M_PER_DEG_LNG * M_PER_DEG_LAT) / 1e6;
}

/** Even-odd ray casting over every ring of every polygon: holes count without knowing which ring is which. */
function crossingsOdd(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i][0];
    const yi = ring[i][1];
    const xj = ring[j][0];
    const yj = ring[j][1];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function pointInMultiPolygon(p: Position, geom: MultiPolygon): boolean {
  let inside = false;
  for (const poly of geom) for (const ring of poly) if (crossingsOdd(p[0], p[1], ring)) inside = !inside;
  return inside;
}

/**
 * A multipolygon prepared for many containment tests: its edges bucketed into horizontal bands, so a test only walks
 * the edges whose latitude span covers the point (town outlines have hundreds of vertices; demand has ~150k cells).
 */
export class PreparedArea {
  readonly bbox: BBox;
  private readonly bands: Float64Array[];
  private readonly bandCount: number;
  private readonly bandHeight: number;

  constructor(readonly geom: MultiPolygon) {
    this.bbox = bboxOf(geom);
    let edgeCount = 0;
    for (const poly of geom) for (const ring of poly) edgeCount += ring.length;
    this.bandCount = Math.max(1, Math.min(256, Math.ceil(edgeCount / 8)));
    this.bandHeight = (this.bbox.maxLat - this.bbox.minLat) / this.bandCount || 1;
    const lists: number[][] = Array.from({ length: this.bandCount }, () => []);
    for (const poly of geom) {
      for (const ring of poly) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [x1, y1] = ring[j];
          const [x2, y2] = ring[i];
          if (y1 === y2) continue; // horizontal edges never change the crossing parity
          const b0 = this.band(Math.min(y1, y2));
          const b1 = this.band(Math.max(y1, y2));
          for (let b = b0; b <= b1; b++) lists[b].push(x1, y1, x2, y2);
        }
      }
    }
    this.bands = lists.map((l) => Float64Array.from(l));
  }

  private band(lat: number): number {
    const b = Math.floor((lat - this.bbox.minLat) / this.bandHeight);
    return b < 0 ? 0 : b >= this.bandCount ? this.bandCount - 1 : b;
  }

  contains(p: Position): boolean {
    if (!bboxContains(this.bbox, p)) return false;
    const [lng, lat] = p;
    const edges = this.bands[this.band(lat)];
    let inside = false;
    for (let k = 0; k < edges.length; k += 4) {
      const x1 = edges[k];
      const y1 = edges[k + 1];
      const x2 = edges[k + 2];
      const y2 = edges[k + 3];
      if (y1 > lat !== y2 > lat && lng < ((x2 - x1) * (lat - y1)) / (y2 - y1) + x1) inside = !inside;
    }
    return inside;
  }

  /** Does any edge of this area come within the box? (false ⇒ the box is wholly inside or wholly outside) */
  edgesTouch(box: BBox): boolean {
    if (!bboxIntersects(this.bbox, box)) return false;
    const b0 = this.band(box.minLat);
    const b1 = this.band(box.maxLat);
    for (let b = b0; b <= b1; b++) {
      const edges = this.bands[b];
      for (let k = 0; k < edges.length; k += 4) {
        const minX = Math.min(edges[k], edges[k + 2]);
        const maxX = Math.max(edges[k], edges[k + 2]);
        const minY = Math.min(edges[k + 1], edges[k + 3]);
        const maxY = Math.max(edges[k + 1], edges[k + 3]);
        if (minX <= box.maxLng && maxX >= box.minLng && minY <= box.maxLat && maxY >= box.minLat) return true;
      }
    }
    return false;
  }
}

/** Area centroid of one ring (planar); falls back to the vertex mean for a degenerate ring. */
function ringCentroid(ring: Ring): Position {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f;
    cx += (ring[j][0] + ring[i][0]) * f;
    cy += (ring[j][1] + ring[i][1]) * f;
  }
  if (Math.abs(a) < 1e-15) {
    let sx = 0;
    let sy = 0;
    for (const p of ring) {
      sx += p[0];
      sy += p[1];
    }
    return [sx / ring.length, sy / ring.length];
  }
  return [cx / (3 * a), cy / (3 * a)];
}

/**
 * A label point guaranteed inside the area (after rounding): the area centroid of the largest polygon when it is
 * inside, else the middle of the widest inside stretch of a horizontal line through it (or through other latitudes).
 */
export function interiorPoint(geom: MultiPolygon): Position {
  const area = new PreparedArea(geom);
  let largest = geom[0];
  let largestArea = -1;
  for (const poly of geom) {
    const a = Math.abs(ringSignedArea(poly[0]));
    if (a > largestArea) {
      largestArea = a;
      largest = poly;
    }
  }
  const c = roundPosition(ringCentroid(largest[0]));
  if (area.contains(c)) return c;
  const box = bboxOf([largest]);
  const tries = [c[1]];
  for (let k = 1; k <= 20; k++) tries.push(box.minLat + ((box.maxLat - box.minLat) * k) / 21);
  for (const lat of tries) {
    const xs: number[] = [];
    for (const poly of geom) {
      for (const ring of poly) {
        for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
          const [x1, y1] = ring[j];
          const [x2, y2] = ring[i];
          if (y1 > lat !== y2 > lat) xs.push(x1 + ((x2 - x1) * (lat - y1)) / (y2 - y1));
        }
      }
    }
    xs.sort((x, y) => x - y);
    let best: Position | null = null;
    let bestWidth = 0;
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const width = xs[k + 1] - xs[k];
      if (width > bestWidth) {
        bestWidth = width;
        best = roundPosition([(xs[k] + xs[k + 1]) / 2, lat]);
      }
    }
    if (best && area.contains(best)) return best;
  }
  throw new Error('interiorPoint: no interior point found (degenerate polygon?)');
}

/** Round every vertex, drop repeated vertices and rings that collapse below a triangle (a polygon whose outer ring
 * collapses is dropped with its holes). Rings come out closed. */
export function roundMultiPolygon(geom: MultiPolygon): MultiPolygon {
  const out: MultiPolygon = [];
  for (const poly of geom) {
    const rings: Polygon = [];
    for (let k = 0; k < poly.length; k++) {
      const r: Ring = [];
      for (const p of poly[k]) {
        const q = roundPosition(p);
        const last = r[r.length - 1];
        if (!last || last[0] !== q[0] || last[1] !== q[1]) r.push(q);
      }
      if (r.length > 1 && r[0][0] === r[r.length - 1][0] && r[0][1] === r[r.length - 1][1]) r.pop();
      const ok = r.length >= 3 && Math.abs(ringSignedArea(r)) > 1e-12;
      if (!ok && k === 0) break;
      if (!ok) continue;
      r.push([r[0][0], r[0][1]]);
      rings.push(r);
    }
    if (rings.length > 0) out.push(rings);
  }
  return out;
}

function fmt(x: number): string {
  return x.toFixed(COORD_DECIMALS);
}

export function pointEwkt(p: Position): string {
  return `SRID=4326;POINT(${fmt(p[0])} ${fmt(p[1])})`;
}

export function multiPolygonEwkt(geom: MultiPolygon): string {
  const polys = geom.map(
    (poly) => `(${poly.map((ring) => `(${ring.map((p) => `${fmt(p[0])} ${fmt(p[1])}`).join(',')})`).join(',')})`,
  );
  return `SRID=4326;MULTIPOLYGON(${polys.join(',')})`;
}
