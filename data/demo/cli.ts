// Writes the demo data as CSV files, one per table in load order, plus updates.json (statements to run after the
// COPYs), and prints row counts and SHA-256 per file.
//
//   npx tsx data/demo/cli.ts out/                   # write out/01_regions.csv … out/08_updates.json
//   npx tsx data/demo/cli.ts out/ --seed 7          # another seed
//   npx tsx data/demo/cli.ts --write-checksums      # refresh data/demo/checksums.json (default seed)

import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SEED, type DemoData, demoCsv, generateDemo } from './generate.ts';
import { boundariesDigest, loadBoundaries } from './boundaries.ts';

export const CHECKSUMS_PATH = fileURLToPath(new URL('./checksums.json', import.meta.url));

export interface DemoFile {
  name: string;
  rows: number;
  text: string;
}

/** The files the CLI writes, in load order: NN_table.csv for each table, then NN_updates.json. */
export function demoFiles(data: DemoData): DemoFile[] {
  const tables = demoCsv(data);
  const files: DemoFile[] = tables.map((t, i) => ({
    name: `${String(i + 1).padStart(2, '0')}_${t.table}.csv`,
    rows: countLines(t.csv) - 1,
    text: t.csv,
  }));
  files.push({
    name: `${String(tables.length + 1).padStart(2, '0')}_updates.json`,
    rows: data.updates.length,
    text: JSON.stringify(data.updates, null, 1) + '\n',
  });
  return files;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export interface Checksums {
  seed: number;
  /** SHA-256 over the boundary input files: when it differs, the boundaries changed, not the generator. */
  boundaries_sha256: string;
  files: Record<string, string>;
}

export function checksumsOf(data: DemoData, boundaries_sha256: string): Checksums {
  const files: Record<string, string> = {};
  for (const f of demoFiles(data)) files[f.name] = sha256(f.text);
  return { seed: data.seed, boundaries_sha256, files };
}

function countLines(text: string): number {
  // Quoted fields never contain newlines in our output, so lines = records.
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

function main(argv: string[]): void {
  let outDir: string | null = null;
  let seed = DEFAULT_SEED;
  let writeChecksums = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--seed') seed = Number(argv[++i]);
    else if (arg === '--write-checksums') writeChecksums = true;
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else outDir = arg;
  }
  if (!Number.isInteger(seed) || seed < 0) throw new Error('--seed must be a non-negative integer');
  if (!outDir && !writeChecksums) {
    console.error('usage: tsx data/demo/cli.ts OUT_DIR [--seed N] [--write-checksums]');
    process.exit(2);
  }
  const started = performance.now();
  const boundaries = loadBoundaries();
  const data = generateDemo({ seed, boundaries });
  const files = demoFiles(data);
  const elapsed_ms = Math.round(performance.now() - started);
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    for (const f of files) writeFileSync(join(outDir, f.name), f.text);
  }
  for (const f of files) console.log(`${f.name.padEnd(22)} ${String(f.rows).padStart(7)} rows  sha256 ${sha256(f.text)}`);
  console.log(`seed ${seed}, generated in ${elapsed_ms} ms${outDir ? `, written to ${outDir}` : ''}`);
  if (writeChecksums) {
    if (seed !== DEFAULT_SEED) throw new Error('--write-checksums records the default seed only');
    writeFileSync(CHECKSUMS_PATH, JSON.stringify(checksumsOf(data, boundariesDigest()), null, 2) + '\n');
    console.log(`wrote ${CHECKSUMS_PATH}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main(process.argv.slice(2));
