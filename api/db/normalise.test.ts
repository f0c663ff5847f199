import { describe, expect, it } from 'vitest';
import { parseInt8, parseNumeric, toPgArrayLiteral } from './normalise.ts';

describe('driver normalisation', () => {
  it('int8: safe integers become numbers, larger stay exact text', () => {
    expect(parseInt8('42')).toBe(42);
    expect(parseInt8('-9007199254740991')).toBe(-9007199254740991);
    expect(parseInt8('9007199254740993')).toBe('9007199254740993');
  });
  it('numeric: finite numbers, NaN stays text', () => {
    expect(parseNumeric('0.125')).toBe(0.125);
    expect(parseNumeric('NaN')).toBe('NaN');
  });
  it('array literals quote and escape every element kind', () => {
    expect(toPgArrayLiteral([1, 2.5, null])).toBe('{1,2.5,NULL}');
    expect(toPgArrayLiteral([true, false])).toBe('{t,f}');
    expect(toPgArrayLiteral(['a b', 'x"y', 'back\\slash', '', 'NULL'])).toBe('{"a b","x\\"y","back\\\\slash","","NULL"}');
    expect(toPgArrayLiteral([[1, 2], [3, 4]])).toBe('{{1,2},{3,4}}');
    expect(toPgArrayLiteral([])).toBe('{}');
  });
});
