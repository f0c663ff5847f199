import { describe, expect, it } from 'vitest';
import { gcj02ToBd09, wgs84ToGcj02 } from '../../data/boundaries/gcj02.ts';
import { navLinks } from './nav.ts';

// The expected coordinates come from our own implementation of the published formulas (data/boundaries/gcj02.ts),
// not from gcoord, which the code under test uses.
const wgsToGcj = (lng: number, lat: number) => wgs84ToGcj02([lng, lat]);
const gcjToBd = (lng: number, lat: number) => gcj02ToBd09([lng, lat]);

const pair = (s: string | null): [number, number] => {
  const [a, b] = (s ?? '').split(',').map(Number);
  return [a, b];
};

// Known points: 盐城 city centre (亭湖), 东台 and 响水 town centres — north, south and middle of the city.
const POINTS: Array<[string, number, number]> = [
  ['盐城市政府', 120.16137, 33.34795],
  ['东台市区', 120.32062, 32.86871],
  ['响水县城', 119.57839, 34.19961],
];

describe('navigation links', () => {
  it.each(POINTS)('%s: Amap gets GCJ-02 as lng,lat', (name, lng, lat) => {
    const url = new URL(navLinks(lng, lat, name).amap);
    expect(url.origin + url.pathname).toBe('https://uri.amap.com/navigation');
    const parts = url.searchParams.get('to')!.split(',');
    const [eLng, eLat] = wgsToGcj(lng, lat);
    expect(Number(parts[0])).toBeCloseTo(eLng, 5);
    expect(Number(parts[1])).toBeCloseTo(eLat, 5);
    expect(parts.slice(2).join(',')).toBe(name);
    expect(url.searchParams.get('mode')).toBe('ride');
    expect(url.searchParams.get('coordinate')).toBe('gaode');
    expect(url.searchParams.get('callnative')).toBe('1');
  });

  it.each(POINTS)('%s: Baidu gets BD-09 as lat,lng', (name, lng, lat) => {
    const url = new URL(navLinks(lng, lat, name).baidu);
    expect(url.origin + url.pathname).toBe('https://api.map.baidu.com/direction');
    const m = /^latlng:([^|]+)\|name:(.*)$/.exec(url.searchParams.get('destination')!);
    expect(m).not.toBeNull();
    const [bLat, bLng] = pair(m![1]);
    const [eLng, eLat] = gcjToBd(...wgsToGcj(lng, lat));
    expect(bLat).toBeCloseTo(eLat, 5);
    expect(bLng).toBeCloseTo(eLng, 5);
    expect(m![2]).toBe(name);
    expect(url.searchParams.get('coord_type')).toBe('bd09ll');
    expect(url.searchParams.get('mode')).toBe('riding');
    expect(url.searchParams.get('output')).toBe('html');
    expect(url.searchParams.get('src')).toBeTruthy();
  });

  it.each(POINTS)('%s: Tencent gets GCJ-02 as lat,lng', (name, lng, lat) => {
    const url = new URL(navLinks(lng, lat, name).tencent);
    expect(url.origin + url.pathname).toBe('https://apis.map.qq.com/uri/v1/routeplan');
    const [tLat, tLng] = pair(url.searchParams.get('tocoord'));
    const [eLng, eLat] = wgsToGcj(lng, lat);
    expect(tLat).toBeCloseTo(eLat, 5);
    expect(tLng).toBeCloseTo(eLng, 5);
    expect(url.searchParams.get('to')).toBe(name);
    expect(url.searchParams.get('type')).toBe('bike');
    expect(url.searchParams.get('referer')).toBeTruthy();
  });

  it('the shifts are the size the formulas predict in Yancheng (hundreds of metres), so order mix-ups show', () => {
    const [lng, lat] = [120.16137, 33.34795];
    const [gLng, gLat] = wgsToGcj(lng, lat);
    const dx = (gLng - lng) * 111_320 * Math.cos((lat * Math.PI) / 180);
    const dy = (gLat - lat) * 110_574;
    expect(Math.hypot(dx, dy)).toBeGreaterThan(100);
    expect(Math.hypot(dx, dy)).toBeLessThan(1000);
  });

  it('escapes names that contain URL metacharacters', () => {
    const name = '驿站 & 之家|#1,A';
    const l = navLinks(120.16, 33.35, name);
    expect(new URL(l.tencent).searchParams.get('to')).toBe(name);
    expect(new URL(l.amap).searchParams.get('to')!.split(',').slice(2).join(',')).toBe(name);
    expect(new URL(l.baidu).searchParams.get('destination')!.endsWith(`name:${name}`)).toBe(true);
  });
});
