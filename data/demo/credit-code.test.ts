import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_WEIGHTS,
  creditCodeCheckChar,
  isSyntheticCreditCode,
  isValidCreditCode,
  syntheticCreditCode,
} from './credit-code.ts';
import { Rng } from './prng.ts';

const MIGRATION = readFileSync(new URL('../../api/db/migrations/001_core.sql', import.meta.url), 'utf8');

/**
 * A literal transliteration of `credit_code_valid` in 001_core.sql (1-based strpos/substr, bigint power, % 31), so the
 * TypeScript implementation is checked against the database's definition rather than against itself.
 */
function sqlCreditCodeValid(code: string): boolean {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  const strpos = (s: string, c: string): number => s.indexOf(c) + 1;
  const substr = (s: string, from: number, len: number): string => s.slice(from - 1, from - 1 + len);
  let sum = 0;
  for (let i = 1; i <= 17; i++) sum += (strpos(alphabet, substr(code, i, 1)) - 1) * (3 ** (i - 1) % 31);
  return substr(alphabet, ((31 - (sum % 31)) % 31) + 1, 1) === substr(code, 18, 1);
}

describe('GB 32100-2015 credit code check character', () => {
  it('uses the alphabet and regex of the database function', () => {
    expect(MIGRATION).toContain(`'${CREDIT_CODE_ALPHABET}'`);
    expect(MIGRATION).toContain('^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$');
  });

  it('weights are 3^(i-1) mod 31', () => {
    expect(CREDIT_CODE_WEIGHTS).toEqual([1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]);
  });

  it('accepts published codes', () => {
    // The standard's own example, then codes printed on well-known firms' public business licences.
    for (const code of ['91350100M000100Y43', '914403001922038216', '91440300708461136T', '91330100799655058B', '91110000802100433B']) {
      expect(isValidCreditCode(code), code).toBe(true);
      expect(sqlCreditCodeValid(code), code).toBe(true);
    }
  });

  it('rejects a changed character, a wrong check character and letters outside the alphabet', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000101Y43')).toBe(false);
    expect(isValidCreditCode('91350100M000100O43')).toBe(false); // O is not in the alphabet
    expect(isValidCreditCode('913501A0M000100Y43')).toBe(false); // positions 3-8 are digits
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
  });

  it('agrees with the SQL definition on 20,000 random codes', () => {
    const rng = new Rng(1, 'credit-code-test');
    for (let n = 0; n < 20_000; n++) {
      let body = '';
      for (let i = 0; i < 17; i++) body += i >= 2 && i < 8 ? String(rng.int(0, 9)) : rng.pick([...CREDIT_CODE_ALPHABET]);
      const good = body + creditCodeCheckChar(body);
      expect(sqlCreditCodeValid(good)).toBe(true);
      const bad = body + CREDIT_CODE_ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(good[17]) + rng.int(1, 30)) % 31];
      expect(isValidCreditCode(bad)).toBe(false);
      expect(sqlCreditCodeValid(bad)).toBe(false);
    }
  });

  it('synthetic codes are valid, marked and unique', () => {
    const codes = new Set<string>();
    for (let serial = 1; serial <= 12_000; serial++) {
      const code = syntheticCreditCode('320902', serial);
      expect(isValidCreditCode(code)).toBe(true);
      expect(isSyntheticCreditCode(code)).toBe(true);
      codes.add(code);
    }
    expect(codes.size).toBe(12_000);
    expect(syntheticCreditCode('320981', 42)).toMatch(/^91320981YCDM00042[0-9A-HJ-NPQRTUWXY]$/);
    expect(isSyntheticCreditCode('914403001922038216')).toBe(false);
  });
});
