import { readFileSync } from 'node:fs';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import type { Queryable, Row } from '../db/types.ts';
import { HOLIDAYS } from './holidays.ts';
import { refreshOpeningHours } from './materialise.ts';

// PGlite only: with DATABASE_URL set, the integration suite runs the same SQL on real PostgreSQL.
const skip = Boolean(process.env.DATABASE_URL);

const migration = (name: string): string =>
  readFileSync(new URL(`../db/migrations/${name}`, import.meta.url), 'utf8');

/** Fixtures: one facility per schedule case; the name says the case. */
const FACILITIES = {
  always: { id: 1, hours: '24/7' },
  officePhOff: { id: 2, hours: 'Mo-Fr 08:00-18:00; Sa 09:00-12:00; PH off' },
  overnight: { id: 3, hours: '20:00-06:00' },
  longMonday: { id: 4, hours: 'Mo 07:00-19:00; Tu-Fr 08:00-18:00; Sa,Su off' },
  unparsable: { id: 5, hours: 'Mo-Fr sunrise-sunset' },
  holidaysLikeWeekdays: { id: 6, hours: '08:00-20:00' },
  holidayHours: { id: 7, hours: 'Mo-Fr 08:00-18:00; Sa,Su,PH 09:00-12:00' },
} as const;

const SESSION_ZONES = ['UTC', 'America/New_York'] as const;

