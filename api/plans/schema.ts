import { z } from '@hono/zod-openapi';
import { ApiError } from '../errors.ts';
import { bi } from '../lib/bilingual.ts';
import { CHINA_BBOX } from '../lib/params.ts';
import { RegionCode } from '../regions/schema.ts';

/** Limits: 500k demand points ≈ 50 MB of GeoJSON, the most one request may carry; more is 413. */
export const MAX_DEMAND = 500_000;
export const MAX_CANDIDATES = 20_000;
export const MAX_BODY_BYTES = 80 * 1024 * 1024;
export const DEFAULT_TIME_LIMIT_MS = 10_000;
export const MAX_TIME_LIMIT_MS = 60_000;

export const WEIGHTS = ['residents', 'workers', 'new_form_workers', 'riders'] as const;
export type WeightKind = (typeof WEIGHTS)[number];

/**
 * Point FeatureCollections are validated by parsePoints() in one tight loop, not by zod per feature: zod over
 * 500k features costs seconds, and the 413 for too many points must come before any per-feature work.
 */
const PointFeatureCollection = (what: string) =>
  z
    .object({
      type: z.literal('FeatureCollection', { message: bi('type 应为 FeatureCollection', 'type must be FeatureCollection') }),
      features: z.array(z.unknown(), { message: bi('features 应为数组', 'features must be an array') }),
    })
    .openapi({
      description: `${what}: GeoJSON FeatureCollection of Points (WGS84 [lng, lat]); properties.id required and unique`,
      example: {
        type: 'FeatureCollection',
        features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [120.16, 33.35] }, properties: { id: 'a', weight: 10 } }],
      },
    });

export const SuggestBody = z
  .object({
    k: z
      .number({ message: bi('k 应为整数', 'k must be an integer') })
      .int(bi('k 应为整数', 'k must be an integer'))
      .min(1, bi('k 至少为 1', 'k must be at least 1'))
      .max(1000, bi('k 最多为 1000', 'k is at most 1000'))
      .openapi({ description: 'number of new sites', example: 5 }),
    radius_m: z
      .number({ message: bi('radius_m 应为数字', 'radius_m must be a number') })
      .min(1, bi('半径应为 1–5000 米', 'radius_m must be 1–5000 m'))
      .max(5000, bi('半径应为 1–5000 米', 'radius_m must be 1–5000 m'))
      .openapi({ description: 'reach, metres of ellipsoidal (geodesic) distance', example: 1000 }),
    region: RegionCode.optional().openapi({ description: 'default demand and candidates: this region only', example: '320902' }),
    hour: z
      .number({ message: bi('hour 应为 0–23 的整数', 'hour must be an integer 0–23') })
      .int(bi('hour 应为 0–23 的整数', 'hour must be an integer 0–23'))
      .min(0, bi('hour 应为 0–23 的整数', 'hour must be an integer 0–23'))
      .max(23, bi('hour 应为 0–23 的整数', 'hour must be an integer 0–23'))
      .optional()
      .openapi({ description: 'existing sites count only if open for the whole hour on the next ordinary weekday; riders weight = that hour' }),
    weight: z.enum(WEIGHTS, { message: bi(`weight 可选：${WEIGHTS.join(', ')}`, `weight must be one of ${WEIGHTS.join(', ')}`) }).optional(),
    keep_existing: z.boolean({ message: bi('keep_existing 应为 true 或 false', 'keep_existing must be true or false') }).optional(),
    candidates: PointFeatureCollection('candidate sites').optional(),
    demand: PointFeatureCollection('demand points (properties.weight ≥ 0)').optional(),
    time_limit_ms: z
      .number({ message: bi('time_limit_ms 应为整数', 'time_limit_ms must be an integer') })
      .int(bi('time_limit_ms 应为整数', 'time_limit_ms must be an integer'))
      .min(100, bi(`time_limit_ms 应为 100–${MAX_TIME_LIMIT_MS}`, `time_limit_ms must be 100–${MAX_TIME_LIMIT_MS}`))
      .max(MAX_TIME_LIMIT_MS, bi(`time_limit_ms 应为 100–${MAX_TIME_LIMIT_MS}`, `time_limit_ms must be 100–${MAX_TIME_LIMIT_MS}`))
      .optional()
      .openapi({ description: `optimisation time budget, default ${DEFAULT_TIME_LIMIT_MS}` }),
  })
  .strict()
  .openapi('SuggestRequest');
export type SuggestBodyT = z.infer<typeof SuggestBody>;

export const SelectedSite = z.object({
  id: z.union([z.string(), z.number()]),
  lng: z.number(),
  lat: z.number(),
  name: z.string().optional(),
  kind: z.enum(['facility', 'h3_cell', 'custom']).openapi({ description: 'existing 党群服务中心/便民中心, centre of an uncovered H3 res-8 cell, or caller-supplied' }),
  added_weight: z.number(),
});

export const SuggestResult = z
  .object({
    selected: z.array(z.union([z.string(), z.number()])).openapi({ description: 'candidate ids in the order added' }),
    selected_sites: z.array(SelectedSite),
    covered_weight: z.number().openapi({ description: 'covered after adding the sites (includes baseline_weight)' }),
    total_weight: z.number(),
    baseline_weight: z.number().openapi({ description: 'covered by existing open sites (keep_existing)' }),
    upper_bound: z.number().openapi({ description: 'proven upper bound on the best possible covered_weight' }),
    gap: z.number().openapi({ description: '(upper_bound − covered_weight) / upper_bound; 0 = proven optimal' }),
    optimal: z.boolean(),
    method: z.string().openapi({
      description: "'<solution>/<certificate>': solution greedy | greedy+swap | lagrangian+swap | mip; certificate submodular | lagrangian | mip | trivial; 'mip-optimal' when HiGHS proved optimality",
      example: 'mip-optimal',
    }),
    greedy_weight: z.number().openapi({ description: 'what plain lazy greedy covers; covered_weight is never less' }),
    elapsed_ms: z.number(),
    candidates_count: z.number().int(),
    demand_count: z.number().int(),
    timings_ms: z.record(z.string(), z.number()),
  })
  .openapi('SuggestResult');
