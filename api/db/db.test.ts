import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDb } from '../../test/helpers/db.ts';
import type { Db } from './index.ts';

// Contract test: exercises the Db interface only, so both drivers must pass the same assertions.
describe('Db contract', () => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDb();
  });
  afterAll(async () => db?.close());

  it('probes capabilities', () => {
    expect(db.caps.postgres_version).toMatch(/^\d+\.\d+/);
    expect(Number.parseInt(db.caps.postgres_version, 10)).toBeGreaterThanOrEqual(15);
    expect(db.caps.postgis_version).toMatch(/^3\.\d+/);
    expect(typeof db.caps.mvt).toBe('boolean');
  });

  it('returns int8 and numeric as numbers, huge int8 as exact text, never BigInt', async () => {
    const [r] = await db.query<Record<string, unknown>>(
      `select 42::int8 as small, 9007199254740993::int8 as huge, 1.5::numeric as num, count(*) as cnt from (values (1),(2)) v(x)`,
    );
    expect(r.small).toBe(42);
    expect(r.huge).toBe('9007199254740993');
    expect(r.num).toBe(1.5);
    expect(r.cnt).toBe(2);
    expect(() => JSON.stringify(r)).not.toThrow();
  });

  it('returns dates as YYYY-MM-DD text and arrays as arrays', async () => {
    const [r] = await db.query<{ d: unknown; a: unknown; t: unknown }>(
      `select date '2025-10-01' as d, array[1,2,3]::int[] as a, array['water','toilet']::text[] as t`,
    );
    expect(r.d).toBe('2025-10-01');
    expect(r.a).toEqual([1, 2, 3]);
    expect(r.t).toEqual(['water', 'toilet']);
  });

  it('runs sessions in Asia/Shanghai', async () => {
    const [r] = await db.query<{ tz: string; h: number }>(
      `select current_setting('TimeZone') as tz, extract(hour from timestamptz '2025-06-01T00:00:00Z')::int as h`,
    );
    expect(r.tz).toBe('Asia/Shanghai');
    expect(r.h).toBe(8);
  });

  it('rolls a failed transaction back completely', async () => {
    await db.query('create table if not exists tx_probe (id int primary key)');
    await db.query('delete from tx_probe');
    await expect(
      db.tx(async (q) => {
        await q.query('insert into tx_probe values (1)');
        await q.query('insert into tx_probe values (1)'); // duplicate → error
      }),
    ).rejects.toThrow();
    const [{ n }] = await db.query<{ n: number }>('select count(*) as n from tx_probe');
    expect(n).toBe(0);
    await db.query('drop table tx_probe');
  });

  it('loads CSV with COPY inside a transaction, quoting included', async () => {
    await db.query('create table if not exists copy_probe (id int, name text, g geometry(Point, 4326))');
    await db.query('delete from copy_probe');
    await db.tx((q) =>
      q.copyCsv('copy_probe', ['id', 'name', 'g'], 'id,name,g\n1,"盐城, ""东台""",SRID=4326;POINT(120.3 32.85)\n2,,\n'),
    );
    const rows = await db.query<{ id: number; name: string | null; x: number | null }>(
      'select id, name, ST_X(g) as x from copy_probe order by id',
    );
    expect(rows).toEqual([
      { id: 1, name: '盐城, "东台"', x: 120.3 },
      { id: 2, name: null, x: null },
    ]);
    await db.query('drop table copy_probe');
  });

  it('binds parameters as values, never as SQL', async () => {
    const evil = "x'); drop table regions; --";
    const [r] = await db.query<{ v: string }>('select $1::text as v', [evil]);
    expect(r.v).toBe(evil);
    const [{ n }] = await db.query<{ n: number }>('select count(*) as n from regions');
    expect(n).toBeGreaterThan(0);
  });
});
