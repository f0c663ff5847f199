import { describe, expect, it } from 'vitest';
import { SqlBuilder } from './sql.ts';

describe('SqlBuilder', () => {
  it('numbers placeholders in order and keeps values out of the text', () => {
    const b = new SqlBuilder();
    b.where(`a = ${b.param("o'neil")}`).where(`b > ${b.param(3)}`);
    expect(b.whereClause()).toBe('where (a = $1) and (b > $2)');
    expect(b.params).toEqual(["o'neil", 3]);
  });
  it('produces no where clause without conditions', () => {
    expect(new SqlBuilder().whereClause()).toBe('');
  });
});
