import { z } from '@hono/zod-openapi';
import { FACILITY_TYPES } from '../facilities/types.ts';
import { bi } from '../lib/bilingual.ts';
import { csvEnum, intParam } from '../lib/params.ts';
import { REGION_LEVELS, RegionCode } from '../regions/schema.ts';
import { COVERAGE_WEIGHTS, MAX_RADIUS_M } from './pairs.ts';

/** YYYY-MM-DD that is a real calendar date (2000–2099: the holiday table is the limit of what we know). */
export const DateParam = z
  .string()
  .max(10)
  .refine((s) => {
    if (!/^20\d{2}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, bi('日期应为 YYYY-MM-DD 格式的有效日期（2000–2099 年）', 'date must be a valid YYYY-MM-DD date (2000–2099)'))
  .openapi({ example: '2026-03-04', description: 'local date (Asia/Shanghai); default: the next ordinary weekday' });

export const RadiusParam = intParam(1, MAX_RADIUS_M, '半径 radius_m ', 'radius_m').openapi({
  description: 'reach in metres, geodesic (WGS84 ellipsoid); default 1000 (15-minute life circle)',
});
export const HourParam = intParam(0, 23, '小时 hour ', 'hour').openapi({
  description: 'count only facilities open for the whole hour [hour:00, hour+1:00); omitted: any open facility',
});
export const WeightParam = z
  .enum(COVERAGE_WEIGHTS, { message: bi(`权重应为 ${COVERAGE_WEIGHTS.join('、')} 之一`, `weight must be one of ${COVERAGE_WEIGHTS.join(', ')}`) })
  .openapi({ description: 'residents | workers | new_form_workers | riders (riders = rider activity in that hour)' });

export const CoverageQuery = z.object({
  radius_m: RadiusParam.optional(),
  region: RegionCode.optional().openapi({ description: 'city, county or town code; default 320900 (the city)' }),
  hour: HourParam.optional(),
  date: DateParam.optional(),
  types: csvEnum(FACILITY_TYPES, '设施类型', 'facility type').optional().openapi({ description: 'default worker_home,station' }),
  weight: WeightParam.optional(),
});

export const GapsQuery = CoverageQuery.extend({
  limit: intParam(1, 5000, '数量 limit ', 'limit').optional().openapi({ description: 'cells and areas returned, default 20' }),
});

export const CellsQuery = CoverageQuery.extend({
  res: z
    .enum(['7', '8', '9'], { message: bi('res 应为 7、8 或 9', 'res must be 7, 8 or 9') })
    .transform(Number)
    .optional()
    .openapi({ type: 'string', description: 'H3 resolution of the answer (9 = the demand grid); default 9' }),
});

const RegionRefSchema = z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) });

/** The question as the server understood it (defaults filled in), echoed at the top of every coverage answer. */
const QuestionEcho = z.object({
  radius_m: z.number().int(),
  region: RegionRefSchema,
  hour: z.number().int().nullable(),
  date: z.string(),
  types: z.array(z.enum(FACILITY_TYPES)),
  weight: z.enum(COVERAGE_WEIGHTS),
});

export const CoverageChild = z.object({
  code: z.string(),
  name: z.string(),
  total: z.number(),
  covered: z.number(),
  ratio: z.number().nullable().openapi({ description: 'covered / total; null when total is 0 (no demand)' }),
});

export const CoverageResult = z
  .object({
    ...QuestionEcho.shape,
    total: z.number(),
    covered: z.number(),
    ratio: z.number().nullable(),
    children: z.array(CoverageChild).openapi({ description: 'counties of the city / towns of a county; sorted by ratio asc (null last), then code' }),
    demo: z.boolean(),
    elapsed_ms: z.number(),
  })
  .openapi('Coverage');

export const GapCellFeature = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number(), z.number()]) }),
  properties: z.object({ h3: z.string(), weight: z.number(), nearest_m: z.number().nullable() }),
});

export const GapArea = z.object({
  id: z.number().int().openapi({ description: 'rank, 1 = heaviest' }),
  cells: z.number().int(),
  weight: z.number(),
  centroid: z.tuple([z.number(), z.number()]).openapi({ description: 'weight-weighted centre [lng, lat]' }),
  h3: z.array(z.string()),
  nearest_m: z.number().nullable().openapi({ description: 'from the centroid to the nearest counted facility; null if none' }),
});

export const GapsResult = z
  .object({
    ...QuestionEcho.shape,
    cells: z.object({ type: z.literal('FeatureCollection'), features: z.array(GapCellFeature) }),
    areas: z.array(GapArea),
    demo: z.boolean(),
    elapsed_ms: z.number(),
  })
  .openapi('Gaps');

export const CellsResult = z
  .object({
    res: z.number().int(),
    h3: z.array(z.string()),
    weight: z.array(z.number()),
    covered: z.array(z.number()).openapi({ description: '0/1 at res 9; share of weight covered at res 7/8' }),
    demo: z.boolean(),
  })
  .openapi('CoverageCells');

export const CapacityQuery = CoverageQuery;

export const CapacityFacility = z.object({
  id: z.number().int(),
  name: z.string(),
  type: z.enum(FACILITY_TYPES),
  capacity: z.number().int(),
  demand: z.number().openapi({ description: 'weight in the catchment; a cell covered by n facilities gives 1/n to each' }),
  per_unit: z.number(),
  overloaded: z.boolean(),
});

export const CapacityResult = z
  .object({
    ...QuestionEcho.shape,
    threshold_per_unit: z.number().nullable().openapi({ description: 'overloaded above this: 2 × the median per_unit of the listed facilities' }),
    facilities: z.array(CapacityFacility),
    demo: z.boolean(),
    elapsed_ms: z.number(),
  })
  .openapi('CoverageCapacity');

export type CoverageResultT = z.infer<typeof CoverageResult>;
export type GapsResultT = z.infer<typeof GapsResult>;
export type CellsResultT = z.infer<typeof CellsResult>;
export type CapacityResultT = z.infer<typeof CapacityResult>;
