/**
 * City-wide coverage time with the pairs table vs the naive query, before and after an edit.
 *
 *   npx tsx scripts/bench/coverage.ts                      # PGlite in process (fresh DB: migrate + seed, ≈ 1–2 min)
 *   DATABASE_URL=postgres://… npx tsx scripts/bench/coverage.ts   # real PostGIS (migrated + seeded if empty)
 *
 * Baseline, measured in the same run: the naive query — one EXISTS per demand cell over the facilities' GiST
 * index (planar box of radius_m / 80,000 degrees, then ST_DWithin on geography). Every figure is printed as a ratio to it, plus the
 * absolute numbers. Runs: 1 warm-up, then the median of RUNS.
 */
import { createApp } from '../../api/app.ts';
import { testConfig } from '../../api/config.ts';
import { seedDemoIfEmpty } from '../../api/db/demo-seed.ts';
import type { Db } from '../../api/db/index.ts';
import { migrate } from '../../api/db/migrate.ts';

const RUNS = 5;
const RADIUS_M = 1000;

async function open(): Promise<Db> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const { openPostgres } = await import('../../api/db/postgres.ts');
    return openPostgres({ url, max: 4 });
  }
  const { openPglite } = await import('../../api/db/pglite.ts');
  return openPglite();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function time<T>(fn: () => Promise<T>, runs = RUNS): Promise<{ ms: number; value: T }> {
  let value = await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    value = await fn();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), value };
}

const NAIVE = `
  select sum(d.residents)::float8 as total,
         coalesce(sum(d.residents) filter (where exists (
           select 1 from live_facilities f
            where f.type = any(array['worker_home', 'station']) and f.status = 'open'
              and ST_DWithin(f.geom, d.centroid, $1::float8 / 80000)
              and ST_DWithin(f.geom::geography, d.centroid::geography, $1::float8 + 1e-6))), 0)::float8 as covered
    from demand d`;

async function main() {
  const db = await open();
  const backend = db.caps.driver === 'postgres' ? `PostgreSQL ${db.caps.postgres_version} + PostGIS ${db.caps.postgis_version}` : `PGlite (PostgreSQL ${db.caps.postgres_version} + PostGIS ${db.caps.postgis_version})`;
  console.log(`coverage bench — ${backend}`);
  const t0 = performance.now();
  await migrate(db);
  const seeded = await seedDemoIfEmpty(db, () => {});
  if (seeded) console.log(`  fresh database migrated + seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s (pairs built by the seed)`);

  const build = performance.now();
  await db.query('select coverage_pairs_rebuild()');
  const buildMs = performance.now() - build;
  // what autovacuum does soon after a bulk load: sets the visibility map so the pairs scans stay index-only
  await db.query('vacuum analyze coverage_pairs');
  const [{ n, cells }] = await db.query<{ n: number; cells: number }>(
    'select count(*)::int as n, (select count(*)::int from demand) as cells from coverage_pairs');
  console.log(`  pairs table: ${n.toLocaleString('en')} rows for ${cells.toLocaleString('en')} cells; full rebuild ${(buildMs / 1000).toFixed(2)} s`);

  const app = createApp({ db, config: { ...testConfig(), LOG_LEVEL: 'silent' } });
  const ours = async (qs = `radius_m=${RADIUS_M}`) => {
    const res = await app.request(`/api/coverage?${qs}`);
    if (res.status !== 200) throw new Error(`coverage ${res.status}: ${await res.text()}`);
    return (await res.json()) as { covered: number; total: number };
  };
  const naive = async () => (await db.query<{ total: number; covered: number }>(NAIVE, [RADIUS_M]))[0];

  const rows: Array<[string, number, number | null]> = [];
  const base = await time(naive, 3);
  rows.push(['naive EXISTS ST_DWithin (baseline)', base.ms, base.ms]);
  const before = await time(() => ours());
  rows.push([`GET /api/coverage city-wide r=${RADIUS_M} m`, before.ms, base.ms]);
  if (before.value.covered !== base.value.covered) throw new Error(`mismatch before edit: ${before.value.covered} vs ${base.value.covered}`);
  const night = await time(() => ours(`radius_m=${RADIUS_M}&hour=22`));
  rows.push(['  … at 22:00 (opening hours)', night.ms, base.ms]);
  const far = await time(() => ours('radius_m=5000'), 3);
  rows.push(['  … r = 5000 m (all pairs)', far.ms, base.ms]);

  // The edit: move one open station 1.5 km east, time the trigger's incremental update and the next answers.
  const [s] = await db.query<{ id: number }>(
    `select id from live_facilities where type = 'station' and status = 'open' order by id limit 1`);
  const upd = performance.now();
  await db.query('update facilities set geom = ST_Translate(geom, 0.016, 0) where id = $1', [s.id]);
  const updMs = performance.now() - upd;
  try {
    const first = performance.now();
    const afterFirst = await ours();
    const firstMs = performance.now() - first;
    const baseAfter = await time(naive, 3);
    const after = await time(() => ours());
    if (afterFirst.covered !== baseAfter.value.covered) throw new Error(`mismatch after edit: ${afterFirst.covered} vs ${baseAfter.value.covered}`);
    rows.push(['edit: move a station (UPDATE incl. pairs trigger)', updMs, baseAfter.ms]);
    rows.push(['  first answer after the edit', firstMs, baseAfter.ms]);
    rows.push(['  answer after the edit (median)', after.ms, baseAfter.ms]);
    rows.push(['  naive after the edit (baseline)', baseAfter.ms, baseAfter.ms]);
  } finally {
    await db.query('update facilities set geom = ST_Translate(geom, -0.016, 0) where id = $1', [s.id]);
  }

  console.log('');
  console.log('  what                                                    ms     × naive');
  for (const [what, ms, b] of rows) {
    console.log(`  ${what.padEnd(52)} ${ms.toFixed(1).padStart(8)}   ${b ? (ms / b).toFixed(3).padStart(7) : '      –'}`);
  }
  console.log(`\n  covered residents ${before.value.covered} of ${before.value.total}; answers equal the naive query before and after the edit`);
  await db.close();
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
