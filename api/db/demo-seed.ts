import { startJob } from '../jobs/runner.ts';
import { refreshOpeningHours } from '../hours/materialise.ts';
import { backfillSnapshots, DEMO_HISTORY } from '../stats/snapshots.ts';
import type { Db } from './types.ts';

/**
 * Load the deterministic Yancheng demo data (示例数据) into an empty database: generate in a worker thread, COPY every
 * table in one transaction (all or nothing), then materialise opening hours. Skipped when regions exist.
 */
export async function seedDemoIfEmpty(db: Db, progress: (line: string) => void): Promise<boolean> {
  const [{ n }] = await db.query<{ n: number }>('select count(*)::int as n from regions');
  if (n > 0) return false;
  let t = Date.now();
  progress('生成示例数据 / generating demo data (seeded, deterministic)…');
  const { tables, updates } = await startJob<object, {
    tables: Array<{ table: string; columns: string[]; csv: string }>;
    updates: Array<{ sql: string; params: unknown[] }>;
  }>(new URL('./demo-job.ts', import.meta.url), {}).result;
  progress(`示例数据已生成 / generated ${tables.length} tables (${Date.now() - t} ms)`);
  t = Date.now();
  await db.tx(async (tx) => {
    for (const { table, columns, csv } of tables) {
      const t1 = Date.now();
      await tx.copyCsv(table, columns, csv);
      const rows = csv.split('\n').length - 2;
      progress(`  导入 / loaded ${table}: ${rows} rows (${Date.now() - t1} ms)`);
    }
    // grids.shared_site_id ↔ facilities.grid_id is a cycle: grids load without it, then these set it (and the
    // id sequences, since the rows carry explicit ids).
    for (const u of updates) await tx.query(u.sql, u.params);
    // The quantised source rings can self-intersect after rounding to 6 decimals; repair in PostGIS so every
    // stored polygon is valid (ST_IsValid) on both backends.
    await tx.query(`update regions set geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3))
                     where geom is not null and not ST_IsValid(geom)`);
    await tx.query(`update grids set geom = ST_Multi(ST_CollectionExtract(ST_MakeValid(geom), 3)) where not ST_IsValid(geom)`);
    await refreshOpeningHours(tx);
    await backfillSnapshots(tx, DEMO_HISTORY.from, DEMO_HISTORY.to);
    await tx.exec('analyze');
  });
  progress(`示例数据导入完成 / demo data loaded (${Date.now() - t} ms)`);
  return true;
}
