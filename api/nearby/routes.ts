import { createRoute } from '@hono/zod-openapi';
import gcoord from 'gcoord';
import { badParam } from '../errors.ts';
import { RIDER_TYPES } from '../facilities/types.ts';
import { commonErrors } from '../lib/errors-openapi.ts';
import { navLinks } from '../lib/nav.ts';
import { createRouter } from '../lib/router.ts';
import { inChina } from './china.ts';
import { batcherFor } from './batcher.ts';
import type { NearbyRow } from './queries.ts';
import { nudgeOpenSpans } from './spans.ts';
import { NearbyCollection, NearbyQuery, type NearbyCrs, type NearbyResponse } from './schema.ts';

const nearby = createRoute({
  method: 'get',
  path: '/facilities/nearby',
  tags: ['nearby'],
  summary: '附近的服务站点 / nearest stations by geodesic distance, optionally only those open at a time',
  request: { query: NearbyQuery },
  responses: {
    200: { content: { 'application/json': { schema: NearbyCollection } }, description: 'GeoJSON FeatureCollection, nearest first' },
    ...commonErrors,
  },
});

const FROM_CRS = { gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** Phone coordinates → WGS84. gcoord returns points outside China unchanged, which the China check then refuses. */
export function toWgs84(lng: number, lat: number, crs: NearbyCrs): [number, number] {
  if (crs === 'wgs84') return [lng, lat];
  const [x, y] = gcoord.transform([lng, lat], FROM_CRS[crs], gcoord.WGS84);
  return [x, y];
}

/** An instant as ISO 8601 in Beijing time (UTC+8 all year: China has no daylight saving since 1991). */
export const shanghaiIso = (d: Date): string => `${new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;


function toFeature(r: NearbyRow): NearbyResponse['features'][number] {
  return {
    type: 'Feature',
    id: r.id,
    geometry: { type: 'Point', coordinates: [r.lng, r.lat] },
    properties: {
      id: r.id,
      name: r.name,
      type: r.type,
      address: r.address,
      distance_m: Math.round(r.distance_m),
      bearing_deg: Math.round(r.bearing_deg * 10) / 10,
      open_now: r.open_now,
      next_change: r.next_change,
      amenities: r.amenities,
      host_type: r.host_type as NearbyResponse['features'][number]['properties']['host_type'],
      co_built: r.co_built,
      opening_hours: r.opening_hours,
      last_verified: r.last_verified,
      reports_30d: r.reports_30d,
      nav: navLinks(r.lng, r.lat, r.name),
    },
  };
}

export const nearbyRouter = createRouter().openapi(nearby, async (c) => {
  const p = c.req.valid('query');
  const crs = p.crs ?? 'wgs84';
  const [lng, lat] = toWgs84(p.lng, p.lat, crs);
  if (!inChina(lng, lat)) {
    throw badParam(
      'lng/lat',
      `位置（经度 ${p.lng}，纬度 ${p.lat}，${crs}）不在中国境内；请检查经纬度是否写反`,
      `the location (lng ${p.lng}, lat ${p.lat}, ${crs}) is outside China; are lng and lat swapped?`,
      { param: 'lng/lat', lng: p.lng, lat: p.lat, crs },
    );
  }
  // open_at alone filters (the rider's 仅显示营业中); open_only=false evaluates open_now at open_at without filtering
  const openOnly = p.open_only === undefined ? p.open_at !== undefined : p.open_only === 'true';
  const at = p.open_at === undefined || p.open_at === 'now' ? new Date() : p.open_at;
  const limit = p.limit ?? 5;
  const { rows, source } = await batcherFor(c.var.db).find({
    lng, lat, types: p.type ?? RIDER_TYPES, amenities: p.amenity, at, openOnly, radius_m: p.radius_m, limit,
  });
  // a question about the present that the window missed means the window is due; one about the past or far
  // future is answered from the rules and needs no refresh
  if (source === 'rules' && Math.abs(at.getTime() - Date.now()) < 36 * 3_600_000) nudgeOpenSpans(c.var.db);
  const features = rows.map(toFeature);
  const body: NearbyResponse = {
    type: 'FeatureCollection',
    features,
    numberReturned: features.length,
    query: {
      lng, lat, crs, open_at: shanghaiIso(at), open_only: openOnly,
      radius_m: p.radius_m ?? null, limit,
    },
  };
  return c.json(body, 200);
});
