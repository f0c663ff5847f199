import { z } from '@hono/zod-openapi';
import { bi } from './bilingual.ts';

/**
 * Query-parameter building blocks shared by resources. Each rejects bad input with a zh‖en message, so the
 * router's hook can answer 400 in both languages.
 */

/** Comma-separated list of allowed values, e.g. type=station,worker_home. Unknown values are named. */
export function csvEnum<const T extends readonly [string, ...string[]]>(values: T, what_zh: string, what_en: string) {
  return z
    .string()
    .min(1)
    .max(500)
    .transform((s, ctx) => {
      const parts = [...new Set(s.split(',').map((p) => p.trim()).filter(Boolean))];
      const unknown = parts.filter((p) => !(values as readonly string[]).includes(p));
      if (parts.length === 0 || unknown.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: bi(
            `未知的${what_zh}：${unknown.join('、') || '（空）'}；可选：${values.join(', ')}`,
            `unknown ${what_en}: ${unknown.join(', ') || '(empty)'}; allowed: ${values.join(', ')}`,
          ),
        });
        return z.NEVER;
      }
      return parts as T[number][];
    })
    .openapi({ type: 'string', description: `comma-separated: ${values.join(', ')}` });
}

/** Yancheng is in China; anything outside a generous China box is almost certainly swapped lat/lng or junk. */
export const CHINA_BBOX = { minLng: 73, minLat: 3, maxLng: 136, maxLat: 54 } as const;

/** bbox=minLng,minLat,maxLng,maxLat in WGS84. */
export const BboxParam = z
  .string()
  .max(200)
  .transform((s, ctx) => {
    const parts = s.split(',').map((p) => p.trim());
    const nums = parts.map(Number);
    const bad = () => {
      ctx.addIssue({
        code: 'custom',
        message: bi(
          'bbox 应为 最小经度,最小纬度,最大经度,最大纬度（WGS84，经度 -180~180，纬度 -90~90，最小值小于最大值）',
          'bbox must be minLng,minLat,maxLng,maxLat (WGS84, lng −180..180, lat −90..90, min < max)',
        ),
      });
      return z.NEVER;
    };
    if (parts.length !== 4 || parts.some((p) => p === '') || nums.some((n) => !Number.isFinite(n))) return bad();
    const [minLng, minLat, maxLng, maxLat] = nums;
    if (minLng < -180 || maxLng > 180 || minLat < -90 || maxLat > 90 || minLng >= maxLng || minLat >= maxLat) return bad();
    return { minLng, minLat, maxLng, maxLat };
  })
  .openapi({ type: 'string', example: '120.0,33.2,120.4,33.5', description: 'minLng,minLat,maxLng,maxLat (WGS84)' });

/** Integer in [min, max] from a query string, rejecting "1e309", "0x10", "12abc" and blanks. */
export function intParam(min: number, max: number, zhName: string, enName: string) {
  return z
    .string()
    .max(20)
    .transform((s, ctx) => {
      const n = /^-?\d+$/.test(s.trim()) ? Number(s) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: bi(`${zhName}应为 ${min}–${max} 的整数`, `${enName} must be an integer from ${min} to ${max}`),
        });
        return z.NEVER;
      }
      return n;
    })
    .openapi({ type: 'integer', minimum: min, maximum: max });
}

/** Opaque pagination cursor: base64url of the last id returned. */
export const CursorParam = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    let id = Number.NaN;
    try {
      const raw = Buffer.from(s, 'base64url').toString('utf8');
      if (/^\d{1,15}$/.test(raw)) id = Number(raw);
    } catch {
      /* fall through */
    }
    if (!Number.isSafeInteger(id)) {
      ctx.addIssue({ code: 'custom', message: bi('分页游标无效，请使用上一页返回的 next_cursor', 'invalid cursor: pass the next_cursor of the previous page') });
      return z.NEVER;
    }
    return id;
  })
  .openapi({ type: 'string', description: 'next_cursor from the previous page' });

export const encodeCursor = (id: number): string => Buffer.from(String(id), 'utf8').toString('base64url');
