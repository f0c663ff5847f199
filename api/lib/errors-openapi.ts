import { z } from '@hono/zod-openapi';

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: 'invalid_parameter' }),
      message: z.string().openapi({ example: '参数 lng 无效：缺少必填值' }),
      message_en: z.string().openapi({ example: 'Invalid parameter lng: required' }),
      details: z.any().optional(),
    }),
  })
  .openapi('Error');

const err = (description: string) => ({ content: { 'application/json': { schema: ErrorSchema } }, description });

/** The error responses every route can give; spread into createRoute({ responses }). */
export const commonErrors = {
  400: err('参数无效 / invalid parameter'),
  404: err('未找到 / not found'),
  503: err('数据库不可用 / database unavailable'),
} as const;
