import { z } from '@hono/zod-openapi';
import { bi } from '../lib/bilingual.ts';
import { featureCollection, PointSchema } from '../lib/geojson.ts';
import { BboxParam, CursorParam, csvEnum, intParam } from '../lib/params.ts';
import { RegionCode } from '../regions/schema.ts';
import { AMENITIES, FACILITY_STATUSES, FACILITY_TYPES, HOST_TYPES } from './types.ts';

export const FacilitiesQuery = z.object({
  type: csvEnum(FACILITY_TYPES, '设施类型', 'facility type').optional(),
  region: RegionCode.optional(),
  status: csvEnum(FACILITY_STATUSES, '状态', 'status').optional(),
  bbox: BboxParam.optional(),
  amenity: csvEnum(AMENITIES, '服务设施', 'amenity').optional().openapi({ description: 'all listed must be present' }),
  q: z.string().trim().min(1).max(50, bi('搜索词最多 50 个字符', 'search text is at most 50 characters')).optional(),
  limit: intParam(1, 5000, 'limit ', 'limit').optional().openapi({ description: 'page size, default 1000' }),
  cursor: CursorParam.optional(),
});

export const FacilityProps = z
  .object({
    id: z.number().int(),
    type: z.enum(FACILITY_TYPES),
    name: z.string(),
    address: z.string(),
    region_code: z.string(),
    region_name: z.string(),
    county_code: z.string().nullable(),
    grid_id: z.number().int().nullable(),
    host_type: z.enum(HOST_TYPES),
    co_built: z.boolean(),
    opening_hours: z.string(),
    open_now: z.boolean(),
    amenities: z.array(z.enum(AMENITIES)),
    capacity: z.number().int().nullable(),
    status: z.enum(FACILITY_STATUSES),
    opened_on: z.string().nullable(),
    last_verified: z.string().nullable(),
    demo: z.boolean(),
  })
  .openapi('FacilityProperties');

export const FacilityCollection = featureCollection('Facility', FacilityProps, PointSchema);

export const FacilityIdParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, bi('设施编号应为正整数', 'facility id must be a positive integer'))
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, type: 'string', example: '1' }),
});
