/**
 * Parser for the subset of OSM `opening_hours` that our facilities use, producing a weekly model that
 * materialise.ts stores in opening_rules / opening_intervals so that SQL (not JS) answers "open at T".
 *
 * Never throws for bad input: every failure is a ParseError with a code and a zh/en message, because the
 * text is typed by editors and a facility with bad text must still load (it is treated as closed).
 */

/** 0 = Monday … 6 = Sunday; 7 = public holiday (only present when ph_mode is 'own'). */
export type HoursDay = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;

export const PUBLIC_HOLIDAY: HoursDay = 7;
export const MINUTES_PER_DAY = 1440;

export interface HoursInterval {
  day: HoursDay;
  /** minutes after local midnight, 0..1439 */
  start_min: number;
  /** minutes after local midnight, 1..1440, always > start_min */
  end_min: number;
}

export interface HoursModel {
  /** every day (and every public holiday) is open 00:00-24:00; intervals still list those full days */
  always_open: boolean;
  /** 'weekday': holidays follow the normal weekday schedule (the text says nothing about PH);
   *  'own': holidays use the day-7 intervals (none = closed on holidays) */
  ph_mode: 'weekday' | 'own';
  /** merged, sorted by day then start_min */
  intervals: HoursInterval[];
}

export type ParseErrorCode =
  | 'empty'
  | 'syntax'
  | 'bad_time'
  | 'empty_span'
  | 'comment'
  | 'fallback_rule'
  | 'additional_rule'
  | 'open_end'
  | 'variable_time'
  | 'repeating_time'
  | 'month_selector'
  | 'year_selector'
  | 'week_selector'
  | 'nth_weekday'
  | 'school_holiday'
  | 'holiday_offset'
  | 'fullwidth'
  | 'ph_not_last'
  | 'ph_overnight';

export interface ParseError {
  code: ParseErrorCode;
  /** Chinese message for editors */
  message: string;
  message_en: string;
  /** the offending rule (one `;`-separated part), when the error is inside one */
  rule?: string;
}

export type ParseResult = { ok: true; model: HoursModel } | { ok: false; error: ParseError };

const WEEKDAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa', 'Su'] as const;

const MESSAGES: Record<ParseErrorCode, [zh: string, en: string]> = {
  empty: ['营业时间为空', 'opening hours are empty'],
  syntax: ['无法识别的营业时间写法', 'unrecognised opening hours syntax'],
  bad_time: ['时间无效（应为 00:00 至 24:00 的 HH:MM）', 'invalid time (expected HH:MM between 00:00 and 24:00)'],
  empty_span: ['时间段的开始与结束相同', 'time span starts and ends at the same time'],
  comment: ['不支持注释（引号内文字）', 'comments (quoted text) are not supported'],
  fallback_rule: ['不支持 “||” 备用规则', "fallback rules ('||') are not supported"],
  additional_rule: [
    '不支持以逗号连接的附加规则，请用分号分隔',
    "additional rules joined by ',' are not supported; separate rules with ';'",
  ],
  open_end: ['不支持不定结束时间（“+”）', "open-ended times ('+') are not supported"],
  variable_time: ['不支持日出、日落等可变时间', 'variable times (sunrise, sunset, dawn, dusk) are not supported'],
  repeating_time: ['不支持重复时间段（“/”）', "repeating time spans ('/') are not supported"],
  month_selector: ['不支持按月份或日期选择', 'month and date selectors are not supported'],
  year_selector: ['不支持按年份选择', 'year selectors are not supported'],
  week_selector: ['不支持按周数选择', 'week-number selectors are not supported'],
  nth_weekday: ['不支持“每月第几个星期几”', 'nth-weekday-of-month selectors are not supported'],
  school_holiday: ['不支持学校假期（SH）', 'school holidays (SH) are not supported'],
  holiday_offset: ['不支持节假日偏移（如 PH +1 day）', 'holiday offsets (e.g. PH +1 day) are not supported'],
  fullwidth: ['请使用半角符号（: - , ;）', 'use half-width (ASCII) punctuation (: - , ;)'],
  ph_not_last: [
    '节假日（PH）规则须写在星期规则之后，例如 “Mo-Fr 08:00-18:00; PH off”',
    "put PH rules after weekday rules, e.g. 'Mo-Fr 08:00-18:00; PH off'",
  ],
  ph_overnight: ['节假日（PH）时间段不能跨过午夜', 'public-holiday (PH) time spans may not cross midnight'],
};

