/**
 * zod messages carry both languages as "zh‖en" so one schema yields the zh-CN message and the English one;
 * zodIssueText() splits them, and translates zod's own built-in messages for the common issue kinds.
 */
const SEP = '‖';

export const bi = (zh: string, en: string): string => `${zh}${SEP}${en}`;

export interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  expected?: unknown;
  values?: unknown[];
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
  keys?: string[];
}

export function zodIssueText(issue: IssueLike): { zh: string; en: string } {
  if (issue.message.includes(SEP)) {
    const [zh, en] = issue.message.split(SEP);
    return { zh, en };
  }
  const en = issue.message;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.includes('received undefined')) return { zh: '缺少必填值', en: 'required' };
      if (issue.message.includes('received array')) return { zh: '只能给出一次', en: 'must be given once, not repeated' };
      return { zh: `类型错误，应为 ${String(issue.expected)}`, en };
    case 'invalid_value':
      return { zh: `取值无效，可选值：${(issue.values ?? []).map(String).join('、')}`, en };
    case 'too_small':
      return { zh: `不能小于 ${String(issue.minimum)}`, en };
    case 'too_big':
      return { zh: `不能大于 ${String(issue.maximum)}`, en };
    case 'invalid_format':
      return { zh: `格式错误（${issue.format ?? ''}）`, en };
    case 'unrecognized_keys':
      return { zh: `不认识的字段：${(issue.keys ?? []).join('、')}`, en };
    default:
      return { zh: '取值无效', en };
  }
}
