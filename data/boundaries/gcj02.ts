// GCJ-02 ("Mars coordinates") and BD-09 transforms, written from the widely published formula. Our own code,
// independent of gcoord (which the API uses): tests check the API's conversions against these.
// Why here: Chinese web map sources (AutoNavi/Amap, and data traced from it) publish GCJ-02; we store WGS84 only,
// so the build must be able to undo the offset. Near Yancheng the offset is ≈ +0.0048° lng / −0.0015° lat (~470 m).
// The inverse has no closed form; a fixed-point iteration converges to < 1e-9° in a handful of steps.

import type { Position } from './geometry.ts';

// Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm (not WGS84: the formula was defined on it).
const KRASOVSKY_A_M = 6378245.0;
const KRASOVSKY_EE = 0.00669342162296594323;

function offsetLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function offsetLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

export function wgs84ToGcj02([lng, lat]: Position): Position {
  const dLat0 = offsetLat(lng - 105, lat - 35);
  const dLng0 = offsetLng(lng - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  const magic = 1 - KRASOVSKY_EE * Math.sin(radLat) * Math.sin(radLat);
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLat0 * 180) / (((KRASOVSKY_A_M * (1 - KRASOVSKY_EE)) / (magic * sqrtMagic)) * Math.PI);
  const dLng = (dLng0 * 180) / ((KRASOVSKY_A_M / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [lng + dLng, lat + dLat];
}

/** Inverse by fixed-point iteration: the offset field is smooth, so each step cuts the error ~1000×. */
export function gcj02ToWgs84(gcj: Position): Position {
  let lng = gcj[0];
  let lat = gcj[1];
  for (let i = 0; i < 6; i++) {
    const [g0, g1] = wgs84ToGcj02([lng, lat]);
    lng -= g0 - gcj[0];
    lat -= g1 - gcj[1];
  }
  return [lng, lat];
}

const X_PI = (Math.PI * 3000) / 180;

/** GCJ-02 → BD-09 (Baidu's further rotation and offset). */
export function gcj02ToBd09([lng, lat]: Position): Position {
  const z = Math.sqrt(lng * lng + lat * lat) + 0.00002 * Math.sin(lat * X_PI);
  const theta = Math.atan2(lat, lng) + 0.000003 * Math.cos(lng * X_PI);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

/** BD-09 (Baidu) → GCJ-02. */
export function bd09ToGcj02([lng, lat]: Position): Position {
  const x = lng - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return [z * Math.cos(theta), z * Math.sin(theta)];
}

export function bd09ToWgs84(bd: Position): Position {
  return gcj02ToWgs84(bd09ToGcj02(bd));
}