export type SuggestResultT = z.infer<typeof SuggestResult>;

export const JobStatus = z
  .object({
    job_id: z.string(),
    status: z.enum(['running', 'done', 'failed', 'cancelled']),
    progress: z.object({ done: z.number(), total: z.number(), message: z.string().optional() }),
    result: SuggestResult.optional(),
    error: z.object({ code: z.string(), message: z.string(), message_en: z.string() }).optional(),
  })
  .openapi('PlanJob');

export const JobIdParam = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f-]{36}$/, bi('任务编号无效', 'invalid job id'))
    .openapi({ param: { name: 'id', in: 'path' }, example: '3f1c2a4e-0000-4000-8000-000000000000' }),
});

// ------------------------------------------------------------------------------------------------ points

export interface ParsedPoints {
  ids: (string | number)[];
  lng: Float64Array;
  lat: Float64Array;
  weight: Float64Array;
  names: (string | undefined)[];
}

const tooLarge = (what: 'demand' | 'candidates', n: number, max: number) =>
  new ApiError(
    'payload_too_large',
    `${what === 'demand' ? '需求点' : '候选点'}过多：${n} 个，最多 ${max} 个`,
    `Too many ${what} points: ${n}, at most ${max}`,
    { param: what, count: n, max },
  );

/** Validate a caller's Point FeatureCollection in one pass; name up to 10 bad features in the 400. */
export function parsePoints(
  fc: { features: unknown[] },
  what: 'demand' | 'candidates',
  withWeight: boolean,
): ParsedPoints {
  const n = fc.features.length;
  const max = what === 'demand' ? MAX_DEMAND : MAX_CANDIDATES;
  if (n > max) throw tooLarge(what, n, max);
  const zhWhat = what === 'demand' ? '需求点' : '候选点';
  if (n === 0) {
    throw new ApiError('invalid_parameter', `${zhWhat}为空`, `${what} is empty`, { param: what });
  }
  const out: ParsedPoints = { ids: new Array(n), lng: new Float64Array(n), lat: new Float64Array(n), weight: new Float64Array(n), names: new Array(n) };
  const problems: { index: number; message: string; message_en: string }[] = [];
  let problemCount = 0;
  const bad = (index: number, zh: string, en: string) => {
    problemCount++;
    if (problems.length < 10) problems.push({ index, message: zh, message_en: en });
  };
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const f = fc.features[i] as { type?: unknown; geometry?: { type?: unknown; coordinates?: unknown }; properties?: Record<string, unknown> } | null;
    if (!f || typeof f !== 'object' || f.type !== 'Feature') { bad(i, '不是 GeoJSON Feature', 'not a GeoJSON Feature'); continue; }
    const g = f.geometry;
    if (!g || typeof g !== 'object' || g.type !== 'Point') { bad(i, '几何类型应为 Point', 'geometry must be a Point'); continue; }
    const c = g.coordinates;
    if (!Array.isArray(c) || c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number' || !Number.isFinite(c[0]) || !Number.isFinite(c[1])) {
      bad(i, '坐标应为 [经度, 纬度] 数字', 'coordinates must be numbers [lng, lat]');
      continue;
    }
    if (c[0] < CHINA_BBOX.minLng || c[0] > CHINA_BBOX.maxLng || c[1] < CHINA_BBOX.minLat || c[1] > CHINA_BBOX.maxLat) {
      bad(i, '坐标不在中国范围内（经纬度是否颠倒？应为 WGS84 [经度, 纬度]）', 'coordinates outside China (lng/lat swapped? expected WGS84 [lng, lat])');
      continue;
    }
    const p = f.properties;
    const id = p && typeof p === 'object' ? p.id : undefined;
    const idOk = (typeof id === 'string' && id.length >= 1 && id.length <= 100) || (typeof id === 'number' && Number.isSafeInteger(id));
    if (!idOk) { bad(i, 'properties.id 缺失或无效（字符串 1–100 字符或整数）', 'properties.id missing or invalid (string of 1–100 chars or integer)'); continue; }
    const key = `${typeof id}:${id}`;
    if (seen.has(key)) { bad(i, `properties.id 重复：${String(id)}`, `duplicate properties.id: ${String(id)}`); continue; }
    seen.add(key);
    if (withWeight) {
      const w = p!.weight;
      if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > 1e12) {
        bad(i, 'properties.weight 应为 ≥ 0 的数字', 'properties.weight must be a number ≥ 0');
        continue;
      }
      out.weight[i] = w;
    }
    out.ids[i] = id as string | number;
    out.lng[i] = c[0];
    out.lat[i] = c[1];
    const name = p!.name;
    out.names[i] = typeof name === 'string' ? name.slice(0, 100) : undefined;
  }
  if (problemCount) {
    const first = problems[0];
    throw new ApiError(
      'invalid_parameter',
      `${zhWhat}有 ${problemCount} 个要素无效；第 ${first.index} 个：${first.message}`,
      `${problemCount} invalid ${what} feature(s); feature ${first.index}: ${first.message_en}`,
      { param: what, count: problemCount, features: problems },
    );
  }
  return out;
}
