import { OpenAPIHono } from '@hono/zod-openapi';
import { ApiError } from '../errors.ts';
import { zodIssueText, type IssueLike } from './bilingual.ts';
import type { AppEnv } from './env.ts';

/** Turn zod validation failures into our one 400 shape, naming every bad parameter in both languages. */
export function validationError(issues: readonly IssueLike[], target: string): ApiError {
  const details = issues.map((i) => {
    const { zh, en } = zodIssueText(i);
    return { param: i.path.join('.') || target, message: zh, message_en: en };
  });
  const zh = details.map((d) => `${d.param}：${d.message}`).join('；');
  const en = details.map((d) => `${d.param}: ${d.message_en}`).join('; ');
  return new ApiError('invalid_parameter', `请求参数无效 — ${zh}`, `Invalid request ${target} — ${en}`, details);
}

/** Every resource router is made here, so validation errors look the same everywhere. */
export function createRouter() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result, c) => {
      if (!result.success) {
        throw validationError(result.error.issues as unknown as IssueLike[], (result as { target?: string }).target ?? 'query');
      }
      void c;
    },
  });
}
