// 统一社会信用代码 (GB 32100-2015): 18 characters =
//   1 registration authority (9 = 市场监管/工商) + 1 organisation kind (1 = 企业)
//   + 6 administrative division code of the registering authority
//   + 9 subject identifier (组织机构代码, GB 11714)
//   + 1 check character.
// Check: with the 31-character alphabet below (no I, O, S, V, Z), value(c) = its index, weight_i = 3^(i-1) mod 31
// for positions i = 1..17, check = alphabet[(31 - Σ value·weight mod 31) mod 31]. This is the same computation as
// `credit_code_valid` in api/db/migrations/001_core.sql, which the database enforces on every insert.

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** 3^(i-1) mod 31 for i = 1..17: 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28. */
export const CREDIT_CODE_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** Same shape rule as the SQL function's regex: positions 3–8 digits, the rest from the alphabet. */
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

/** The check character for the first 17 characters; throws on a character outside the alphabet. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error(`credit code body must be 17 characters, got ${first17.length}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new Error(`credit code character '${first17[i]}' is not in the GB 32100 alphabet`);
    sum += value * CREDIT_CODE_WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

export function isValidCreditCode(code: string): boolean {
  if (!CREDIT_CODE_SHAPE.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/**
 * Marker for synthetic codes: the 9-character subject identifier starts with "YCDM" (盐城 DeMo). Real subject
 * identifiers are either the old all-digit 组织机构代码 or, since 2015, codes assigned from the "MA…" series, so a
 * "YCDM" prefix cannot belong to a registered firm. Position 9 onwards is therefore "YCDM" + a 5-digit serial.
 */
export const SYNTHETIC_SUBJECT_MARKER = 'YCDM';

export function isSyntheticCreditCode(code: string): boolean {
  return code.length === 18 && code.slice(8, 12) === SYNTHETIC_SUBJECT_MARKER;
}

/**
 * A synthetic, valid code: "91" (企业 registered by 市场监管) + the 6-digit county code + "YCDM" + serial (5 digits)
 * + check character. Unique as long as the serial is.
 */
export function syntheticCreditCode(countyCode: string, serial: number): string {
  if (!/^[0-9]{6}$/.test(countyCode)) throw new Error(`county code must be 6 digits: ${countyCode}`);
  if (!Number.isInteger(serial) || serial < 0 || serial > 99999) throw new Error(`serial out of range: ${serial}`);
  const body = `91${countyCode}${SYNTHETIC_SUBJECT_MARKER}${String(serial).padStart(5, '0')}`;
  return body + creditCodeCheckChar(body);
}
