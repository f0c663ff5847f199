// Serialisation of the committed files: 6-decimal WGS84 (≈ 0.1 m, far below the 100 m source resolution), closed
// rings, RFC 7946 winding (outer counter-clockwise, holes clockwise), one feature per line so diffs stay readable.

import type { MultiPolygon, Position, Ring } from './geometry.ts';
import { ringSignedAreaDeg2 } from './geometry.ts';

export function round6(value: number): number {
  // +0 normalises -0, which JSON.stringify would print as "0" anyway but keeps comparisons simple.
  return Math.round(value * 1e6) / 1e6 + 0;
}

function roundRing(ring: Ring, outer: boolean): Ring | null {
  const out: Ring = [];
  for (const [lng, lat] of ring) {
    const p: Position = [round6(lng), round6(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) out.pop();
  if (out.length < 3) return null;
  const area = ringSignedAreaDeg2(out);
  if (area === 0) return null;
  if (outer !== area > 0) out.reverse();
  out.push([out[0][0], out[0][1]]);
  return out;
}

/** Round to 6 decimals and fix winding; rings that collapse under rounding are dropped. */
export function roundMultiPolygon(geom: MultiPolygon): MultiPolygon {
  const out: MultiPolygon = [];
  for (const polygon of geom) {
    const outer = roundRing(polygon[0], true);
    if (!outer) continue;
    const holes = polygon.slice(1).map((r) => roundRing(r, false)).filter((r): r is Ring => r !== null);
    out.push([outer, ...holes]);
  }
  return out;
}

export type Properties = Record<string, string | number | boolean | null>;

export function featureJson(properties: Properties, geom: MultiPolygon): string {
  return JSON.stringify({ type: 'Feature', properties, geometry: { type: 'MultiPolygon', coordinates: geom } });
}

export function featureCollectionText(features: string[]): string {
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}

/** RFC 4180: quote a field only when it holds a comma, a quote or a line break; double embedded quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(fields: string[]): string {
  return fields.map(csvField).join(',');
}
