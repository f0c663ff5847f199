/**
 * Bench helper: the least any Node API can do per request here — node:http, one prepared statement (the
 * reference KNN top-5 of scripts/bench/nearby.ts) through postgres.js, JSON of the ids — in as many processes
 * as the API runs. Its throughput bounds what the real endpoint (validation, exact re-ranking, opening hours,
 * GeoJSON, navigation links) could reach on the same machine. Not part of the product.
 */
import cluster from 'node:cluster';
import http from 'node:http';
import postgres from 'postgres';
import { workerCount } from '../../../api/cluster.ts';
import { loadConfig } from '../../../api/config.ts';

// the API's own reading of API_WORKERS, so both servers run the same number of processes
const workers = workerCount(loadConfig(process.env));
if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => {
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const sql = postgres(process.env.DATABASE_URL!, { max: 10 });
  const REF = 'select id from facilities order by geom <-> ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326) limit 5';
  http
    .createServer((req, res) => {
      const u = new URL(req.url ?? '/', 'http://x');
      sql
        .unsafe(REF, [Number(u.searchParams.get('lng')), Number(u.searchParams.get('lat'))], { prepare: true })
        .then((rows) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify(rows.map((r) => r.id)));
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    })
    .listen(Number(process.env.PORT), '127.0.0.1');
  process.on('SIGTERM', () => void sql.end().then(() => process.exit(0)));
}
