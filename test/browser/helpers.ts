import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { testConfig } from '../../api/config.ts';
import { startServer } from '../../api/server.ts';
import { buildWebIfStale } from '../../scripts/web-build.ts';

/**
 * Set-up shared by browser tests: the real server (API + built dist/) over the run's prepared database, headless
 * Debian Chromium, and a watcher for console errors and requests that leave localhost. Same approach as
 * overview.browser.test.ts, factored out so a new view's test does not copy it.
 */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const SHOTS = join(ROOT, 'test-results');

export function warnIfNoChromium(name: string): void {
  if (!HAS_CHROMIUM) console.warn(`[${name}] skipped: ${CHROMIUM} not found (apt-get install -y chromium fonts-noto-cjk)`);
}

export interface TestServer {
  origin: string;
  close(): Promise<void>;
}

/**
 * Start the server on a private copy of the PGlite template (or on the run's DATABASE_URL) and wait until
 * /api/health answers 200.
 */
export async function startTestServer(prefix: string): Promise<TestServer> {
  buildWebIfStale(ROOT, (l) => console.log(`[browser test] ${l}`));
  const databaseUrl = inject('databaseUrl');
  const dataDir = await mkdtemp(join(tmpdir(), `zgfw-${prefix}-`));
  if (!databaseUrl) {
    const { openPglite } = await import('../../api/db/pglite.ts');
    const tarball = await readFile(inject('pgliteTemplate'));
    const db = await openPglite({ dataDir, loadDataDir: new Blob([tarball]) });
    await db.close();
  }
  const config = testConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    WEB_DIST: join(ROOT, 'dist'),
    DATA_DIR: dataDir,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const server = await startServer(config, () => {});
  await server.ready;
  const origin = `http://localhost:${server.port}`;
  for (let i = 0; ; i++) {
    const res = await fetch(`${origin}/api/health`).catch(() => null);
    if (res?.status === 200) break;
    if (i > 240) throw new Error(`/api/health never became 200 (last ${res?.status})`);
    await new Promise((r) => setTimeout(r, 500));
  }
  mkdirSync(SHOTS, { recursive: true });
  return {
    origin,
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--no-first-run', '--disable-quic', '--disable-sync'],
  });
}

export interface Watch {
  consoleErrors: string[];
  foreignRequests: string[];
  /** every URL requested, in order */
  requests: string[];
}

/** Record console errors, uncaught page errors and every request that leaves our origin. */
export function watch(page: Page, origin: string): Watch {
  const w: Watch = { consoleErrors: [], foreignRequests: [], requests: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    w.requests.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    const { hostname } = new URL(url);
    if (!url.startsWith(origin) && hostname !== 'localhost' && hostname !== '127.0.0.1') w.foreignRequests.push(url);
  });
  return w;
}

/**
 * The API "still starting" once: the first request matching `glob` answers 503 in the API's own error shape, later
 * ones reach the server — for testing a view's error state and its retry.
 */
export async function fail503Once(page: Page, glob: string): Promise<void> {
  let failures = 1;
  await page.route(glob, async (route) => {
    if (failures-- > 0) {
      await route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          error: { code: 'db_unavailable', message: '数据库暂时不可用，请稍后重试', message_en: 'Database temporarily unavailable, retry shortly' },
        }),
      });
    } else await route.continue();
  });
}
