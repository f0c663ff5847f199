// Unit checks for the two coordinate transforms the build relies on: echarts ring decoding and GCJ-02.
import gcoord from 'gcoord';
import { describe, expect, it } from 'vitest';
import { decodeRingString } from './decode.ts';
import { gcj02ToWgs84, wgs84ToGcj02 } from './gcj02.ts';
import type { Position } from './geometry.ts';

/** The inverse of echarts' scheme, written for the test: zig-zag deltas in 1/scale degree, offset by 64. */
function encodeRing(ring: Position[], scale: number): { text: string; offset: [number, number] } {
  const ints = ring.map(([x, y]) => [Math.round(x * scale), Math.round(y * scale)]);
  let prevX = ints[0][0];
  let prevY = ints[0][1];
  let text = '';
  for (const [x, y] of ints) {
    const dx = x - prevX;
    const dy = y - prevY;
    text += String.fromCharCode(((dx << 1) ^ (dx >> 31)) + 64, ((dy << 1) ^ (dy >> 31)) + 64);
    prevX = x;
    prevY = y;
  }
  return { text, offset: [ints[0][0], ints[0][1]] };
}

describe('echarts UTF8Encoding decoder', () => {
  it('round-trips a ring with positive and negative deltas at 1/1024°', () => {
    const ring: Position[] = [
      [120.173828125, 33.35546875],
      [120.169921875, 33.3583984375],
      [120.1669921875, 33.361328125],
      [120.2, 33.3],
      [120.173828125, 33.35546875],
    ].map(([x, y]) => [Math.round(x * 1024) / 1024, Math.round(y * 1024) / 1024]);
    const { text, offset } = encodeRing(ring, 1024);
    expect(decodeRingString(text, offset, 1024)).toEqual(ring);
  });
});

describe('GCJ-02', () => {
  const yancheng: Position[] = [
    [120.16, 33.35],
    [119.58, 34.2],
    [120.85, 32.65],
  ];
  it('matches gcoord (the project dependency) to 1e-9°', () => {
    for (const p of yancheng) {
      const ours = wgs84ToGcj02(p);
      const theirs = gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as Position;
      expect(Math.abs(ours[0] - theirs[0])).toBeLessThan(1e-9);
      expect(Math.abs(ours[1] - theirs[1])).toBeLessThan(1e-9);
    }
  });
  it('inverts to better than 1e-8° and the Yancheng offset is ≈ +0.0048° lng / −0.0015° lat', () => {
    for (const p of yancheng) {
      const g = wgs84ToGcj02(p);
      const back = gcj02ToWgs84(g);
      expect(Math.abs(back[0] - p[0])).toBeLessThan(1e-8);
      expect(Math.abs(back[1] - p[1])).toBeLessThan(1e-8);
      expect(g[0] - p[0]).toBeGreaterThan(0.004);
      expect(g[0] - p[0]).toBeLessThan(0.0055);
      expect(g[1] - p[1]).toBeLessThan(-0.001);
      expect(g[1] - p[1]).toBeGreaterThan(-0.0025);
    }
  });
});
