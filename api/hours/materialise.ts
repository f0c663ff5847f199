/**
 * Turns facilities.opening_hours (OSM text) into opening_rules / opening_intervals rows, which the SQL
 * functions in api/db/migrations/002_opening_hours.sql evaluate. Run it after any change to the text.
 */
import type { Queryable } from '../db/types.ts';
import { parseOpeningHours, type HoursDay } from './parse.ts';

export interface OpeningRuleRow {
  facility_id: number;
  always_open: boolean;
  ph_mode: 'weekday' | 'own';
  /** JSON text of the ParseError ({code, message, message_en, rule?}); null when the text parsed */
  parse_error: string | null;
}

export interface OpeningIntervalRow {
  facility_id: number;
  day: HoursDay;
  start_min: number;
  end_min: number;
}

export interface OpeningRows {
  rule: OpeningRuleRow;
  intervals: OpeningIntervalRow[];
}

export interface RefreshSummary {
  facilities: number;
  intervals: number;
  /** facilities whose text failed to parse (stored as closed, with parse_error) */
  errors: number;
}

/** Pure: one facility's opening_hours text → its opening_rules row and opening_intervals rows. */
export function openingRowsFor(facilityId: number, openingHours: string): OpeningRows {
  const parsed = parseOpeningHours(openingHours);
  if (!parsed.ok) {
    // Why closed rather than open: a rider sent to a locked door is worse than one sent a little further.
    return {
      rule: { facility_id: facilityId, always_open: false, ph_mode: 'weekday', parse_error: JSON.stringify(parsed.error) },
      intervals: [],
    };
  }
  const { model } = parsed;
  return {
    rule: { facility_id: facilityId, always_open: model.always_open, ph_mode: model.ph_mode, parse_error: null },
    intervals: model.intervals.map((i) => ({ facility_id: facilityId, ...i })),
  };
}

const SELECT_ALL = 'select id, opening_hours from facilities';
const SELECT_SOME = 'select id, opening_hours from facilities where id = any($1::bigint[])';

// Why one statement with data-modifying CTEs: it is atomic without needing a transaction from the caller,
// and all parts see the same snapshot, so the delete removes only the old intervals, never the new ones.
const REPLACE_SQL = `
with ids as (
  select unnest($1::bigint[]) as id
), gone as (
  delete from opening_intervals where facility_id in (select id from ids)
), rules as (
  insert into opening_rules (facility_id, always_open, ph_mode, parse_error)
  select * from unnest($1::bigint[], $2::boolean[], $3::text[], $4::text[])
  on conflict (facility_id) do update
     set always_open = excluded.always_open, ph_mode = excluded.ph_mode, parse_error = excluded.parse_error
)
insert into opening_intervals (facility_id, day, start_min, end_min)
select * from unnest($5::bigint[], $6::smallint[], $7::smallint[], $8::smallint[])`;

/**
 * Re-materialise opening hours for all facilities (deleted ones too, so an undelete needs no refresh), or
 * only for facilityIds. Parses in JS, then replaces the rows in one set-based statement whose values travel
 * as bound arrays (unnest), not one INSERT per facility.
 */
export async function refreshOpeningHours(q: Queryable, facilityIds?: number[]): Promise<RefreshSummary> {
  if (facilityIds !== undefined && facilityIds.length === 0) return { facilities: 0, intervals: 0, errors: 0 };
  const facilities =
    facilityIds === undefined
      ? await q.query<{ id: unknown; opening_hours: string }>(SELECT_ALL)
      : await q.query<{ id: unknown; opening_hours: string }>(SELECT_SOME, [facilityIds]);

  const ruleIds: number[] = [];
  const alwaysOpen: boolean[] = [];
  const phModes: string[] = [];
  const parseErrors: (string | null)[] = [];
  const intervalIds: number[] = [];
  const days: number[] = [];
  const starts: number[] = [];
  const ends: number[] = [];
  let errors = 0;

  for (const f of facilities) {
    // drivers may hand int8 back as string or bigint; facility ids are far below 2^53
    const { rule, intervals } = openingRowsFor(Number(f.id), f.opening_hours);
    ruleIds.push(rule.facility_id);
    alwaysOpen.push(rule.always_open);
    phModes.push(rule.ph_mode);
    parseErrors.push(rule.parse_error);
    if (rule.parse_error !== null) errors++;
    for (const i of intervals) {
      intervalIds.push(i.facility_id);
      days.push(i.day);
      starts.push(i.start_min);
      ends.push(i.end_min);
    }
  }

  if (ruleIds.length > 0) {
    await q.query(REPLACE_SQL, [ruleIds, alwaysOpen, phModes, parseErrors, intervalIds, days, starts, ends]);
  }
  return { facilities: ruleIds.length, intervals: intervalIds.length, errors };
}
