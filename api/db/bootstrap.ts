import type { Config } from '../config.ts';
import { openDb } from './index.ts';
import { migrate } from './migrate.ts';
import { seedDemoIfEmpty } from './demo-seed.ts';
import type { Db } from './types.ts';

export type Progress = (line: string) => void;

/** Open, migrate and (first run only) load the demo data, printing one line per step. */
export async function bootstrapDb(config: Config, progress: Progress): Promise<Db> {
  const t0 = Date.now();
  const where = config.DATABASE_URL ? redact(config.DATABASE_URL) : `embedded PGlite in ${config.DATA_DIR}`;
  progress(`打开数据库 / opening database: ${where}`);
  const db = await openDb(config);
  progress(`数据库就绪 / database ready: PostgreSQL ${db.caps.postgres_version}, PostGIS ${db.caps.postgis_version} (${Date.now() - t0} ms)`);
  const { applied } = await migrate(db, (name) => progress(`迁移 / migration ${name}`));
  if (applied.length) progress(`已应用 ${applied.length} 个迁移 / applied ${applied.length} migration(s)`);
  if (config.SEED_DEMO) await seedDemoIfEmpty(db, progress);
  return db;
}

export const redact = (url: string): string => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
