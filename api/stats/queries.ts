import { readFileSync } from 'node:fs';
import type { Queryable } from '../db/index.ts';

const SUMMARY_SQL = readFileSync(new URL('./summary.sql', import.meta.url), 'utf8');

export interface SummaryRow {
  sites: number; sites_co_built: number; craftsman_colleges: number; summer_care: number; new_form_members: number;
  counties_with_federation: number; counties: number; city_federations: number; own_union_2025: number;
  unionized: number; unionized_democratic: number; reform_pilots: number; skill_pay_enterprises: number;
  skill_pay_workers: number; residents: number; residents_covered: number; new_form_workers: number;
  new_form_workers_covered: number;
}

export async function summaryRow(q: Queryable, region: string, radius_m: number): Promise<SummaryRow> {
  const [row] = await q.query<SummaryRow>(SUMMARY_SQL, [region, radius_m]);
  return row;
}
