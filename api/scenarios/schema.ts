import { z } from '@hono/zod-openapi';
import { FACILITY_TYPES } from '../facilities/types.ts';
import { bi } from '../lib/bilingual.ts';
import { CHINA_BBOX } from '../lib/params.ts';
import { CoverageResult, WeightParam } from '../coverage/schema.ts';
import { MAX_RADIUS_M } from '../coverage/pairs.ts';
import { RegionCode } from '../regions/schema.ts';

/** Why 500: a scenario is a plan a county can act on; the MCLP solver's k is far below it. */
export const MAX_SCENARIO_SITES = 500;

const Ref = z
  .union([z.string().min(1).max(64), z.number().int().safe()])
  .transform((v) => String(v))
  .openapi({ type: 'string', description: 'caller id (string or integer; returned as a string)' });

export const ScenarioSiteInput = z.object({
  id: Ref.optional(),
  lng: z.number().min(CHINA_BBOX.minLng, bi('经度超出中国范围', 'lng outside China')).max(CHINA_BBOX.maxLng, bi('经度超出中国范围', 'lng outside China')),
  lat: z.number().min(CHINA_BBOX.minLat, bi('纬度超出中国范围', 'lat outside China')).max(CHINA_BBOX.maxLat, bi('纬度超出中国范围', 'lat outside China')),
  name: z.string().max(100, bi('名称最多 100 个字符', 'name is at most 100 characters')).optional(),
  candidate_id: Ref.optional(),
});

export const ScenarioInput = z
  .object({
    name: z.string().trim().min(1, bi('名称不能为空', 'name is required')).max(100, bi('名称最多 100 个字符', 'name is at most 100 characters')),
    description: z.string().max(2000, bi('说明最多 2000 个字符', 'description is at most 2000 characters')).optional(),
    radius_m: z.number().int().min(1, bi(`半径应为 1–${MAX_RADIUS_M} 米`, `radius_m must be 1–${MAX_RADIUS_M}`)).max(MAX_RADIUS_M, bi(`半径应为 1–${MAX_RADIUS_M} 米`, `radius_m must be 1–${MAX_RADIUS_M}`)),
    hour: z.number().int().min(0, bi('小时应为 0–23', 'hour must be 0–23')).max(23, bi('小时应为 0–23', 'hour must be 0–23')).nullable().optional(),
    weight: WeightParam.default('residents'),
    region: RegionCode.optional(),
    types: z.array(z.enum(FACILITY_TYPES)).min(1).max(FACILITY_TYPES.length).optional(),
    sites: z
      .array(ScenarioSiteInput)
      .max(MAX_SCENARIO_SITES, bi(`新增点位最多 ${MAX_SCENARIO_SITES} 个`, `at most ${MAX_SCENARIO_SITES} sites`)),
  })
  .strict()
  .openapi('ScenarioInput');

export const ScenarioSite = z.object({
  id: z.string().nullable(),
  lng: z.number(),
  lat: z.number(),
  name: z.string(),
  candidate_id: z.string().nullable(),
});

export const ScenarioSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    description: z.string(),
    radius_m: z.number().int(),
    hour: z.number().int().nullable(),
    weight: z.string(),
    region: z.string(),
    types: z.array(z.enum(FACILITY_TYPES)),
    site_count: z.number().int(),
    version: z.number().int(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi('ScenarioSummary');

export const Scenario = ScenarioSummary.extend({ sites: z.array(ScenarioSite) }).openapi('Scenario');

export const ScenarioList = z.object({ scenarios: z.array(ScenarioSummary) });

export const ScenarioCreated = z.object({ id: z.number().int(), version: z.number().int() });

export const ScenarioIdParam = z.object({
  id: z
    .string()
    .regex(/^\d{1,15}$/, bi('方案编号应为正整数', 'scenario id must be a positive integer'))
    .transform(Number)
    .openapi({ param: { name: 'id', in: 'path' }, type: 'string', example: '1' }),
});

export const ScenarioDeleteQuery = z.object({
  version: z
    .string()
    .regex(/^\d{1,9}$/, bi('version 应为正整数', 'version must be a positive integer'))
    .transform(Number)
    .optional()
    .openapi({ type: 'string', description: 'expected version (optimistic concurrency); 409 when it differs' }),
});

export const ScenarioCoverage = z
  .object({
    scenario: ScenarioSummary,
    before: CoverageResult,
    after: CoverageResult,
    added: z.object({ covered: z.number(), ratio: z.number().nullable() }),
  })
  .openapi('ScenarioCoverage');

export const CompareQuery = z.object({
  a: ScenarioIdParam.shape.id.openapi({ param: { name: 'a', in: 'query' } }),
  b: ScenarioIdParam.shape.id.openapi({ param: { name: 'b', in: 'query' } }),
});

export const ScenarioCompare = z
  .object({
    a: ScenarioCoverage,
    b: ScenarioCoverage,
    children: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        before_a: z.number().nullable(),
        after_a: z.number().nullable(),
        before_b: z.number().nullable(),
        after_b: z.number().nullable(),
      }),
    ).openapi({ description: 'per child region ratios, in region code order' }),
  })
  .openapi('ScenarioCompare');
