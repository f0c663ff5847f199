/**
 * China's public holidays and 调休 make-up workdays. The same rows are seeded into the `holidays` table by
 * api/db/migrations/002_opening_hours.sql; hours.sql.test.ts checks that the two lists are identical.
 *
 * Every day of a holiday span is a 'holiday' row, weekend days inside the span included. Every weekend day
 * that the notice turns into a working day (调休上班) is a 'workday' row.
 *
 * Why a 'workday' uses the Monday schedule: most facilities keep the same Mo–Fr hours, and the notices do not
 * say which weekday a make-up day stands in for (see api/hours/README.md).
 */

export type HolidayKind = 'holiday' | 'workday';

export interface HolidayRow {
  /** local (Asia/Shanghai) calendar date, YYYY-MM-DD */
  day: string;
  kind: HolidayKind;
  name_zh: string;
  name_en: string;
}

const NEW_YEAR = ['元旦', "New Year's Day"] as const;
const SPRING = ['春节', 'Spring Festival'] as const;
const QINGMING = ['清明节', 'Qingming Festival'] as const;
const LABOUR = ['劳动节', 'Labour Day'] as const;
const DRAGON_BOAT = ['端午节', 'Dragon Boat Festival'] as const;
const MID_AUTUMN = ['中秋节', 'Mid-Autumn Festival'] as const;
const NATIONAL = ['国庆节', 'National Day'] as const;
const NATIONAL_MID_AUTUMN = ['国庆节、中秋节', 'National Day and Mid-Autumn Festival'] as const;

function holiday(day: string, [zh, en]: readonly [string, string]): HolidayRow {
  return { day, kind: 'holiday', name_zh: zh, name_en: en };
}

function workday(day: string, [zh, en]: readonly [string, string]): HolidayRow {
  return { day, kind: 'workday', name_zh: `${zh}调休上班`, name_en: `${en} make-up workday` };
}

export const HOLIDAYS: readonly HolidayRow[] = [
  // 国务院办公厅关于2025年部分节假日安排的通知 (State Council General Office, 12 November 2024)
  holiday('2025-01-01', NEW_YEAR),
  workday('2025-01-26', SPRING),
  holiday('2025-01-28', SPRING),
  holiday('2025-01-29', SPRING),
  holiday('2025-01-30', SPRING),
  holiday('2025-01-31', SPRING),
  holiday('2025-02-01', SPRING),
  holiday('2025-02-02', SPRING),
  holiday('2025-02-03', SPRING),
  holiday('2025-02-04', SPRING),
  workday('2025-02-08', SPRING),
  holiday('2025-04-04', QINGMING),
  holiday('2025-04-05', QINGMING),
  holiday('2025-04-06', QINGMING),
  workday('2025-04-27', LABOUR),
  holiday('2025-05-01', LABOUR),
  holiday('2025-05-02', LABOUR),
  holiday('2025-05-03', LABOUR),
  holiday('2025-05-04', LABOUR),
  holiday('2025-05-05', LABOUR),
  holiday('2025-05-31', DRAGON_BOAT),
  holiday('2025-06-01', DRAGON_BOAT),
  holiday('2025-06-02', DRAGON_BOAT),
  workday('2025-09-28', NATIONAL_MID_AUTUMN),
  holiday('2025-10-01', NATIONAL_MID_AUTUMN),
  holiday('2025-10-02', NATIONAL_MID_AUTUMN),
  holiday('2025-10-03', NATIONAL_MID_AUTUMN),
  holiday('2025-10-04', NATIONAL_MID_AUTUMN),
  holiday('2025-10-05', NATIONAL_MID_AUTUMN),
  holiday('2025-10-06', NATIONAL_MID_AUTUMN),
  holiday('2025-10-07', NATIONAL_MID_AUTUMN),
  holiday('2025-10-08', NATIONAL_MID_AUTUMN),
  workday('2025-10-11', NATIONAL_MID_AUTUMN),

  // 国务院办公厅关于2026年部分节假日安排的通知 (State Council General Office, 4 November 2025)
  holiday('2026-01-01', NEW_YEAR),
  holiday('2026-01-02', NEW_YEAR),
  holiday('2026-01-03', NEW_YEAR),
  workday('2026-01-04', NEW_YEAR),
  workday('2026-02-14', SPRING),
  holiday('2026-02-15', SPRING),
  holiday('2026-02-16', SPRING),
  holiday('2026-02-17', SPRING),
  holiday('2026-02-18', SPRING),
  holiday('2026-02-19', SPRING),
  holiday('2026-02-20', SPRING),
  holiday('2026-02-21', SPRING),
  holiday('2026-02-22', SPRING),
  holiday('2026-02-23', SPRING),
  workday('2026-02-28', SPRING),
  holiday('2026-04-04', QINGMING),
  holiday('2026-04-05', QINGMING),
  holiday('2026-04-06', QINGMING),
  holiday('2026-05-01', LABOUR),
  holiday('2026-05-02', LABOUR),
  holiday('2026-05-03', LABOUR),
  holiday('2026-05-04', LABOUR),
  holiday('2026-05-05', LABOUR),
  workday('2026-05-09', LABOUR),
  holiday('2026-06-19', DRAGON_BOAT),
  holiday('2026-06-20', DRAGON_BOAT),
  holiday('2026-06-21', DRAGON_BOAT),
  workday('2026-09-20', NATIONAL),
  holiday('2026-09-25', MID_AUTUMN),
  holiday('2026-09-26', MID_AUTUMN),
  holiday('2026-09-27', MID_AUTUMN),
  holiday('2026-10-01', NATIONAL),
  holiday('2026-10-02', NATIONAL),
  holiday('2026-10-03', NATIONAL),
  holiday('2026-10-04', NATIONAL),
  holiday('2026-10-05', NATIONAL),
  holiday('2026-10-06', NATIONAL),
  holiday('2026-10-07', NATIONAL),
  workday('2026-10-10', NATIONAL),
];
