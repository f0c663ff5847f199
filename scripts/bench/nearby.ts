/**
 * Load benchmark of GET /api/facilities/nearby, in one run (see issue 4):
 *   (a) saturation throughput with wrk (50 connections) against the API in cluster mode, and pgbench -M prepared
 *       running the reference query (plain KNN top-5 on the stations table) on the same database → API/reference;
 *       plus the single-process API for comparison;
 *   (b) latency at a fixed offered rate of 500 req/s, open loop with evenly spaced requests (lib/open-loop.ts) → p50 / p99;
 *   ceiling: the reference query behind the thinnest Node server (lib/ceiling.ts), the most any Node API reaches here;
 *   (c) PGlite: one process over the Yancheng demo data, saturation (autocannon) vs the reference query in-process.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/zhigong_national npx tsx scripts/bench/nearby.ts
 *
 * The database must hold the national set (scripts/gen-national). Options (env): BENCH_SECONDS (default 15),
 * API_WORKERS (default auto), BENCH_PORT (default 8797). Never run inside npm test.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openPostgres } from '../../api/db/postgres.ts';
import { firstBatch, spansSql } from '../../api/nearby/queries.ts';
import { openLoop } from './lib/open-loop.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const OUT = join(ROOT, '.data', 'bench');
const URL_ = process.env.DATABASE_URL;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const PORT = Number(process.env.BENCH_PORT ?? 8797);
const WORKERS = process.env.API_WORKERS ?? 'auto';
const REFERENCE_SQL = 'select id from facilities order by geom <-> (select geom from bench_points where id = :i) limit 5;';

const log = (s: string) => console.log(s);
// autocannon ships no type declarations; a non-literal specifier keeps tsc from looking for them
const AUTOCANNON = 'autocannon';
const autocannon = (await import(AUTOCANNON)).default as (opts: Record<string, unknown>) => Promise<any>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startServer(env: Record<string, string>, script = 'scripts/bench/lib/serve.ts'): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script)], {
    env: { ...process.env, PORT: String(PORT), ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
    detached: true,
  });
  return child;
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const done = new Promise((r) => child.once('exit', r));
  try {
    process.kill(-child.pid!, 'SIGTERM');
  } catch {
    /* already gone */
  }
  await Promise.race([done, sleep(15_000)]);
}

async function waitHealthy(path: string, timeout_ms = 180_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${PORT}${path}`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    if (Date.now() - t0 > timeout_ms) throw new Error(`server did not become ready: ${path}`);
    await sleep(500);
  }
}

function wrk(pathsFile: string, seconds: number): { rps: number; non2xx: number; p50: string; p99: string } {
  const out = execFileSync(
    'wrk',
    ['-t2', '-c50', `-d${seconds}s`, '--latency', '-s', join(ROOT, 'scripts/bench/lib/paths.lua'), `http://127.0.0.1:${PORT}`],
    { env: { ...process.env, BENCH_PATHS: pathsFile }, encoding: 'utf8' },
  );
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
  const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
  const p50 = /\s50%\s+(\S+)/.exec(out)?.[1] ?? '?';
  const p99 = /\s99%\s+(\S+)/.exec(out)?.[1] ?? '?';
  return { rps, non2xx, p50, p99 };
}

function pgbench(url: string, seconds: number, nPoints: number): number {
  const file = join(OUT, 'reference.sql');
  execFileSync('bash', ['-c', `printf '%s\\n' '\\set i random(1, ${nPoints})' ${JSON.stringify(REFERENCE_SQL)} > ${file}`]);
  const out = execFileSync('pgbench', ['-n', '-M', 'prepared', '-c', '16', '-j', '2', '-T', String(seconds), '-f', file, url], { encoding: 'utf8' });
  return Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? Number.NaN);
}

async function saturateAutocannon(paths: string[], seconds: number, connections: number) {
  let i = 0;
  return autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req: any) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
}

