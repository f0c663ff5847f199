import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../api/config.ts';
import { migrate } from '../api/db/migrate.ts';
import { seedDemoIfEmpty } from '../api/db/demo-seed.ts';
import { ROOT, templateKey } from './helpers/template.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** path of the prepared PGlite data-dir tarball (PGlite runs) */
    pgliteTemplate: string;
    /** DATABASE_URL of the prepared real database (PostgreSQL runs), '' otherwise */
    databaseUrl: string;
  }
}

/**
 * Prepare the seeded database once per run. PGlite: build (or reuse) a dumped data directory that every test
 * file loads — creating PostGIS costs ≈ 11 s and ≈ 1 GB per instance. PostgreSQL: migrate and seed DATABASE_URL.
 */
export default async function setup(project: TestProject) {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const log = (l: string) => console.log(`[test setup] ${l}`);
  if (config.DATABASE_URL) {
    const { openPostgres } = await import('../api/db/postgres.ts');
    const db = await openPostgres({ url: config.DATABASE_URL, max: 2 });
    await migrate(db);
    await seedDemoIfEmpty(db, log);
    await db.close();
    project.provide('databaseUrl', config.DATABASE_URL);
    project.provide('pgliteTemplate', '');
    return;
  }
  const dir = join(ROOT, '.data', 'test-template');
  const file = join(dir, `${templateKey()}.tgz`);
  if (!existsSync(file)) {
    const t0 = Date.now();
    log('building PGlite template (migrations + demo data)…');
    const { openPglite } = await import('../api/db/pglite.ts');
    const db = await openPglite();
    await migrate(db);
    await seedDemoIfEmpty(db, log);
    const blob = await db.dump();
    await db.close();
    await mkdir(dir, { recursive: true });
    await writeFile(`${file}.tmp`, Buffer.from(await blob.arrayBuffer()));
    await rename(`${file}.tmp`, file);
    log(`template ready in ${Date.now() - t0} ms: ${file}`);
  }
  project.provide('pgliteTemplate', file);
  project.provide('databaseUrl', '');
}
