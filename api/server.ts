import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { bootstrapDb } from './db/bootstrap.ts';
import { LateDb } from './db/index.ts';
import { isUnavailable } from './db/unavailable.ts';
import { keepOpenSpans } from './nearby/spans.ts';

/**
 * Entry point: listen first (so /api/health answers 503 "starting" instead of refusing connections), then open
 * and prepare the database. Graceful shutdown on SIGINT/SIGTERM.
 */
export async function startServer(config: Config, log: (line: string) => void = (l) => console.log(l)) {
  const db = new LateDb();
  let stopped = false;
  let stopKeeper = () => {};
  const app = createApp({ db, config });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST });
  await new Promise<void>((res, rej) => {
    server.once('listening', () => res());
    server.once('error', rej);
  });
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : config.PORT;
  log(`监听 / listening on http://localhost:${port}`);
  const ready = (async () => {
    // A real PostgreSQL that is down at start-up is retried until it answers: the server recovers by itself.
    for (let attempt = 1; ; attempt++) {
      try {
        db.set(await bootstrapDb(config, (line) => log(line)));
        stopKeeper = keepOpenSpans(db, log);
        log(`就绪 / ready: http://localhost:${port}  (API docs: http://localhost:${port}/docs)`);
        return;
      } catch (err) {
        const msg = (err as Error).message;
        db.fail(`数据库不可用 / database unavailable: ${msg}`);
        if (!isUnavailable(err) || stopped) {
          log(`数据库启动失败 / database failed to start: ${(err as Error).stack ?? err}`);
          throw err;
        }
        const wait_ms = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
        log(`数据库不可用，${wait_ms / 1000} 秒后重试 / database unavailable, retrying in ${wait_ms / 1000} s: ${msg}`);
        await new Promise((r) => setTimeout(r, wait_ms));
      }
    }
  })();
  const close = async () => {
    stopped = true;
    stopKeeper();
    await new Promise<void>((res) => server.close(() => res()));
    await db.close();
  };
  return { port, ready, close, db };
}

/** Run until SIGINT/SIGTERM, then close the server and the database (forced exit after 10 s). */
export async function runUntilSignal(config: Config, log: (line: string) => void = (l) => console.log(l)) {
  let s: Awaited<ReturnType<typeof startServer>>;
  try {
    s = await startServer(config, log);
  } catch (err) {
    if ((err as { code?: string }).code === 'EADDRINUSE') {
      console.error(`端口 ${config.PORT} 已被占用，请换一个端口，例如 PORT=8788 npm start\n` +
        `Port ${config.PORT} is already in use; choose another, e.g. PORT=8788 npm start`);
      process.exit(1);
    }
    throw err;
  }
  let stopping = false;
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, async () => {
      if (stopping) return;
      stopping = true;
      log(`${sig}: 正在关闭 / shutting down…`);
      setTimeout(() => process.exit(1), 10_000).unref();
      await s.close();
      process.exit(0);
    });
  }
  s.ready.catch(() => {
    // Reason already printed; /api/health keeps answering 503 with it.
  });
  return s;
}

/** Parse the environment or exit 2 naming every bad key. */
export function configOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) void runUntilSignal(configOrExit());
