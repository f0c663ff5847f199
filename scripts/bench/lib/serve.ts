/**
 * Bench helper: run the API as the benchmark needs it, in a child process of scripts/bench/nearby.ts.
 *   BENCH_MODE=cluster  → api/cluster.ts over DATABASE_URL with API_WORKERS (the production multi-process mode)
 *   BENCH_MODE=pglite   → one process over embedded PGlite holding the Yancheng demo data: the prepared test
 *                         template when one matches the current migrations, else a data dir created once
 */
import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createApp } from '../../../api/app.ts';
import { runCluster } from '../../../api/cluster.ts';
import { loadConfig } from '../../../api/config.ts';
import { bootstrapDb } from '../../../api/db/bootstrap.ts';
import { ROOT, templateKey } from '../../../test/helpers/template.ts';

const mode = process.env.BENCH_MODE;
const config = loadConfig({ ...process.env, NODE_ENV: 'production', WEB_DIST: '', SEED_DEMO: 'false', LOG_LEVEL: 'warn' });

if (mode === 'cluster') {
  await runCluster(config, () => {});
} else if (mode === 'pglite') {
  const template = join(ROOT, '.data', 'test-template', `${templateKey()}.tgz`);
  let db;
  if (existsSync(template)) {
    const { openPglite } = await import('../../../api/db/pglite.ts');
    db = await openPglite({ loadDataDir: new Blob([await readFile(template)]) });
  } else {
    db = await bootstrapDb({ ...config, DATABASE_URL: undefined, DATA_DIR: join(ROOT, '.data', 'bench-pglite'), SEED_DEMO: true }, (l) => console.error(l));
  }
  const app = createApp({ db, config: { ...config, DATABASE_URL: undefined } });
  serve({ fetch: app.fetch, port: config.PORT, hostname: '127.0.0.1' });
  process.on('SIGTERM', () => void db.close().then(() => process.exit(0)));
} else {
  console.error('BENCH_MODE must be cluster or pglite');
  process.exit(2);
}
