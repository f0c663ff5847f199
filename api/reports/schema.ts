import { z } from '@hono/zod-openapi';
import { bi } from '../lib/bilingual.ts';

export const REPORT_KINDS = ['closed', 'no_water', 'no_power', 'dirty', 'unsafe', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const REPORT_KIND_LABELS: Record<ReportKind, { zh: string; en: string }> = {
  closed: { zh: '未开门', en: 'Closed' },
  no_water: { zh: '没有饮水', en: 'No water' },
  no_power: { zh: '不能充电', en: 'No charging' },
  dirty: { zh: '不卫生', en: 'Dirty' },
  unsafe: { zh: '不安全', en: 'Unsafe' },
  other: { zh: '其他', en: 'Other' },
};

export const ReportBody = z
  .object({
    facility_id: z
      .number({ error: bi('facility_id 应为正整数', 'facility_id must be a positive integer') })
      .int(bi('facility_id 应为正整数', 'facility_id must be a positive integer'))
      .min(1, bi('facility_id 应为正整数', 'facility_id must be a positive integer'))
      .max(Number.MAX_SAFE_INTEGER, bi('facility_id 过大', 'facility_id is too large')),
    kind: z.enum(REPORT_KINDS, {
      error: bi(`kind 只能是 ${REPORT_KINDS.join('、')}`, `kind must be one of ${REPORT_KINDS.join(', ')}`),
    }),
    note: z
      .string({ error: bi('note 应为文字', 'note must be text') })
      .trim()
      .max(500, bi('说明最多 500 个字符', 'note is at most 500 characters'))
      .optional(),
    lng: z
      .number({ error: bi('lng 应为数字', 'lng must be a number') })
      .min(-180, bi('经度应在 -180~180 之间', 'lng must be from -180 to 180'))
      .max(180, bi('经度应在 -180~180 之间', 'lng must be from -180 to 180'))
      .optional(),
    lat: z
      .number({ error: bi('lat 应为数字', 'lat must be a number') })
      .min(-90, bi('纬度应在 -90~90 之间', 'lat must be from -90 to 90'))
      .max(90, bi('纬度应在 -90~90 之间', 'lat must be from -90 to 90'))
      .optional(),
    device_token: z
      .string({ error: bi('device_token 应为文字', 'device_token must be text') })
      .regex(/^[A-Za-z0-9_-]{8,128}$/, bi('device_token 应为 8–128 个字母、数字、_ 或 -', 'device_token must be 8–128 letters, digits, _ or -'))
      .optional(),
  })
  .strict()
  .refine((b) => (b.lng === undefined) === (b.lat === undefined), {
    message: bi('lng 和 lat 要么都给，要么都不给', 'give both lng and lat, or neither'),
    path: ['lng'],
  })
  .openapi('ProblemReport', {
    example: { facility_id: 1, kind: 'no_water', note: '饮水机坏了', lng: 120.16, lat: 33.35, device_token: 'a1b2c3d4e5f6' },
  });

export const ReportCreated = z
  .object({ id: z.number().int(), created_at: z.string().openapi({ description: 'ISO 8601, +08:00' }) })
  .openapi('ProblemReportCreated');