async function main() {
  if (!URL_) {
    console.error('DATABASE_URL is required: the database loaded by scripts/gen-national');
    process.exit(2);
  }
  await mkdir(OUT, { recursive: true });
  log(`machine: nproc=${availableParallelism()} (${cpus()[0]?.model ?? '?'}), node ${process.version}, ${SECONDS} s per measurement`);

  const db = await openPostgres({ url: URL_, max: 2 });
  const [{ n, version }] = await db.query<{ n: number; version: string }>(
    `select (select count(*)::int from facilities) as n, version() as version`,
  );
  const points = await db.query<{ lng: number; lat: number }>('select lng, lat from bench_points order by id');
  log(`database: ${n} stations, ${points.length} query points; ${version.split(',')[0]}`);
  if (n < 100_000) throw new Error('this does not look like the national set: run scripts/gen-national first');

  // Plan check on the real data: KNN through the GiST index, no sequential scan of facilities.
  const p0 = points[0];
  for (const [label, openOnly] of [['default', false], ['open_at', true]] as const) {
    const f = { lng: p0.lng, lat: p0.lat, types: ['worker_home', 'station'] as const, at: new Date(), openOnly, limit: 5 };
    const { text, params } = spansSql(f, [f], firstBatch(5));
    const plan = (await db.query<Record<string, string>>(`explain analyze ${text}`, params)).map((r) => Object.values(r)[0]).join('\n');
    const knn = /Index Scan using facilities_geom_idx/.test(plan);
    const seq = /Seq Scan on facilities/.test(plan);
    const ms = /Execution Time: ([\d.]+)/.exec(plan)?.[1];
    log(`plan (${label}): ${knn ? 'KNN index scan on facilities_geom_idx' : 'NO KNN INDEX SCAN'}${seq ? ', SEQ SCAN!' : ''}; execution ${ms} ms`);
  }
  await db.close();

  const paths = points.map((p) => `/api/facilities/nearby?lng=${p.lng}&lat=${p.lat}`);
  const pathsFile = join(OUT, 'paths.txt');
  await writeFile(pathsFile, `${paths.join('\n')}\n`);

  // (a) reference first, on an idle machine, then the API
  const refTps = pgbench(URL_, SECONDS, points.length);
  log(`\n(a) reference: pgbench -M prepared -c 16 -j 2, KNN top-5 → ${refTps.toFixed(0)} queries/s`);

  const results: Record<string, { rps: number; non2xx: number; p50: string; p99: string }> = {};
  for (const workers of [WORKERS, '1']) {
    const server = startServer({ BENCH_MODE: 'cluster', DATABASE_URL: URL_, API_WORKERS: workers });
    try {
      await waitHealthy(paths[0]);
      wrk(pathsFile, 3); // warm-up: JIT, prepared statements on every pooled connection
      results[workers] = wrk(pathsFile, SECONDS);
      const r = results[workers];
      log(`    API (API_WORKERS=${workers}): wrk -t2 -c50 → ${r.rps.toFixed(0)} req/s (p50 ${r.p50}, p99 ${r.p99}, non-2xx ${r.non2xx})` +
        `  ratio API/reference = ${(r.rps / refTps).toFixed(2)}`);
      if (workers === WORKERS) {
        // (b) latency at a fixed offered rate, open loop, evenly spaced (scripts/bench/lib/open-loop.ts)
        await openLoop({ port: PORT, paths, rate: 500, seconds: 3 }); // warm-up: sockets, JIT
        const fr = await openLoop({ port: PORT, paths, rate: 500, seconds: SECONDS });
        log(`\n(b) fixed 500 req/s offered (open loop, evenly spaced, latency from the scheduled instant): ` +
          `${fr.ok} ok of ${fr.sent}, p50 ${fr.p50_ms.toFixed(1)} ms, p99 ${fr.p99_ms.toFixed(1)} ms, max ${fr.max_ms.toFixed(1)} ms, ` +
          `non-2xx ${fr.non2xx}, errors ${fr.errors}  (target p99 ≤ 20 ms → ${fr.p99_ms <= 20 ? 'met' : 'MISSED'})`);
      }
    } finally {
      await stopServer(server);
    }
  }

  // ceiling: the reference query behind the thinnest possible Node server, same worker count
  const ceilingServer = startServer({ DATABASE_URL: URL_, API_WORKERS: WORKERS }, 'scripts/bench/lib/ceiling.ts');
  let ceiling = Number.NaN;
  try {
    await waitHealthy(`${paths[0]}`);
    wrk(pathsFile, 3);
    ceiling = wrk(pathsFile, SECONDS).rps;
    log(`\n    ceiling: node:http + postgres.js running only the reference query (API_WORKERS=${WORKERS}) → ` +
      `${ceiling.toFixed(0)} req/s, ratio ceiling/reference = ${(ceiling / refTps).toFixed(2)}; API/ceiling = ${(results[WORKERS].rps / ceiling).toFixed(2)}`);
  } finally {
    await stopServer(ceilingServer);
  }

  // (c) PGlite: single process, Yancheng demo data
  const { openPglite } = await import('../../api/db/pglite.ts');
  const { ROOT: R, templateKey } = await import('../../test/helpers/template.ts');
  const { readFile } = await import('node:fs/promises');
  const { existsSync } = await import('node:fs');
  const template = join(R, '.data', 'test-template', `${templateKey()}.tgz`);
  let r = 1;
  const rand = () => ((r = (r * 48271) % 2147483647) / 2147483647);
  const yc = Array.from({ length: 2000 }, () => [119.6 + rand() * 1.3, 32.7 + rand() * 1.6]);
  const ycPaths = yc.map(([x, y]) => `/api/facilities/nearby?lng=${x.toFixed(6)}&lat=${y.toFixed(6)}`);
  if (existsSync(template)) {
    const pg = await openPglite({ loadDataDir: new Blob([await readFile(template)]) });
    const t0 = performance.now();
    let q = 0;
    while (performance.now() - t0 < SECONDS * 1000) {
      const [x, y] = yc[q++ % yc.length];
      await pg.query('select id from facilities order by geom <-> ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) limit 5', [x, y]);
    }
    const pgRef = q / ((performance.now() - t0) / 1000);
    await pg.close();
    const server = startServer({ BENCH_MODE: 'pglite', DATABASE_URL: '' });
    try {
      await waitHealthy(ycPaths[0], 300_000);
      await saturateAutocannon(ycPaths, 3, 10);
      const sat = await saturateAutocannon(ycPaths, SECONDS, 10);
      log(`\n(c) PGlite (1 process, Yancheng demo): reference KNN top-5 in-process ${pgRef.toFixed(0)} queries/s; ` +
        `API ${sat.requests.average.toFixed(0)} req/s (autocannon 10 connections, p50 ${sat.latency.p50} ms, p99 ${sat.latency.p99} ms)` +
        `  ratio = ${(sat.requests.average / pgRef).toFixed(2)}`);
    } finally {
      await stopServer(server);
    }
  } else {
    log('\n(c) PGlite: skipped — no prepared test template for the current migrations (run `npx vitest run api/nearby` once)');
  }

  const best = results[WORKERS];
  log(`\nsummary: API/reference = ${(best.rps / refTps).toFixed(2)} (target ≥ 0.5; ${best.rps.toFixed(0)} / ${refTps.toFixed(0)}), ` +
    `single process ${(results['1'].rps / refTps).toFixed(2)}; the thinnest Node server over the reference query reaches ` +
    `${(ceiling / refTps).toFixed(2)} here, the API ${(best.rps / ceiling).toFixed(2)} of that`);
}

await main();
