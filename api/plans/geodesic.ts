/**
 * Geodesic distance on the WGS84 ellipsoid and radius-cover sets for caller-supplied points.
 *
 * Why not haversine: PostGIS `geography` measures on the spheroid, and sphere-vs-ellipsoid differs by up to
 * ≈ 0.5 %, enough to flip a coverage decision near the radius. Vincenty's inverse formula agrees with PostGIS
 * (GeographicLib) to well below a millimetre at the distances we use (checked in geodesic.test.ts).
 */
const A = 6378137; // WGS84 semi-major axis, m
const F = 1 / 298.257223563; // WGS84 flattening
const B = A * (1 - F);
const E2 = F * (2 - F); // first eccentricity squared
const RAD = Math.PI / 180;

/** Vincenty inverse: geodesic distance in metres between two WGS84 points (degrees). */
export function vincentyDistance_m(lng1: number, lat1: number, lng2: number, lat2: number): number {
  if (lng1 === lng2 && lat1 === lat2) return 0;
  const L = (lng2 - lng1) * RAD;
  const U1 = Math.atan((1 - F) * Math.tan(lat1 * RAD));
  const U2 = Math.atan((1 - F) * Math.tan(lat2 * RAD));
  const sinU1 = Math.sin(U1), cosU1 = Math.cos(U1), sinU2 = Math.sin(U2), cosU2 = Math.cos(U2);
  let lambda = L;
  let sinSigma = 0, cosSigma = 0, sigma = 0, cosSqAlpha = 0, cos2SigmaM = 0;
  for (let iter = 0; iter < 200; iter++) {
    const sinLambda = Math.sin(lambda), cosLambda = Math.cos(lambda);
    const t1 = cosU2 * sinLambda;
    const t2 = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
    sinSigma = Math.sqrt(t1 * t1 + t2 * t2);
    if (sinSigma === 0) return 0;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cosSqAlpha = 1 - sinAlpha * sinAlpha;
    // on the equator line cosSqAlpha = 0 and cos2SigmaM is undefined; its term vanishes anyway
    cos2SigmaM = cosSqAlpha !== 0 ? cosSigma - (2 * sinU1 * sinU2) / cosSqAlpha : 0;
    const C = (F / 16) * cosSqAlpha * (4 + F * (4 - 3 * cosSqAlpha));
    const prev = lambda;
    lambda = L + (1 - C) * F * sinAlpha * (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - prev) < 1e-13) break;
  }
  const uSq = (cosSqAlpha * (A * A - B * B)) / (B * B);
  const Acoef = 1 + (uSq / 16384) * (4096 + uSq * (-768 + uSq * (320 - 175 * uSq)));
  const Bcoef = (uSq / 1024) * (256 + uSq * (-128 + uSq * (74 - 47 * uSq)));
  const deltaSigma =
    Bcoef *
    sinSigma *
    (cos2SigmaM +
      (Bcoef / 4) *
        (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
          (Bcoef / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return B * Acoef * (sigma - deltaSigma);
}

/**
 * Fast local approximation (tangent plane with the ellipsoid's radii of curvature at the mean latitude). For
 * pairs under ~15 km its relative error is below 1e-6; we use it only to decide pairs that are clearly inside
 * or outside the radius and fall back to Vincenty inside a ±0.1 % band, so the answer is Vincenty's.
 */
function planeDistance_m(lng1: number, lat1: number, lng2: number, lat2: number): number {
  const phi = ((lat1 + lat2) / 2) * RAD;
  const s = Math.sin(phi);
  const w = 1 - E2 * s * s;
  const N = A / Math.sqrt(w);
  const M = (A * (1 - E2)) / (w * Math.sqrt(w));
  const dx = (lng2 - lng1) * RAD * N * Math.cos(phi);
  const dy = (lat2 - lat1) * RAD * M;
  return Math.sqrt(dx * dx + dy * dy);
}

const BAND = 1e-3;

/** Is the geodesic distance ≤ r? Vincenty only near the boundary. */
export function withinRadius(lng1: number, lat1: number, lng2: number, lat2: number, r_m: number): boolean {
  const d = planeDistance_m(lng1, lat1, lng2, lat2);
  if (d < r_m * (1 - BAND)) return true;
  if (d > r_m * (1 + BAND)) return false;
  return vincentyDistance_m(lng1, lat1, lng2, lat2) <= r_m;
}

/**
 * A uniform lng/lat grid over a point set whose cells are at least r_m wide, so every point within r_m of a
 * query lies in the query's cell or one of its eight neighbours.
 */
export class PointGrid {
  private readonly order: Int32Array;
  private readonly cellStart = new Map<number, number>();
  private readonly cellEnd = new Map<number, number>();
  private readonly minLng: number;
  private readonly minLat: number;
  private readonly stepLng: number;
  private readonly stepLat: number;
  private readonly ny: number;

  constructor(
    readonly lng: Float64Array,
    readonly lat: Float64Array,
    r_m: number,
  ) {
    const n = lng.length;
    let minLng = Infinity, minLat = Infinity, maxLat = -Infinity, maxAbsLat = 0;
    for (let i = 0; i < n; i++) {
      if (lng[i] < minLng) minLng = lng[i];
      if (lat[i] < minLat) minLat = lat[i];
      if (lat[i] > maxLat) maxLat = lat[i];
      maxAbsLat = Math.max(maxAbsLat, Math.abs(lat[i]));
    }
    // A degree of latitude is ≥ 110,574 m; a degree of longitude at φ is ≥ 111,320·cos φ m. The 1 % slack and
    // the extra r of latitude cover query points slightly pole-ward of the data.
    this.stepLat = (1.01 * r_m) / 110574;
    const phiMax = Math.min(89, maxAbsLat + this.stepLat) * RAD;
    this.stepLng = (1.01 * r_m) / (111320 * Math.cos(phiMax));
    this.minLng = n ? minLng - this.stepLng : 0;
    this.minLat = n ? minLat - this.stepLat : 0;
    this.ny = n ? Math.floor((maxLat - this.minLat) / this.stepLat) + 3 : 1;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.key(lng[i], lat[i]);
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => keys[a] - keys[b] || a - b);
    this.order = Int32Array.from(idx);
    for (let p = 0; p < n; p++) {
      const k = keys[this.order[p]];
      if (!this.cellStart.has(k)) this.cellStart.set(k, p);
      this.cellEnd.set(k, p + 1);
    }
  }

  private key(lng: number, lat: number): number {
    const ix = Math.floor((lng - this.minLng) / this.stepLng);
    const iy = Math.floor((lat - this.minLat) / this.stepLat);
    return ix * this.ny + iy;
  }

  /** Call fn(i) for every indexed point within r_m (geodesic) of (lng, lat), in ascending index order per cell. */
  forEachWithin(lng: number, lat: number, r_m: number, fn: (i: number) => void): void {
    const ix = Math.floor((lng - this.minLng) / this.stepLng);
    const iy = Math.floor((lat - this.minLat) / this.stepLat);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        if (iy + dy < 0 || iy + dy >= this.ny) continue;
        const k = (ix + dx) * this.ny + (iy + dy);
        const s = this.cellStart.get(k);
        if (s === undefined) continue;
        const e = this.cellEnd.get(k)!;
        for (let p = s; p < e; p++) {
          const i = this.order[p];
          if (withinRadius(lng, lat, this.lng[i], this.lat[i], r_m)) fn(i);
        }
      }
    }
  }
}

/** Compressed sparse rows: row r's entries are idx[start[r] .. start[r+1]). */
export interface Csr {
  start: Int32Array;
  idx: Int32Array;
}

/** For each site, the demand points within r_m of it (ascending indices). */
export function coverSets(
  demandLng: Float64Array,
  demandLat: Float64Array,
  siteLng: Float64Array,
  siteLat: Float64Array,
  r_m: number,
): Csr {
  const grid = new PointGrid(demandLng, demandLat, r_m);
  const start = new Int32Array(siteLng.length + 1);
  let buf = new Int32Array(Math.max(1024, siteLng.length * 8));
  let n = 0;
  const row: number[] = [];
  for (let j = 0; j < siteLng.length; j++) {
    row.length = 0;
    grid.forEachWithin(siteLng[j], siteLat[j], r_m, (i) => row.push(i));
    row.sort((a, b) => a - b);
    if (n + row.length > buf.length) {
      const bigger = new Int32Array(Math.max(buf.length * 2, n + row.length));
      bigger.set(buf.subarray(0, n));
      buf = bigger;
    }
    for (const i of row) buf[n++] = i;
    start[j + 1] = n;
  }
  return { start, idx: buf.slice(0, n) };
}
