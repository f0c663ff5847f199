// Approximate WGS84 positions of each county-level government seat, used only to cluster the 街道 (urban
// sub-districts) of a county around its seat before the Voronoi split. They are the echarts "cp" label points
// (AutoNavi's district centre = the government seat), converted GCJ-02 → WGS84 and rounded to 0.001° (≈ 100 m);
// 320971 has no cp: its two units are placed by hand, east/south-east of the 亭湖 urban core where the zone's
// administrative centre and 步凤镇 lie (public knowledge, good to a few km — the resulting polygons are approximate).

import type { Position } from './geometry.ts';

export const COUNTY_SEATS_WGS84: Readonly<Record<string, Position>> = {
  '320902': [120.193, 33.392], // 亭湖区
  '320903': [120.149, 33.340], // 盐都区
  '320904': [120.496, 33.202], // 大丰区
  '320921': [119.573, 34.201], // 响水县
  '320922': [119.816, 33.992], // 滨海县
  '320923': [119.797, 33.761], // 阜宁县
  '320924': [120.225, 33.760], // 射阳县
  '320925': [119.783, 33.441], // 建湖县
  '320981': [120.316, 32.870], // 东台市
};

/** Hand-placed seeds for the towns of 盐城经济技术开发区, which sit inside the echarts 亭湖区 polygon. */
export const DEV_ZONE_TOWN_SEEDS_WGS84: Readonly<Record<string, Position>> = {
  '320971001': [120.235, 33.365], // 新城街道 — around the zone's administrative centre
  '320971100': [120.3, 33.335], // 步凤镇
};
