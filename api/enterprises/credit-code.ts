import { z } from '@hono/zod-openapi';
import { bi } from '../lib/bilingual.ts';

/**
 * 统一社会信用代码 (GB 32100-2015) validation for writes (the admin issue's edit and import paths). The database
 * enforces the same rule (credit_code_valid in 001_core.sql); checking here first lets an import name the bad row
 * and say what the check character should have been, instead of failing the whole COPY on a constraint.
 *
 * Layout: [registration authority][organisation kind][6-digit division code][9-character organisation code][check].
 * Check character: characters take their index in the 31-symbol alphabet (I, O, S, V, Z are never used, so they
 * cannot be confused with 1, 0, 5, U, 2); position i (1-based) weighs 3^(i−1) mod 31; the check is the symbol at
 * (31 − Σ mod 31) mod 31.
 */
const SYMBOLS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** 3^(i−1) mod 31, computed once rather than typed in, so a transcription slip cannot hide in a table. */
const WEIGHTS: number[] = [];
for (let i = 0, w = 1; i < 17; i++, w = (w * 3) % 31) WEIGHTS.push(w);

export type CreditCodeCheck =
  | { valid: true; code: string }
  | { valid: false; reason: 'format'; code: string }
  | { valid: false; reason: 'check_digit'; code: string; expected: string };

/**
 * Clerks paste codes from PDFs and spreadsheets: trim, upper-case, and turn full-width letters and digits
 * (Ａ, １) into ASCII before checking. Nothing else is "corrected" — an O stays an O and fails.
 */
export function normaliseCreditCode(raw: string): string {
  return raw
    .trim()
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

/** The check character the first 17 characters call for, or null when one of them is not in the alphabet. */
export function creditCodeCheckChar(first17: string): string | null {
  if (first17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = SYMBOLS.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * WEIGHTS[i];
  }
  return SYMBOLS[(31 - (sum % 31)) % 31];
}

export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normaliseCreditCode(raw);
  if (!SHAPE.test(code)) return { valid: false, reason: 'format', code };
  const expected = creditCodeCheckChar(code.slice(0, 17))!;
  return expected === code[17] ? { valid: true, code } : { valid: false, reason: 'check_digit', code, expected };
}

/** zod field for write bodies: normalises, then rejects with a zh‖en message naming the expected check character. */
export const CreditCode = z
  .string()
  .max(40)
  .transform((s, ctx) => {
    const r = checkCreditCode(s);
    if (r.valid) return r.code;
    ctx.addIssue({
      code: 'custom',
      message:
        r.reason === 'format'
          ? bi('统一社会信用代码应为 18 位（数字和大写字母，不含 I、O、S、V、Z；第 3–8 位为数字）',
              'unified social credit code must be 18 characters (digits and capitals without I, O, S, V, Z; positions 3–8 digits)')
          : bi(`统一社会信用代码校验位错误，应为 ${r.expected}`, `unified social credit code check character is wrong: expected ${r.expected}`),
    });
    return z.NEVER;
  })
  .openapi({ type: 'string', example: '91320904YCDM00001F', description: '统一社会信用代码 (GB 32100-2015), check character validated' });
