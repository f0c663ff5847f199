import type { Db, Queryable } from '../db/index.ts';
import { KPI_DEFS, kpiValue } from './kpis.ts';
import { factsRows, KPI_RADIUS_M } from './queries.ts';

/**
 * Monthly KPI history (kpi_snapshots). One row per region (city, county, town), month and KPI; the value is as of
 * the month's last day, computed by facts.sql from the dates the rows carry.
 *
 * - the job (`POST /api/stats/snapshots`, or monthly from cron) writes every KPI for one month, source 'job';
 * - the back-fill (seed time) writes a range of past months, but only the KPIs whose inputs are all dated
 *   (KpiDef.dated): an undated flag such as reform_pilot cannot be placed in time, and a history that repeated
 *   today's value would be a decoration, not data.
 *
 * Why no worker thread: the work is one SQL statement per month; in PGlite it runs in the main thread's WASM
 * whatever we do, and on PostgreSQL the server does it.
 */

export interface SnapshotResult {
  months: string[];
  regions: number;
  rows_written: number;
}

/** 'YYYY-MM' → [first day, last day] as YYYY-MM-DD. */
export function monthBounds(month: string): { first: string; last: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(last).padStart(2, '0')}` };
}

/** Every month from `from` to `to` inclusive ('YYYY-MM'). */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * The spatial join's estimated cost is far above PostgreSQL's jit_above_cost, and compiling it added 0.2–0.6 s to
 * a 0.3–0.4 s query (psql, PostgreSQL 15) — so facts run with JIT off (a no-op on PGlite, which has no JIT provider).
 */
export async function withoutJit<T>(db: Db | Queryable, fn: (q: Queryable) => Promise<T>): Promise<T> {
  if ('tx' in db) {
    return db.tx(async (tx) => {
      await tx.query('set local jit = off');
      return fn(tx);
    });
  }
  // already inside a transaction (seeding): set local lasts until it ends, which is what we want there too
  await db.query('set local jit = off');
  return fn(db);
}

async function write(q: Queryable, months: string[], source: 'job' | 'backfill'): Promise<SnapshotResult> {
  const ends = months.map((m) => monthBounds(m).last);
  const monthOf = new Map(months.map((m, i) => [ends[i], monthBounds(m).first]));
  const rows = await factsRows(q, ends, KPI_RADIUS_M, null);
  const defs = KPI_DEFS.filter((d) => source === 'job' || d.dated);
  const region: string[] = [];
  const month: string[] = [];
  const kpi: string[] = [];
  const value: number[] = [];
  const num: number[] = [];
  const den: (number | null)[] = [];
  for (const r of rows) {
    for (const d of defs) {
      if (r.level === 'town' && !d.town) continue;
      const v = kpiValue(d, r);
      region.push(r.region_code);
      month.push(monthOf.get(r.as_of)!);
      kpi.push(d.id);
      value.push(v.value);
      num.push(v.numerator);
      den.push(v.denominator);
    }
  }
  // one statement per ≈ 5,000 rows keeps the array literals small on both drivers
  const CHUNK = 5000;
  for (let i = 0; i < region.length; i += CHUNK) {
    const s = (a: unknown[]) => a.slice(i, i + CHUNK);
    await q.query(
      `insert into kpi_snapshots (region_code, month, kpi, value, numerator, denominator, source)
       select r, m, k, v, n, d, $7
         from unnest($1::text[], $2::date[], $3::text[], $4::numeric[], $5::numeric[], $6::numeric[]) as t (r, m, k, v, n, d)
       on conflict (region_code, kpi, month) do update
          set value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
              source = excluded.source, computed_at = now()`,
      [s(region), s(month), s(kpi), s(value), s(num), s(den), source],
    );
  }
  return { months, regions: new Set(region).size, rows_written: region.length };
}

/** Snapshot every KPI of every region for one month ('YYYY-MM'), replacing that month's rows. */
export async function snapshotMonth(db: Db, month: string): Promise<SnapshotResult> {
  return withoutJit(db, (q) => write(q, [month], 'job'));
}

/**
 * Derive the history of the dated KPIs for months `from`..`to` from the rows' own dates. Used at seed time, inside
 * the seeding transaction (pass the Tx).
 */
export async function backfillSnapshots(q: Db | Queryable, from: string, to: string): Promise<SnapshotResult> {
  return withoutJit(q, (tx) => write(tx, monthRange(from, to), 'backfill'));
}

/** The demo history: the two years the report's figures grew over (the data's dates end in December 2025). */
export const DEMO_HISTORY = { from: '2024-01', to: '2025-12' } as const;

/** Last `n` monthly values per KPI of one region, oldest first, up to and including `uptoMonth` ('YYYY-MM'). */
export async function trends(q: Queryable, region: string, uptoMonth: string, n = 12): Promise<Map<string, { month: string; value: number }[]>> {
  const rows = await q.query<{ kpi: string; month: string; value: number }>(
    `select kpi, month, value from (
       select kpi, to_char(month, 'YYYY-MM') as month, value::float8 as value,
              row_number() over (partition by kpi order by month desc) as k
         from kpi_snapshots where region_code = $1 and month <= $2::date) s
      where k <= $3 order by kpi, month`,
    [region, monthBounds(uptoMonth).first, n],
  );
  const out = new Map<string, { month: string; value: number }[]>();
  for (const r of rows) {
    const list = out.get(r.kpi) ?? [];
    list.push({ month: r.month, value: r.value });
    out.set(r.kpi, list);
  }
  return out;
}