describe.skipIf(skip)('opening hours SQL (PGlite + PostGIS)', () => {
  let pg: PGlite;
  let q: Queryable;

  const openAt = async (fid: number, t: string): Promise<boolean> =>
    (await q.query<{ v: boolean }>('select facility_open_at($1, $2::timestamptz) as v', [fid, t]))[0]!.v;
  const openDuring = async (fid: number, t0: string, t1: string): Promise<boolean> =>
    (
      await q.query<{ v: boolean }>('select facility_open_during($1, $2::timestamptz, $3::timestamptz) as v', [
        fid,
        t0,
        t1,
      ])
    )[0]!.v;
  const nextChange = async (fid: number, t: string): Promise<number | null> => {
    const v = (await q.query<{ v: Date | null }>('select facility_next_change($1, $2::timestamptz) as v', [fid, t]))[0]!
      .v;
    return v === null ? null : v.getTime();
  };
  const at = (iso: string): number => new Date(iso).getTime();

  beforeAll(async () => {
    pg = await PGlite.create({ extensions: { postgis } });
    // a tiny Queryable over PGlite, as api/db/pglite.ts would provide
    q = {
      async query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]> {
        return (await pg.query<T>(sql, params ? [...params] : undefined)).rows;
      },
    };
    await pg.exec(migration('001_core.sql'));
    await pg.exec(migration('002_opening_hours.sql'));
    await pg.exec(`
      -- every level but village needs a polygon (001_core.sql), the city included
      insert into regions (code, name, level, geom)
        values ('320900', '盐城市', 'city', ST_Multi(ST_MakeEnvelope(119, 32, 122, 35, 4326)));
      insert into regions (code, name, level, parent_code, geom)
        values ('320902', '亭湖区', 'county', '320900', ST_Multi(ST_MakeEnvelope(120, 33, 121, 34, 4326)));
      insert into regions (code, name, level, parent_code, geom)
        values ('320902001', '五星街道', 'town', '320902', ST_Multi(ST_MakeEnvelope(120, 33, 121, 34, 4326)));
    `);
    for (const f of Object.values(FACILITIES)) {
      await q.query(
        `insert into facilities (id, type, name, geom, region_code, opening_hours)
         values ($1, 'station', $2, ST_SetSRID(ST_MakePoint(120.16, 33.35), 4326), '320902001', $3)`,
        [f.id, `站点 ${f.id}`, f.hours],
      );
    }
    await refreshOpeningHours(q);
  }, 240_000); // creating PostGIS in PGlite takes ≈ 11 s alone, far more on a loaded machine

  afterAll(async () => {
    await pg?.close();
  });

  it('holidays.ts and the SQL seed rows are identical', async () => {
    const rows = await q.query(
      `select to_char(day, 'YYYY-MM-DD') as day, kind, name_zh, name_en from holidays order by day`,
    );
    expect(rows).toEqual([...HOLIDAYS].sort((a, b) => a.day.localeCompare(b.day)));
  });

  it('materialises rules, intervals and parse errors', async () => {
    const rules = await q.query<{ facility_id: number; always_open: boolean; ph_mode: string; code: string | null }>(
      `select facility_id::int as facility_id, always_open, ph_mode, parse_error::json ->> 'code' as code
         from opening_rules order by facility_id`,
    );
    expect(rules).toEqual([
      { facility_id: 1, always_open: true, ph_mode: 'weekday', code: null },
      { facility_id: 2, always_open: false, ph_mode: 'own', code: null },
      { facility_id: 3, always_open: false, ph_mode: 'weekday', code: null },
      { facility_id: 4, always_open: false, ph_mode: 'weekday', code: null },
      { facility_id: 5, always_open: false, ph_mode: 'weekday', code: 'variable_time' },
      { facility_id: 6, always_open: false, ph_mode: 'weekday', code: null },
      { facility_id: 7, always_open: false, ph_mode: 'own', code: null },
    ]);
    const n = await q.query<{ n: number }>('select count(*)::int as n from opening_intervals where facility_id = 5');
    expect(n[0]!.n).toBe(0);
  });

  it('refreshing one facility replaces only its rows', async () => {
    await q.query(`update facilities set opening_hours = 'Mo 10:00-11:00' where id = 6`);
    expect(await refreshOpeningHours(q, [6])).toEqual({ facilities: 1, intervals: 1, errors: 0 });
    expect(await openAt(6, '2025-09-29T10:30:00+08:00')).toBe(true);
    expect(await openAt(6, '2025-09-30T10:30:00+08:00')).toBe(false);
    await q.query(`update facilities set opening_hours = $1 where id = 6`, [FACILITIES.holidaysLikeWeekdays.hours]);
    expect(await refreshOpeningHours(q, [6])).toEqual({ facilities: 1, intervals: 7, errors: 0 });
    const total = await q.query<{ n: number }>('select count(*)::int as n from opening_intervals');
    // per facility: 24/7 → 7; Mo-Fr + Sa → 6; overnight → 2 a day; Mo + Tu-Fr → 5; unparsable → 0; every day → 7;
    // Mo-Fr + Sa,Su,PH → 8
    expect(total[0]!.n).toBe(7 + 6 + 14 + 5 + 0 + 7 + 8);
  });

  it('hours_day_kind: holiday → 7 only with own PH hours, 调休 workday → Monday, else ISO weekday - 1', async () => {
    const rows = await q.query<{ own: number; weekday: number }>(
      `select hours_day_kind('own', d::date) as own, hours_day_kind('weekday', d::date) as weekday
         from unnest($1::text[]) with ordinality as x (d, n) order by n`,
      [['2025-10-01', '2025-09-28', '2026-02-14', '2025-09-30', '2025-10-12']],
    );
    expect(rows).toEqual([
      { own: 7, weekday: 2 }, // National Day, a Wednesday
      { own: 0, weekday: 0 }, // Sunday make-up workday
      { own: 0, weekday: 0 }, // Saturday make-up workday
      { own: 1, weekday: 1 }, // ordinary Tuesday
      { own: 6, weekday: 6 }, // ordinary Sunday
    ]);
  });

  for (const zone of SESSION_ZONES) {
    describe(`with session time zone ${zone}`, () => {
      beforeAll(async () => {
        await pg.exec(`set time zone '${zone}'`);
      });

      it('a 24/7 station is open at any instant and never changes', async () => {
        expect(await openAt(FACILITIES.always.id, '2025-10-01T03:00:00+08:00')).toBe(true);
        expect(await openDuring(FACILITIES.always.id, '2025-10-01T00:00:00+08:00', '2025-10-02T00:00:00+08:00')).toBe(
          true,
        );
        expect(await nextChange(FACILITIES.always.id, '2025-10-01T03:00:00+08:00')).toBeNull();
      });

      it('office hours: open inside, closed at the end instant, closed on Sunday', async () => {
        const id = FACILITIES.officePhOff.id;
        expect(await openAt(id, '2025-09-30T10:00:00+08:00')).toBe(true);
        expect(await openAt(id, '2025-09-30T07:59:59+08:00')).toBe(false);
        expect(await openAt(id, '2025-09-30T08:00:00+08:00')).toBe(true);
        expect(await openAt(id, '2025-09-30T17:59:59+08:00')).toBe(true);
        expect(await openAt(id, '2025-09-30T18:00:00+08:00')).toBe(false);
        // the same instant written in UTC: 02:00Z is 10:00 in Shanghai
        expect(await openAt(id, '2025-09-30T02:00:00Z')).toBe(true);
        expect(await openAt(id, '2025-10-12T10:00:00+08:00')).toBe(false);
      });

      it('PH off closes on 2025-10-01 (a holiday Wednesday); without PH rules holidays follow the weekday', async () => {
        expect(await openAt(FACILITIES.officePhOff.id, '2025-10-01T10:00:00+08:00')).toBe(false);
        expect(await openAt(FACILITIES.holidaysLikeWeekdays.id, '2025-10-01T10:00:00+08:00')).toBe(true);
        expect(await openAt(FACILITIES.holidayHours.id, '2025-10-01T10:00:00+08:00')).toBe(true);
        expect(await openAt(FACILITIES.holidayHours.id, '2025-10-01T13:00:00+08:00')).toBe(false);
      });

      it('调休 workday 2025-09-28 (Sunday) follows Monday hours', async () => {
        const id = FACILITIES.longMonday.id;
        expect(await openAt(id, '2025-09-28T07:30:00+08:00')).toBe(true); // Monday opens at 07:00
        expect(await openAt(id, '2025-09-28T18:30:00+08:00')).toBe(true); // Monday closes at 19:00
        expect(await openAt(id, '2025-09-21T10:00:00+08:00')).toBe(false); // an ordinary Sunday
        expect(await openAt(FACILITIES.officePhOff.id, '2025-09-28T10:00:00+08:00')).toBe(true);
      });

      it('调休 workday 2026-02-14 (Saturday) follows Monday hours, not Saturday hours', async () => {
        expect(await openAt(FACILITIES.longMonday.id, '2026-02-14T18:30:00+08:00')).toBe(true);
        expect(await openAt(FACILITIES.officePhOff.id, '2026-02-14T13:00:00+08:00')).toBe(true); // Sa is 09-12
        expect(await openAt(FACILITIES.officePhOff.id, '2026-02-07T13:00:00+08:00')).toBe(false); // ordinary Sa
      });

      it('a span crossing midnight is open on both sides of it', async () => {
        const id = FACILITIES.overnight.id;
        expect(await openAt(id, '2025-09-30T23:30:00+08:00')).toBe(true);
        expect(await openAt(id, '2025-09-30T01:30:00+08:00')).toBe(true);
        expect(await openAt(id, '2025-09-30T06:00:00+08:00')).toBe(false);
        expect(await openAt(id, '2025-09-30T12:00:00+08:00')).toBe(false);
      });

      it('open_during: a whole hour vs a partial one', async () => {
        const id = FACILITIES.officePhOff.id;
        expect(await openDuring(id, '2025-09-30T10:00:00+08:00', '2025-09-30T11:00:00+08:00')).toBe(true);
        expect(await openDuring(id, '2025-09-30T17:00:00+08:00', '2025-09-30T18:00:00+08:00')).toBe(true);
        expect(await openDuring(id, '2025-09-30T17:30:00+08:00', '2025-09-30T18:30:00+08:00')).toBe(false);
        expect(await openDuring(id, '2025-09-30T07:00:00+08:00', '2025-09-30T08:00:00+08:00')).toBe(false);
        expect(await openDuring(id, '2025-09-30T11:00:00+08:00', '2025-09-30T10:00:00+08:00')).toBe(false);
        expect(await openDuring(FACILITIES.unparsable.id, '2025-09-30T10:00:00+08:00', '2025-09-30T11:00:00+08:00')).toBe(
          false,
        );
      });

      it('open_during: 20:00-24:00 then 00:00-06:00 next day is continuous', async () => {
        const id = FACILITIES.overnight.id;
        expect(await openDuring(id, '2025-09-30T23:00:00+08:00', '2025-10-01T00:00:00+08:00')).toBe(true);
        expect(await openDuring(id, '2025-09-30T22:00:00+08:00', '2025-10-01T05:00:00+08:00')).toBe(true);
        expect(await openDuring(id, '2025-09-30T22:00:00+08:00', '2025-10-01T06:30:00+08:00')).toBe(false);
        expect(await openDuring(id, '2025-09-30T19:30:00+08:00', '2025-10-01T01:00:00+08:00')).toBe(false);
      });

      it('open_during over more than 24 hours falls back to next_change', async () => {
        expect(await openDuring(FACILITIES.officePhOff.id, '2025-09-30T10:00:00+08:00', '2025-10-01T11:00:00+08:00')).toBe(
          false,
        );
        expect(await openDuring(FACILITIES.always.id, '2025-09-01T00:00:00+08:00', '2025-12-01T00:00:00+08:00')).toBe(
          true,
        );
      });

      it('next_change: closing time, the next opening, and midnight is not a change', async () => {
        const office = FACILITIES.officePhOff.id;
        expect(await nextChange(office, '2025-09-30T10:00:00+08:00')).toBe(at('2025-09-30T18:00:00+08:00'));
        // closes at 18:00 on 09-29; a change exactly at t is not "after t"
        expect(await nextChange(office, '2025-09-29T08:00:00+08:00')).toBe(at('2025-09-29T18:00:00+08:00'));
        // Saturday 10-11 is a 调休 workday: Monday hours from 08:00
        expect(await nextChange(office, '2025-10-10T19:00:00+08:00')).toBe(at('2025-10-11T08:00:00+08:00'));
        expect(await nextChange(office, '2025-10-08T12:00:00+08:00')).toBe(at('2025-10-09T08:00:00+08:00'));
        expect(await nextChange(FACILITIES.overnight.id, '2025-09-30T21:00:00+08:00')).toBe(
          at('2025-10-01T06:00:00+08:00'),
        );
      });

      it('next_change: NULL when nothing changes within 8 days, or for an unparsable text', async () => {
        // closed from 09-30 18:00 through the National Day holiday; reopens 10-09 08:00, beyond 192 hours
        expect(await nextChange(FACILITIES.officePhOff.id, '2025-09-30T18:00:00+08:00')).toBeNull();
        expect(await nextChange(FACILITIES.unparsable.id, '2025-09-30T10:00:00+08:00')).toBeNull();
      });

      it('works as a filter over many rows', async () => {
        const rows = await q.query<{ id: number }>(
          `select f.id::int as id from facilities f where facility_open_at(f.id, $1::timestamptz) order by f.id`,
          ['2025-10-01T10:00:00+08:00'],
        );
        expect(rows.map((r) => r.id)).toEqual([1, 4, 6, 7]); // 4 and 6 have no PH rule: weekday hours
      });

      it('the set-returning forms agree with the scalar functions at every half hour of a holiday week', async () => {
        const rows = await q.query<{ mismatches: number; checked: number }>(
          `with t as (
             select '2025-09-27T00:00:00+08:00'::timestamptz + n * interval '30 minutes' as t0
               from generate_series(0, 48 * 16) as n
           ), pairs as (
             select f.id, t.t0,
                    facility_open_at(f.id, t.t0) as at_scalar,
                    f.id in (select facility_id from open_facilities_at(t.t0)) as at_set,
                    facility_open_during(f.id, t.t0, t.t0 + interval '90 minutes') as during_scalar,
                    f.id in (select facility_id from open_facilities_during(t.t0, t.t0 + interval '90 minutes')) as during_set
               from facilities f cross join t
           )
           select count(*) filter (where at_scalar <> at_set or during_scalar <> during_set)::int as mismatches,
                  count(*)::int as checked
             from pairs`,
        );
        expect(rows[0]).toEqual({ mismatches: 0, checked: 7 * (48 * 16 + 1) });
      });
    });
  }

  it('refreshes 3,500 facilities in bulk, and the scalar and set-returning filters agree', async () => {
    const hours = ['24/7', 'Mo-Fr 08:00-18:00; PH off', '20:00-06:00', 'Mo-Su 07:00-21:00', 'bad text', 'Sa,Su,PH 09:00-12:00'];
    await q.query(
      `insert into facilities (id, type, name, geom, region_code, opening_hours)
       select 1000 + n, 'station', '站点 ' || n, ST_SetSRID(ST_MakePoint(120.16, 33.35), 4326), '320902001',
              ($1::text[])[1 + n % array_length($1::text[], 1)]
         from generate_series(1, 3500) as n`,
      [hours],
    );
    // Timing belongs in benchmarks, not here: this checks that the bulk path handles the volume correctly.
    const summary = await refreshOpeningHours(q);
    expect(summary.facilities).toBe(3500 + Object.keys(FACILITIES).length);
    expect(summary.errors).toBeGreaterThan(500);

    const open = await q.query<{ n: number }>(
      `select count(*)::int as n from facilities f where facility_open_at(f.id, $1::timestamptz)`,
      ['2025-09-30T10:00:00+08:00'],
    );
    expect(open[0]!.n).toBeGreaterThan(1500);
    const viaSet = await q.query<{ n: number }>(
      `select count(*)::int as n from facilities f join open_facilities_at($1::timestamptz) o on o.facility_id = f.id`,
      ['2025-09-30T10:00:00+08:00'],
    );
    expect(viaSet[0]!.n).toBe(open[0]!.n);
  });
});
