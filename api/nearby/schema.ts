import { z } from '@hono/zod-openapi';
import { bi } from '../lib/bilingual.ts';
import { PointSchema } from '../lib/geojson.ts';
import { csvEnum, intParam } from '../lib/params.ts';
import { AMENITIES, FACILITY_TYPES, HOST_TYPES } from '../facilities/types.ts';

/** Coordinate systems a phone may hand us: GPS (WGS84), Amap/Tencent/WeChat (GCJ-02), Baidu (BD-09). */
export const NEARBY_CRS = ['wgs84', 'gcj02', 'bd09'] as const;
export type NearbyCrs = (typeof NEARBY_CRS)[number];

/**
 * A decimal number as typed in a URL: no exponent (so "1e309" → Infinity never appears), no hex, no blanks, no
 * "NaN"; range checked after parsing. 30 characters is far more than any real coordinate needs.
 */
function coordParam(min: number, max: number, zh: string, en: string) {
  return z
    .string()
    .max(30, bi(`${zh}过长`, `${en} is too long`))
    .transform((s, ctx) => {
      const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: bi(`${zh}应为 ${min}~${max} 之间的十进制数`, `${en} must be a decimal number from ${min} to ${max}`),
        });
        return z.NEVER;
      }
      return n;
    })
    .openapi({ type: 'number', minimum: min, maximum: max });
}

/** ISO 8601 date-time (offset optional: without one it is Beijing time), or "now". Years 2000–2099. */
export const OpenAtParam = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    if (s === 'now') return 'now' as const;
    const m = /^(20\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d)(?:\.\d{1,6})?)?(Z|[+-]\d\d:\d\d)?$/.exec(s);
    // Date.parse rolls 02-31 over to March; require the fields to survive the round trip.
    const withZone = m ? (m[7] ? s : `${s}+08:00`) : '';
    const t = m ? Date.parse(withZone) : Number.NaN;
    const valid =
      m !== null && Number.isFinite(t) && +m[2] >= 1 && +m[2] <= 12 && +m[3] >= 1 && +m[3] <= daysIn(+m[1], +m[2]) &&
      +m[4] <= 23 && +m[5] <= 59 && (m[6] === undefined || +m[6] <= 59);
    if (!valid) {
      ctx.addIssue({
        code: 'custom',
        message: bi(
          'open_at 应为 ISO 8601 时间（如 2026-05-01T21:30+08:00，不带时区按北京时间）或 now',
          'open_at must be an ISO 8601 time (e.g. 2026-05-01T21:30+08:00; without an offset it is Beijing time) or now',
        ),
      });
      return z.NEVER;
    }
    return new Date(t);
  })
  .openapi({ type: 'string', example: '2026-05-01T21:30+08:00', description: 'ISO 8601 or "now"; filters to open stations' });

const daysIn = (y: number, mo: number): number => new Date(Date.UTC(y, mo, 0)).getUTCDate();

export const NearbyQuery = z.object({
  lng: coordParam(-180, 180, '经度 lng', 'lng').openapi({ example: 120.16137 }),
  lat: coordParam(-90, 90, '纬度 lat', 'lat').openapi({ example: 33.34795 }),
  limit: intParam(1, 50, '结果数 limit ', 'limit').optional().openapi({ description: 'default 5' }),
  radius_m: intParam(1, 50_000, '半径 radius_m ', 'radius_m')
    .optional()
    .openapi({ description: 'straight-line (geodesic) radius in metres; default none' }),
  type: csvEnum(FACILITY_TYPES, '设施类型', 'facility type')
    .optional()
    .openapi({ description: 'default worker_home,station (the rider-facing types)' }),
  amenity: csvEnum(AMENITIES, '服务设施', 'amenity').optional().openapi({ description: 'all listed must be present' }),
  open_at: OpenAtParam.optional(),
  open_only: z
    .enum(['true', 'false'], { error: bi('open_only 只能是 true 或 false', 'open_only must be true or false') })
    .optional()
    .openapi({ description: 'list only stations open at open_at; default true when open_at is given, else false' }),
  crs: z
    .enum(NEARBY_CRS, { error: bi('crs 只能是 wgs84、gcj02 或 bd09', 'crs must be wgs84, gcj02 or bd09') })
    .optional()
    .openapi({ description: 'CRS of lng/lat: wgs84 (GPS, default), gcj02 (Amap, Tencent, WeChat), bd09 (Baidu)' }),
});

const NavSchema = z.object({ amap: z.string(), baidu: z.string(), tencent: z.string() });

export const NearbyProps = z
  .object({
    id: z.number().int(),
    name: z.string(),
    type: z.enum(FACILITY_TYPES),
    address: z.string(),
    distance_m: z.number().int().openapi({ description: 'geodesic (WGS84 ellipsoid) straight-line distance, metres' }),
    bearing_deg: z.number().openapi({ description: '0–360, clockwise from north, from the query point' }),
    open_now: z.boolean().openapi({ description: 'open at query.open_at' }),
    next_change: z.string().nullable().openapi({ description: 'next opening/closing, ISO +08:00; null for 24/7' }),
    amenities: z.array(z.enum(AMENITIES)),
    host_type: z.enum(HOST_TYPES),
    co_built: z.boolean(),
    opening_hours: z.string(),
    last_verified: z.string().nullable(),
    reports_30d: z.number().int().openapi({ description: 'problem reports in the last 30 days' }),
    nav: NavSchema,
  })
  .openapi('NearbyProperties');

export const NearbyFeature = z
  .object({ type: z.literal('Feature'), id: z.number().int(), geometry: PointSchema, properties: NearbyProps })
  .openapi('NearbyFeature');

export const NearbyCollection = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(NearbyFeature),
    numberReturned: z.number().int(),
    query: z.object({
      lng: z.number().openapi({ description: 'WGS84, after conversion from crs' }),
      lat: z.number(),
      crs: z.enum(NEARBY_CRS),
      open_at: z.string().openapi({ description: 'the instant open_now/next_change are evaluated at, ISO +08:00' }),
      open_only: z.boolean().openapi({ description: 'true when only stations open at open_at are listed' }),
      radius_m: z.number().int().nullable(),
      limit: z.number().int(),
    }),
  })
  .openapi('NearbyCollection');

export type NearbyResponse = z.infer<typeof NearbyCollection>;
