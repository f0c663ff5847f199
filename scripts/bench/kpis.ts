/**
 * KPI query timings on the seeded database (DATABASE_URL, real PostgreSQL): the city summary, the all-regions facts
 * (by-region, one as-of date) and the 24-month back-fill facts, each as a ratio against the baseline measured in the
 * same run — the foundation's demand-side EXISTS coverage query (probe the sites around every demand cell).
 * Usage: DATABASE_URL=postgres://… npx tsx scripts/bench/kpis.ts
 */
import { openPostgres } from '../../api/db/postgres.ts';
import { factsRows, KPI_RADIUS_M, summaryRow } from '../../api/stats/queries.ts';
import { monthBounds, monthRange, withoutJit } from '../../api/stats/snapshots.ts';

const BASELINE_SQL = `
  select sum(d.residents) filter (where exists (
           select 1 from live_facilities f where f.type in ('worker_home', 'station') and f.status = 'open'
              and f.geom && ST_Expand(d.centroid, $1::float8 / 80000.0)
              and ST_DWithin(f.geom::geography, d.centroid::geography, $1::float8))) as covered
    from demand d where d.region_code in (select code from region_towns('320900'))`;

const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL to a seeded PostgreSQL database');
const db = await openPostgres({ url, max: 2 });

async function median(label: string, fn: () => Promise<unknown>, runs = 5): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const m = times[Math.floor(runs / 2)];
  console.log(`${label.padEnd(52)} median ${m.toFixed(0).padStart(6)} ms`);
  return m;
}

const base = await median('baseline: demand-side EXISTS coverage (city)', () =>
  withoutJit(db, (q) => q.query(BASELINE_SQL, [KPI_RADIUS_M])));
const rows: Array<[string, number]> = [
  ['summary.sql, city (all KPIs)', await median('summary.sql, city (all KPIs)', () => withoutJit(db, (q) => summaryRow(q, '320900', KPI_RADIUS_M)))],
  ['summary.sql, county 320981', await median('summary.sql, county 320981', () => withoutJit(db, (q) => summaryRow(q, '320981', KPI_RADIUS_M)))],
  ['facts.sql, 165 regions × 1 date (by-region)', await median('facts.sql, 165 regions × 1 date (by-region)', () =>
    withoutJit(db, (q) => factsRows(q, ['2025-12-31'], KPI_RADIUS_M, null)))],
  ['facts.sql, 165 regions × 24 months (back-fill)', await median('facts.sql, 165 regions × 24 months (back-fill)', () =>
    withoutJit(db, (q) => factsRows(q, monthRange('2024-01', '2025-12').map((m) => monthBounds(m).last), KPI_RADIUS_M, null)), 3)],
  ['facts.sql with JIT left on (1 date)', await median('facts.sql with JIT left on (1 date)', () =>
    factsRows(db, ['2025-12-31'], KPI_RADIUS_M, null), 3)],
];
console.log('\nratio to baseline (lower is faster):');
for (const [label, t] of rows) console.log(`  ${label.padEnd(50)} ${(t / base).toFixed(2)}×  (${t.toFixed(0)} ms vs ${base.toFixed(0)} ms)`);
await db.close();
