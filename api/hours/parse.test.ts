import { describe, it, expect } from 'vitest';
import { parseOpeningHours, type HoursInterval, type HoursModel, type ParseErrorCode } from './parse.ts';
import { openingRowsFor } from './materialise.ts';

/** the same [start, end) on each of the given days */
function on(days: number[], start_min: number, end_min: number): HoursInterval[] {
  return days.map((day) => ({ day: day as HoursInterval['day'], start_min, end_min }));
}

function sorted(intervals: HoursInterval[]): HoursInterval[] {
  return [...intervals].sort((a, b) => a.day - b.day || a.start_min - b.start_min);
}

function model(text: string): HoursModel {
  const r = parseOpeningHours(text);
  if (!r.ok) throw new Error(`expected ${text} to parse, got ${r.error.code}`);
  return r.model;
}

function errorCode(text: string): ParseErrorCode | 'parsed' {
  const r = parseOpeningHours(text);
  return r.ok ? 'parsed' : r.error.code;
}

const ALL_WEEK = [0, 1, 2, 3, 4, 5, 6];
const MO_FR = [0, 1, 2, 3, 4];

describe('parseOpeningHours: supported syntax', () => {
  it('24/7 is always open, holidays follow weekdays', () => {
    expect(model('24/7')).toEqual({ always_open: true, ph_mode: 'weekday', intervals: on(ALL_WEEK, 0, 1440) });
  });

  it('a time-only rule applies to every day', () => {
    expect(model('08:00-20:00')).toEqual({ always_open: false, ph_mode: 'weekday', intervals: on(ALL_WEEK, 480, 1200) });
  });

  it('a weekday range with a comma-separated time list', () => {
    expect(model('Mo-Fr 08:00-12:00,14:00-18:00')).toEqual({
      always_open: false,
      ph_mode: 'weekday',
      intervals: sorted([...on(MO_FR, 480, 720), ...on(MO_FR, 840, 1080)]),
    });
  });

  it('a single weekday', () => {
    expect(model('We 09:00-10:30')).toEqual({ always_open: false, ph_mode: 'weekday', intervals: on([2], 540, 630) });
  });

  it('a weekday list', () => {
    expect(model('Mo,We,Fr 09:00-17:00').intervals).toEqual(on([0, 2, 4], 540, 1020));
  });

  it('a wrap-around weekday range Sa-Mo runs through Sunday', () => {
    expect(model('Sa-Mo 10:00-11:00').intervals).toEqual(on([0, 5, 6], 600, 660));
  });

  it('later rules replace earlier ones for the days they name', () => {
    expect(model('Mo-Su 08:00-20:00; Sa,Su 10:00-16:00').intervals).toEqual(
      sorted([...on(MO_FR, 480, 1200), ...on([5, 6], 600, 960)]),
    );
  });

  it('off and closed close the days they name', () => {
    expect(model('08:00-20:00; Su off').intervals).toEqual(on([0, 1, 2, 3, 4, 5], 480, 1200));
    expect(model('08:00-20:00; Sa,Su closed').intervals).toEqual(on(MO_FR, 480, 1200));
  });

  it('off alone is closed every day', () => {
    expect(model('off')).toEqual({ always_open: false, ph_mode: 'weekday', intervals: [] });
  });

  it('a bare weekday selector means open all day on those days', () => {
    expect(model('Sa,Su').intervals).toEqual(on([5, 6], 0, 1440));
  });

  it('24:00 as an end time', () => {
    expect(model('Mo 18:00-24:00').intervals).toEqual(on([0], 1080, 1440));
  });

  it('a span crossing midnight is split, the tail on the next day (Sunday wraps to Monday)', () => {
    expect(model('Fr,Su 20:00-02:00').intervals).toEqual([
      { day: 0, start_min: 0, end_min: 120 },
      { day: 4, start_min: 1200, end_min: 1440 },
      { day: 5, start_min: 0, end_min: 120 },
      { day: 6, start_min: 1200, end_min: 1440 },
    ]);
  });

  it('a tail stays when a later rule replaces only the next day', () => {
    expect(model('Fr 20:00-02:00; Sa 10:00-12:00').intervals).toEqual([
      { day: 4, start_min: 1200, end_min: 1440 },
      { day: 5, start_min: 0, end_min: 120 },
      { day: 5, start_min: 600, end_min: 720 },
    ]);
  });

  it('a tail goes when a later rule replaces the day that made it', () => {
    expect(model('Fr 20:00-02:00; Fr 09:00-17:00').intervals).toEqual(on([4], 540, 1020));
  });

  it('every night overnight merges the tail with the evening: 00:00-02:00 and 20:00-24:00 each day', () => {
    expect(model('20:00-02:00').intervals).toEqual(sorted([...on(ALL_WEEK, 0, 120), ...on(ALL_WEEK, 1200, 1440)]));
  });

  it('overlapping and touching spans merge', () => {
    expect(model('Mo 08:00-12:00,11:00-14:00,14:00-15:00,16:00-17:00').intervals).toEqual([
      { day: 0, start_min: 480, end_min: 900 },
      { day: 0, start_min: 960, end_min: 1020 },
    ]);
  });

  it('PH off gives holidays their own (empty) schedule', () => {
    expect(model('Mo-Fr 08:00-18:00; PH off')).toEqual({
      always_open: false,
      ph_mode: 'own',
      intervals: on(MO_FR, 480, 1080),
    });
  });

  it('PH together with weekdays', () => {
    expect(model('Mo-Fr 08:00-18:00; Sa,Su,PH 09:00-12:00')).toEqual({
      always_open: false,
      ph_mode: 'own',
      intervals: sorted([...on(MO_FR, 480, 1080), ...on([5, 6, 7], 540, 720)]),
    });
  });

  it('PH alone: closed on ordinary days, open on holidays', () => {
    expect(model('PH 10:00-16:00')).toEqual({ always_open: false, ph_mode: 'own', intervals: on([7], 600, 960) });
  });

  it('24/7; PH off is not always open', () => {
    expect(model('24/7; PH off')).toEqual({ always_open: false, ph_mode: 'own', intervals: on(ALL_WEEK, 0, 1440) });
  });

  it('a time-only rule after PH applies to holidays too', () => {
    expect(model('PH off; 08:00-20:00')).toEqual({
      always_open: false,
      ph_mode: 'own',
      intervals: on([0, 1, 2, 3, 4, 5, 6, 7], 480, 1200),
    });
  });

  it('whitespace around separators and a trailing ; are tolerated', () => {
    expect(model('  Mo - Fr 08:00 - 12:00 , 14:00-18:00 ;  ')).toEqual(model('Mo-Fr 08:00-12:00,14:00-18:00'));
  });
});

