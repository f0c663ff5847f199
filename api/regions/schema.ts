import { z } from '@hono/zod-openapi';
import { bi } from '../lib/bilingual.ts';
import { featureCollection } from '../lib/geojson.ts';

export const REGION_LEVELS = ['city', 'county', 'town', 'village'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** 行政区划代码: 6 digits (city/county), 9 (town/street), 12 (village/community). */
export const RegionCode = z
  .string()
  .regex(/^\d{6}(\d{3}(\d{3})?)?$/, bi('行政区划代码应为 6、9 或 12 位数字', 'administrative code must be 6, 9 or 12 digits'))
  .openapi({ example: '320981', description: '行政区划代码 administrative division code' });

export const RegionsQuery = z.object({
  level: z.enum(REGION_LEVELS).optional().openapi({ description: 'city | county | town | village' }),
  parent: RegionCode.optional().openapi({ description: 'only children of this region' }),
  geometry: z.enum(['true', 'false']).default('true').openapi({ description: 'include polygons (false: centroid points)' }),
});

export const RegionProps = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  parent_code: z.string().nullable(),
  approximate: z.boolean(),
  pinyin: z.string().nullable(),
  centroid: z.tuple([z.number(), z.number()]).nullable(),
});

export const RegionCollection = featureCollection('Region', RegionProps);
