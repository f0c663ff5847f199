import { describe, expect, it } from 'vitest';
import { csvField, csvText, parseCsv, pgArray } from './csv.ts';
import {
  interiorPoint,
  type MultiPolygon,
  multiPolygonEwkt,
  pointEwkt,
  pointInMultiPolygon,
  type Position,
  PreparedArea,
  roundMultiPolygon,
} from './geo.ts';
import { allocateLargestRemainder } from './generate.ts';
import { Rng } from './prng.ts';

const square = (x0: number, y0: number, size: number): Position[] => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

const SQUARE_WITH_HOLE: MultiPolygon = [[square(120, 33, 1), square(120.25, 33.25, 0.5)]];
const TWO_ISLANDS: MultiPolygon = [[square(120, 33, 0.1)], [square(121, 34, 0.1)]];
/** A U shape whose area centroid (the middle of the gap) lies outside it. */
const U_SHAPE: MultiPolygon = [
  [[[0, 0], [3, 0], [3, 3], [2, 3], [2, 1], [1, 1], [1, 3], [0, 3], [0, 0]]],
];

describe('point in polygon', () => {
  it('polygon with a hole: inside the ring, not inside the hole', () => {
    expect(pointInMultiPolygon([120.1, 33.1], SQUARE_WITH_HOLE)).toBe(true);
    expect(pointInMultiPolygon([120.5, 33.5], SQUARE_WITH_HOLE)).toBe(false);
    expect(pointInMultiPolygon([121.5, 33.5], SQUARE_WITH_HOLE)).toBe(false);
  });

  it('multipolygon: either island counts', () => {
    expect(pointInMultiPolygon([120.05, 33.05], TWO_ISLANDS)).toBe(true);
    expect(pointInMultiPolygon([121.05, 34.05], TWO_ISLANDS)).toBe(true);
    expect(pointInMultiPolygon([120.5, 33.5], TWO_ISLANDS)).toBe(false);
  });

  it('PreparedArea agrees with the plain test on random points', () => {
    const rng = new Rng(3, 'pip');
    for (const geom of [SQUARE_WITH_HOLE, TWO_ISLANDS, U_SHAPE]) {
      const area = new PreparedArea(geom);
      for (let k = 0; k < 5000; k++) {
        const p: Position = [rng.range(-1, 122), rng.range(-1, 35)];
        const q: Position = [area.bbox.minLng + rng.float() * (area.bbox.maxLng - area.bbox.minLng), area.bbox.minLat + rng.float() * (area.bbox.maxLat - area.bbox.minLat)];
        expect(area.contains(p)).toBe(pointInMultiPolygon(p, geom));
        expect(area.contains(q)).toBe(pointInMultiPolygon(q, geom));
      }
    }
  });

  it('interiorPoint is inside, even when the centroid is not', () => {
    for (const geom of [SQUARE_WITH_HOLE, TWO_ISLANDS, U_SHAPE]) expect(pointInMultiPolygon(interiorPoint(geom), geom)).toBe(true);
  });
});

describe('EWKT, rounding and CSV', () => {
  it('formats points and multipolygons with 6 decimals', () => {
    expect(pointEwkt([120.1234564, 33.5])).toBe('SRID=4326;POINT(120.123456 33.500000)');
    expect(multiPolygonEwkt([[square(0, 0, 1)]])).toBe(
      'SRID=4326;MULTIPOLYGON(((0.000000 0.000000,1.000000 0.000000,1.000000 1.000000,0.000000 1.000000,0.000000 0.000000)))',
    );
  });

  it('roundMultiPolygon drops rings that collapse and keeps rings closed', () => {
    const sliver: Position[] = [[0, 0], [1e-8, 0], [0, 1e-8], [0, 0]];
    const out = roundMultiPolygon([[square(0, 0, 1)], [sliver]]);
    expect(out).toHaveLength(1);
    expect(out[0][0][0]).toEqual(out[0][0][out[0][0].length - 1]);
  });

  it('CSV quoting follows RFC 4180 and COPY conventions', () => {
    expect(csvField(null)).toBe('');
    expect(csvField('')).toBe('""');
    expect(csvField(true)).toBe('t');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField(['water', 'rest'])).toBe('"{water,rest}"');
    expect(csvField([1, 2, 3])).toBe('"{1,2,3}"');
    expect(pgArray(['a b', 'x"y'])).toBe('{"a b","x\\"y"}');
    const text = csvText(['a', 'b'], [['x,1', null], ['', 2]]);
    expect(parseCsv(text)).toEqual([['a', 'b'], ['x,1', ''], ['', '2']]);
  });

  it('largest remainder gives exact totals', () => {
    const alloc = allocateLargestRemainder(10, [1, 1, 1]);
    expect(alloc.reduce((s, v) => s + v, 0)).toBe(10);
    expect(alloc).toEqual([4, 3, 3]);
  });
});