describe('parseOpeningHours: rejected forms', () => {
  const cases: Array<[string, ParseErrorCode]> = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['Jan-Mar 08:00-18:00', 'month_selector'],
    ['Dec 25 off', 'month_selector'],
    ['easter off', 'month_selector'],
    ['2025 Mo-Fr 08:00-18:00', 'year_selector'],
    ['week 1-26 Mo-Fr 08:00-18:00', 'week_selector'],
    ['Mo[1] 08:00-12:00', 'nth_weekday'],
    ['Mo-Fr 08:00-18:00 "by appointment"', 'comment'],
    ['Mo-Fr 08:00+', 'open_end'],
    ['Mo-Fr sunrise-sunset', 'variable_time'],
    ['Mo-Fr 10:00-16:00/01:00', 'repeating_time'],
    ['SH off', 'school_holiday'],
    ['PH +1 day off', 'holiday_offset'],
    ['Mo-Fr 08:00-18:00 || "call us"', 'comment'],
    ['Mo-Fr 08:00-18:00 || Sa 10:00-12:00', 'fallback_rule'],
    ['Mo-Fr 08:00-12:00, Sa 10:00-12:00', 'additional_rule'],
    ['Mo-Fr 08：00-18：00', 'fullwidth'],
    ['Mo-Fr 08:00～18:00', 'fullwidth'],
    ['Mo-Fr 8:00-18:00', 'bad_time'],
    ['Mo-Fr 08:00-25:00', 'bad_time'],
    ['Mo-Fr 08:60-18:00', 'bad_time'],
    ['Mo-Fr 24:00-02:00', 'bad_time'],
    ['Mo-Fr 08:00-08:00', 'empty_span'],
    ['Xy 08:00-18:00', 'syntax'],
    ['Mo-Fr 08:00-12:00 14:00-18:00', 'syntax'],
    ['Mo-Fr 24/7', 'syntax'],
    ['Mo-Fr 08:00', 'syntax'],
    ['Sa,Su,PH 09:00-12:00; Mo-Fr 08:00-18:00', 'ph_not_last'],
    ['Mo-Fr,PH 20:00-02:00', 'ph_overnight'],
  ];
  for (const [text, code] of cases) {
    it(`${JSON.stringify(text)} → ${code}`, () => {
      expect(errorCode(text)).toBe(code);
    });
  }

  it('an error carries zh and en messages and never throws', () => {
    const r = parseOpeningHours('Mo-Fr 08:00-12:00 14:00-18:00');
    expect(r).toEqual({
      ok: false,
      error: {
        code: 'syntax',
        message: '无法识别的营业时间写法',
        message_en: 'unrecognised opening hours syntax',
        rule: 'Mo-Fr 08:00-12:00 14:00-18:00',
      },
    });
  });
});

describe('openingRowsFor', () => {
  it('turns a model into one rule row and interval rows', () => {
    expect(openingRowsFor(42, 'Sa 10:00-12:00; PH off')).toEqual({
      rule: { facility_id: 42, always_open: false, ph_mode: 'own', parse_error: null },
      intervals: [{ facility_id: 42, day: 5, start_min: 600, end_min: 720 }],
    });
  });

  it('a text that fails to parse becomes a closed facility that keeps the error', () => {
    const rows = openingRowsFor(7, 'Mo-Fr sunrise-sunset');
    expect(rows.intervals).toEqual([]);
    expect(rows.rule.always_open).toBe(false);
    expect(JSON.parse(rows.rule.parse_error ?? 'null')).toMatchObject({ code: 'variable_time' });
  });
});
