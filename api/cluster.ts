/**
 * Multi-process mode (API_WORKERS > 1 or "auto"): one primary, N workers, all serving the same port through
 * node:cluster. Why: one Node process saturates one core on JSON, validation and the postgres.js protocol while
 * PostgreSQL has cores to spare; the API is stateless (rate limits are counted in the database), so workers
 * need no coordination. Only with DATABASE_URL: PGlite is a database inside one process.
 *
 * The primary prepares the database once (migrations, first-run seed) so workers do not race to seed, then
 * forks the workers, restarts one that dies (with back-off), and passes SIGINT/SIGTERM on for a graceful stop.
 * Connections are handed out round-robin by the primary (Node's default on Linux), which spreads keep-alive
 * clients evenly; the kernel's SCHED_NONE accept race piles them onto one worker.
 */
import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.ts';
import { bootstrapDb } from './db/bootstrap.ts';
import { configOrExit, runUntilSignal } from './server.ts';

export function workerCount(config: Pick<Config, 'API_WORKERS'>): number {
  return config.API_WORKERS === 'auto' ? availableParallelism() : config.API_WORKERS;
}

export async function runCluster(config: Config, log: (line: string) => void = (l) => console.log(l)): Promise<void> {
  if (!config.DATABASE_URL) {
    // config.ts refuses this combination already; keep the guard for callers that build a Config by hand
    throw new Error('API_WORKERS > 1 needs DATABASE_URL: the embedded PGlite database lives inside one process');
  }
  const n = workerCount(config);
  try {
    const db = await bootstrapDb(config, log);
    await db.close();
  } catch (err) {
    // workers retry on their own (server.ts back-off); say why the first attempt failed
    log(`主进程准备数据库失败，交由工作进程重试 / primary could not prepare the database, workers will retry: ${(err as Error).message}`);
  }
  cluster.setupPrimary({ exec: fileURLToPath(import.meta.url) });
  let stopping = false;
  const restarts = new Map<number, number>();
  const fork = (slot: number) => {
    const w = cluster.fork({ API_WORKER_SLOT: String(slot), SEED_DEMO: 'false' });
    w.on('exit', (code, signal) => {
      if (stopping) return;
      const k = (restarts.get(slot) ?? 0) + 1;
      restarts.set(slot, k);
      const wait_ms = Math.min(30_000, 500 * 2 ** Math.min(k, 6));
      log(`工作进程 ${slot} 退出 (${signal ?? code})，${wait_ms} ms 后重启 / worker ${slot} exited, restarting in ${wait_ms} ms`);
      setTimeout(() => fork(slot), wait_ms).unref();
    });
  };
  for (let i = 0; i < n; i++) fork(i);
  log(`集群模式 / cluster mode: ${n} workers on port ${config.PORT}`);
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, () => {
      if (stopping) return;
      stopping = true;
      log(`${sig}: 正在关闭所有工作进程 / stopping all workers…`);
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGTERM');
      setTimeout(() => process.exit(1), 12_000).unref();
      cluster.on('exit', () => {
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      });
    });
  }
}

if (cluster.isWorker && process.env.API_WORKER_SLOT !== undefined) {
  const slot = process.env.API_WORKER_SLOT;
  const config = configOrExit({ NODE_ENV: 'production', ...process.env });
  void runUntilSignal(config, (line) => console.log(`[worker ${slot}] ${line}`));
}
