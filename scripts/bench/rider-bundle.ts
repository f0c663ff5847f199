/**
 * The rider list view's first-load weight against its budget: 150 KB gzipped JS + CSS before the map opens.
 *
 *   npx tsx scripts/bench/rider-bundle.ts            (builds into a temporary directory; dist/ is left alone)
 *   npx tsx scripts/bench/rider-bundle.ts --dist DIR (measure an existing build made with `vite build --manifest`)
 *
 * "First load" is read from Vite's build manifest, not guessed from file names: the HTML entry and everything it
 * imports statically, plus the rider view's chunk (web/rider/index.ts, loaded by the router for `/`) and its
 * static imports, plus the CSS of all of those. Dynamic imports of the rider chunk (web/rider/map-panel.ts →
 * web/map → MapLibre + its worker) load only when the rider taps 地图 and are reported separately. Sizes are gzip -9 of
 * each file, as a compressing proxy would send them. Exits 1 over budget.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BUDGET_BYTES = 150 * 1024;
const RIDER_SRC = 'rider/index.ts';

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
type Manifest = Record<string, ManifestChunk>;

function build(outDir: string): void {
  const vite = join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const r = spawnSync(process.execPath, [vite, 'build', '--manifest', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (r.status !== 0) throw new Error(`vite build failed (exit ${r.status})`);
}

/** Manifest keys reachable from `start` through static imports only. */
function staticClosure(m: Manifest, start: string, into: Set<string>): Set<string> {
  if (into.has(start)) return into;
  into.add(start);
  for (const k of m[start]?.imports ?? []) staticClosure(m, k, into);
  return into;
}

function filesOf(m: Manifest, keys: Iterable<string>): string[] {
  const files = new Set<string>();
  for (const k of keys) {
    const c = m[k];
    if (!c) continue;
    files.add(c.file);
    for (const css of c.css ?? []) files.add(css);
  }
  return [...files].sort();
}

const gz = (dir: string, f: string) => gzipSync(readFileSync(join(dir, f)), { level: 9 }).length;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function main(): void {
  const distArg = process.argv.indexOf('--dist');
  let outDir: string;
  let temp = false;
  if (distArg > 0) outDir = process.argv[distArg + 1];
  else {
    outDir = mkdtempSync(join(tmpdir(), 'rider-bundle-'));
    temp = true;
    build(outDir);
  }
  try {
    const manifestPath = join(outDir, '.vite', 'manifest.json');
    if (!existsSync(manifestPath)) throw new Error(`${manifestPath} missing: build with --manifest`);
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;

    const entry = Object.keys(m).find((k) => m[k].isEntry);
    const rider = Object.keys(m).find((k) => m[k].src === RIDER_SRC || k === RIDER_SRC);
    if (!entry || !rider) throw new Error(`manifest has no entry (${entry}) or no ${RIDER_SRC} chunk (${rider})`);

    const first = staticClosure(m, rider, staticClosure(m, entry, new Set()));
    const firstFiles = filesOf(m, first);
    // what the 地图 button adds: the rider chunk's dynamic imports with their static imports (the map's own
    // lazy parts, e.g. deck.gl, load later still), plus MapLibre's worker, which Vite emits as a plain asset
    const onMap = new Set<string>();
    for (const d of m[rider].dynamicImports ?? []) staticClosure(m, d, onMap);
    const mapFiles = filesOf(m, onMap).filter((f) => !firstFiles.includes(f));
    const workerFiles = readdirSync(join(outDir, 'assets'))
      .filter((f) => /maplibre.*worker.*\.js$/.test(f))
      .map((f) => `assets/${f}`);

    let total = 0;
    let js = 0;
    let css = 0;
    console.log('first load of / (list view), gzip -9:');
    for (const f of firstFiles) {
      const n = gz(outDir, f);
      total += n;
      if (f.endsWith('.css')) css += n;
      else js += n;
      console.log(`  ${kb(n).padStart(9)}  ${f}`);
    }
    // by name, and by MapLibre's class prefix, which its JS and CSS carry and nothing of ours does
    const leaked = firstFiles.filter((f) => /maplibre|deck/i.test(f) || readFileSync(join(outDir, f), 'utf8').includes('maplibregl-'));
    let mapTotal = 0;
    for (const f of new Set([...mapFiles, ...workerFiles])) mapTotal += gz(outDir, f);

    console.log('');
    console.log(`first load: ${kb(total)} (JS ${kb(js)} + CSS ${kb(css)}), budget ${kb(BUDGET_BYTES)}`);
    console.log(`ratio first load / budget = ${(total / BUDGET_BYTES).toFixed(3)}  (≤ 1.000 passes)`);
    console.log(`map on demand adds ${kb(mapTotal)} gzip (${mapFiles.length} files${workerFiles.length ? ' + worker' : ''}); ratio map / first load = ${(mapTotal / total).toFixed(2)}`);
    if (leaked.length) console.log(`MAP CODE IN FIRST LOAD: ${leaked.join(', ')}`);
    if (total > BUDGET_BYTES || leaked.length) process.exitCode = 1;
  } finally {
    if (temp) rmSync(outDir, { recursive: true, force: true });
  }
}

main();
