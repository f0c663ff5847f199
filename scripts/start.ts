/**
 * `npm start`: build the web app when its sources changed, then serve API + web on one port. On the first run
 * the embedded database is created and the demo data loaded, one progress line per step.
 */
import { fileURLToPath } from 'node:url';
import { configOrExit, runUntilSignal } from '../api/server.ts';
import { buildWebIfStale } from './web-build.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const t0 = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(5)} s] ${line}`);

const config = configOrExit({ NODE_ENV: 'production', ...process.env });
if (config.WEB_DIST) buildWebIfStale(root, log);
if (config.API_WORKERS !== 1) {
  const { runCluster } = await import('../api/cluster.ts');
  await runCluster(config, log);
} else {
  await runUntilSignal(config, log);
}