function fail(code: ParseErrorCode, rule?: string): ParseResult {
  const [message, message_en] = MESSAGES[code];
  const error: ParseError = { code, message, message_en };
  if (rule !== undefined) error.rule = rule;
  return { ok: false, error };
}

/** Unsupported OSM features, checked first so the editor gets the precise reason rather than "syntax". */
const UNSUPPORTED: Array<[RegExp, ParseErrorCode]> = [
  [/[\uff00-\uffef\u3000-\u303f\u2014\u2013]/, 'fullwidth'],
  [/"/, 'comment'],
  [/\|\|/, 'fallback_rule'],
  [/\b(sunrise|sunset|dawn|dusk)\b/i, 'variable_time'],
  [/\bPH\s*[+-]\s*\d+\s*days?\b/, 'holiday_offset'],
  [/\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|easter)\b/, 'month_selector'],
  [/\bweek\b/, 'week_selector'],
  [/\b\d{4}\b/, 'year_selector'],
  [/\[/, 'nth_weekday'],
  [/\bSH\b/, 'school_holiday'],
  [/\d\+/, 'open_end'],
  [/\d\d:\d\d-\d\d:\d\d\//, 'repeating_time'],
  [/(\d|off|closed)\s*,\s*(Mo|Tu|We|Th|Fr|Sa|Su|PH)\b/, 'additional_rule'],
];

interface Span {
  start: number;
  end: number;
}

/** Parse "HH:MM"; 24:00 only where allowEnd. Returns minutes or null. */
function parseClock(text: string, allowEnd: boolean): number | null {
  const m = /^(\d\d):(\d\d)$/.exec(text);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (min > 59) return null;
  if (h === 24 && min === 0 && allowEnd) return MINUTES_PER_DAY;
  if (h > 23) return null;
  return h * 60 + min;
}

type TimesResult = { ok: true; spans: Span[] } | { ok: false; code: ParseErrorCode };

/** "08:00-12:00,14:00-18:00" → spans; a span with end < start crosses midnight (end kept > 1440). */
function parseTimes(text: string): TimesResult {
  const spans: Span[] = [];
  for (const part of text.split(',')) {
    const m = /^([^-]+)-([^-]+)$/.exec(part);
    if (!m) return { ok: false, code: 'syntax' };
    const start = parseClock(m[1]!, false);
    const end = parseClock(m[2]!, true);
    if (start === null || end === null) return { ok: false, code: 'bad_time' };
    if (start === end) return { ok: false, code: 'empty_span' };
    spans.push({ start, end: end < start ? end + MINUTES_PER_DAY : end });
  }
  return { ok: true, spans };
}

interface Selector {
  weekdays: number[];
  ph: boolean;
}

/** "Mo-Fr,Su,PH" → weekdays 0..6 and PH flag; null if it is not a weekday selector. */
function parseSelector(text: string): Selector | null {
  const days = new Set<number>();
  let ph = false;
  for (const item of text.split(',')) {
    if (item === 'PH') {
      ph = true;
      continue;
    }
    const m = /^([A-Z][a-z])(?:-([A-Z][a-z]))?$/.exec(item);
    if (!m) return null;
    const from = WEEKDAYS.indexOf(m[1] as (typeof WEEKDAYS)[number]);
    const to = m[2] === undefined ? from : WEEKDAYS.indexOf(m[2] as (typeof WEEKDAYS)[number]);
    if (from < 0 || to < 0) return null;
    // wrap ranges such as Sa-Mo run through Sunday
    for (let d = from; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === to) break;
    }
  }
  return { weekdays: [...days].sort((a, b) => a - b), ph };
}

function mergeSpans(spans: Span[]): Span[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    // touching spans (12:00-14:00 then 14:00-18:00) merge too: the facility never closes in between
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

const FULL_DAY: Span[] = [{ start: 0, end: MINUTES_PER_DAY }];

/**
 * Parse an OSM opening_hours text. Rules separated by ';' are applied in order, and a later rule replaces
 * the schedule of every day it names (OSM semantics). A span crossing midnight is split and its tail
 * belongs to the next day; the tail stays with the rule that made it, so a later rule that replaces
 * only the next day keeps the tail (Fr 20:00-02:00; Sa 10:00-12:00 → Saturday 00:00-02:00 and 10:00-12:00).
 */
export function parseOpeningHours(input: string): ParseResult {
  const text = input.trim().replace(/\s+/g, ' ');
  if (text === '') return fail('empty');
  for (const [re, code] of UNSUPPORTED) if (re.test(text)) return fail(code);

  // own[d]: spans a rule set for day d (0..7); tail[d]: after-midnight spans spilled from day d into d+1
  const own: Span[][] = Array.from({ length: 8 }, () => []);
  const tail: Span[][] = Array.from({ length: 7 }, () => []);
  let phMode: HoursModel['ph_mode'] = 'weekday';
  let phRuleSeen = false;
  // day 7 was last set by a rule whose spans cross midnight (only an error if holidays get their own schedule)
  let phOvernight = false;

  for (const rawRule of text.split(';')) {
    // spaces around ',' and '-' are tolerated ("Mo - Fr 08:00 - 12:00, 14:00 - 18:00")
    const rule = rawRule.trim().replace(/\s*([,-])\s*/g, '$1');
    if (rule === '') continue; // a trailing ';' is harmless
    const words = rule.split(' ');

    let selector: Selector | null = null;
    let rest: string[];
    if (words.length === 1 && words[0] === '24/7') {
      selector = null;
      rest = ['24/7'];
    } else {
      selector = parseSelector(words[0]!);
      rest = selector ? words.slice(1) : words;
    }
    if (rest.length > 1) return fail('syntax', rawRule.trim());

    let spans: Span[];
    const body = rest[0];
    if (body === undefined || body === 'open' || body === '24/7') {
      // a bare selector ("Sa,Su") means open all day, as does "24/7" (which names every day)
      if (body === '24/7' && selector) return fail('syntax', rawRule.trim());
      spans = FULL_DAY;
    } else if (body === 'off' || body === 'closed') {
      spans = [];
    } else {
      const times = parseTimes(body);
      if (!times.ok) return fail(times.code, rawRule.trim());
      spans = times.spans;
    }

    // a rule without a selector names every day, public holidays included
    const weekdays = selector ? selector.weekdays : [0, 1, 2, 3, 4, 5, 6];
    const namesPh = selector ? selector.ph : true;

    // Why: in OSM a holiday that falls on, say, a Wednesday matches both 'PH' and 'We', and the later rule
    // wins — so a weekday rule after a PH rule would make the holiday schedule depend on the weekday, which
    // the day-7 model cannot hold. Asking the editor to reorder is better than answering wrongly.
    if (phRuleSeen && selector && weekdays.length > 0) return fail('ph_not_last', rawRule.trim());

    const merged = mergeSpans(spans);
    const today = merged.map((s) => ({ start: s.start, end: Math.min(s.end, MINUTES_PER_DAY) }));
    const spill = merged
      .filter((s) => s.end > MINUTES_PER_DAY)
      .map((s) => ({ start: 0, end: s.end - MINUTES_PER_DAY }));

    for (const d of weekdays) {
      own[d] = today;
      tail[d] = spill;
    }
    if (namesPh) {
      own[PUBLIC_HOLIDAY] = today;
      phOvernight = spill.length > 0;
    }
    if (selector?.ph) {
      phMode = 'own';
      phRuleSeen = true;
    }
  }

  // Why: the day after a holiday has no fixed weekday, so there is no day to carry a holiday's tail into.
  if (phMode === 'own' && phOvernight) return fail('ph_overnight');

  const intervals: HoursInterval[] = [];
  const perDay: Span[][] = [];
  for (let d = 0; d < 8; d++) {
    const spans = d < 7 ? [...own[d]!, ...tail[(d + 6) % 7]!] : d === PUBLIC_HOLIDAY && phMode === 'own' ? own[d]! : [];
    perDay[d] = mergeSpans(spans);
    for (const s of perDay[d]!) intervals.push({ day: d as HoursDay, start_min: s.start, end_min: s.end });
  }

  const isFull = (spans: Span[] | undefined): boolean =>
    spans !== undefined && spans.length === 1 && spans[0]!.start === 0 && spans[0]!.end === MINUTES_PER_DAY;
  const always_open =
    perDay.slice(0, 7).every(isFull) && (phMode === 'weekday' || isFull(perDay[PUBLIC_HOLIDAY]));

  return { ok: true, model: { always_open, ph_mode: phMode, intervals } };
}
