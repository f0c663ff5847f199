/**
 * "Is this WGS84 point in China?" for the nearby endpoint, so a swapped lat/lng or a phone abroad gets a clear 400
 * instead of the nearest station 3,000 km away. A coarse outline, drawn by hand ≈ 0.3–1° OUTSIDE the land border
 * (generous on purpose: a rider near the border must never be refused, while Korea, Japan, Mongolia's interior,
 * India and South-East Asia are). Mainland + Hainan + Taiwan as one ring, the South China Sea islands as a box.
 * It is not a boundary: it decides only whether to answer. Vertices are [lng, lat], WGS84.
 */
const CHINA_RING: ReadonlyArray<readonly [number, number]> = [
  [73.0, 39.6], [74.2, 36.8], [77.5, 35.9], [78.6, 32.3], [80.5, 29.9], [84.5, 27.9], [88.0, 27.2], [89.5, 27.6],
  [92.0, 26.5], [96.5, 27.8], [97.8, 27.4], [97.2, 23.6], [98.6, 23.5], [99.2, 21.8], [101.2, 21.0], [102.2, 22.1],
  [105.5, 22.6], [107.6, 21.3], [108.3, 17.8], [111.4, 17.8], [111.3, 20.6], [116.5, 22.3], [118.8, 21.6],
  [121.0, 21.5], [122.6, 22.0], [122.6, 25.2], [124.3, 25.3], [124.0, 26.4], [122.9, 28.0], [123.3, 31.0],
  [122.0, 34.0], [123.3, 37.2], [122.0, 38.4], [123.0, 39.3], [124.6, 39.7], [126.2, 41.2], [128.2, 41.4],
  [130.0, 42.1], [130.6, 42.3], [131.4, 42.8], [131.3, 44.9], [133.2, 45.0], [135.3, 48.3], [131.2, 48.3],
  [127.7, 50.0], [125.6, 53.4], [123.0, 53.9], [120.4, 53.4], [119.2, 50.3], [117.9, 49.9], [116.0, 47.9],
  [118.4, 47.9], [119.9, 46.9], [117.4, 46.3], [113.5, 44.5], [111.6, 43.3], [110.0, 42.4], [106.6, 42.1],
  [100.2, 42.3], [96.5, 42.4], [95.4, 44.0], [93.4, 44.7], [90.9, 45.0], [90.9, 47.2], [88.2, 48.4],
  [87.6, 49.5], [85.8, 48.8], [85.0, 47.3], [82.8, 47.5], [82.2, 45.7], [79.8, 45.2], [80.0, 42.3],
  [76.2, 40.8], [73.0, 39.6],
];

/** 南海诸岛 (Paracel and Spratly groups) as a box; nobody rides there, but the answer should still be "China". */
const SOUTH_CHINA_SEA = { minLng: 111.0, minLat: 6.5, maxLng: 117.0, maxLat: 17.2 } as const;

function inRing(lng: number, lat: number, ring: ReadonlyArray<readonly [number, number]>): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lng < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function inChina(lng: number, lat: number): boolean {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return false;
  const b = SOUTH_CHINA_SEA;
  if (lng >= b.minLng && lng <= b.maxLng && lat >= b.minLat && lat <= b.maxLat) return true;
  return inRing(lng, lat, CHINA_RING);
}
