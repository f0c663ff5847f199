import { readFileSync } from 'node:fs';
import type { Queryable } from '../db/index.ts';
import type { RegionLevel } from '../regions/schema.ts';
import type { KpiFacts } from './kpis.ts';

const SUMMARY_SQL = readFileSync(new URL('./summary.sql', import.meta.url), 'utf8');
const FACTS_SQL = readFileSync(new URL('./facts.sql', import.meta.url), 'utf8');

/** The report's 1,000 m service radius; the coverage KPIs are named after it. */
export const KPI_RADIUS_M = 1000;

export type SummaryRow = KpiFacts;

export async function summaryRow(q: Queryable, region: string, radius_m: number): Promise<SummaryRow> {
  const [row] = await q.query<SummaryRow>(SUMMARY_SQL, [region, radius_m]);
  return row;
}

export interface FactsRow extends KpiFacts {
  region_code: string;
  name: string;
  level: RegionLevel;
  parent_code: string | null;
  /** YYYY-MM-DD */
  as_of: string;
}

/** KPI inputs of every region in scope (null = the whole city) as of each date (YYYY-MM-DD). */
export async function factsRows(q: Queryable, asOf: string[], radius_m: number, scope: string | null): Promise<FactsRow[]> {
  return q.query<FactsRow>(FACTS_SQL, [asOf, radius_m, scope]);
}

/** Today in the session time zone (Asia/Shanghai), so "as of today" agrees with summary.sql's current_date. */
export async function today(q: Queryable): Promise<string> {
  const [{ d }] = await q.query<{ d: string }>(`select to_char(current_date, 'YYYY-MM-DD') as d`);
  return d;
}

export async function hasDemoData(q: Queryable): Promise<boolean> {
  const [{ demo }] = await q.query<{ demo: boolean }>('select exists (select 1 from facilities where demo) as demo');
  return demo;
}
