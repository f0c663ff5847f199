import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

export interface MigrationResult {
  applied: string[];
  skipped: number;
}

/**
 * Apply numbered migrations (NNN_name.sql) once each, in order, each in its own transaction, recorded in
 * schema_migrations. An advisory lock keeps two API processes from migrating the same database at once.
 */
export async function migrate(db: Db, onStep: (name: string) => void = () => {}): Promise<MigrationResult> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort();
  await db.query(`create table if not exists schema_migrations (
    name text primary key, applied_at timestamptz not null default now())`);
  const applied: string[] = [];
  let skipped = 0;
  for (const file of files) {
    const name = file.replace(/\.sql$/, '');
    const done = await db.tx(async (tx) => {
      await tx.query('select pg_advisory_xact_lock(7420251)');
      const [row] = await tx.query('select 1 from schema_migrations where name = $1', [name]);
      if (row) return false;
      onStep(name);
      await tx.exec(await readFile(MIGRATIONS_DIR + file, 'utf8'));
      await tx.query('insert into schema_migrations (name) values ($1)', [name]);
      return true;
    });
    if (done) applied.push(name);
    else skipped++;
  }
  return { applied, skipped };
}
