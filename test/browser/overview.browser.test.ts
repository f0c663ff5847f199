import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fail503Once, HAS_CHROMIUM, launchChromium, ROOT, SHOTS, startTestServer, warnIfNoChromium, watch, type TestServer,
} from './helpers.ts';

/**
 * The overview map in a real browser against the real server (startServer: API + built dist/ on one port,
 * over a seeded database). Asserts what a user would see — points really drawn by WebGL, county polygons,
 * the demo label, a popup, the language switch — and that the page stays offline (no other host) and clean
 * (no console errors). Screenshots go to test-results/.
 */

const FACILITY_LAYER = 'facilities';
const COUNTY_FILL_LAYER = 'county-fill';

warnIfNoChromium('overview browser test');

/** Until the view says ready and WebGL has really drawn more than `min` facility points. */
async function waitForRenderedFacilities(page: Page, min: number): Promise<number> {
  await page.waitForSelector('.overview[data-state="ready"]', { timeout: 90_000 });
  const handle = await page.waitForFunction(
    ({ layer, min }) => {
      const map = window.__map;
      if (!map || !map.loaded() || map.isMoving()) return false;
      const n = map.queryRenderedFeatures({ layers: [layer] }).length;
      return n > min ? n : false;
    },
    { layer: FACILITY_LAYER, min },
    { timeout: 60_000, polling: 250 },
  );
  return (await handle.jsonValue()) as number;
}

/** A rendered facility with no other point within 14 px and nothing (legend, controls) drawn over it. */
async function pickClickableFacility(page: Page) {
  return page.evaluate(({ layer }) => {
    const map = window.__map!;
    const canvas = map.getCanvas();
    const rect = canvas.getBoundingClientRect();
    const pts = map.queryRenderedFeatures({ layers: [layer] }).map((f) => {
      const c = (f.geometry as unknown as { coordinates: [number, number] }).coordinates;
      const p = map.project(c);
      return { id: Number(f.id), x: p.x, y: p.y };
    });
    for (const p of pts) {
      if (p.x < 20 || p.y < 20 || p.x > rect.width - 20 || p.y > rect.height - 20) continue;
      const crowded = pts.some((q) => q.id !== p.id && (q.x - p.x) ** 2 + (q.y - p.y) ** 2 < 14 ** 2);
      if (crowded) continue;
      const top = document.elementFromPoint(rect.left + p.x, rect.top + p.y);
      if (top !== canvas) continue;
      return { id: p.id, x: rect.left + p.x, y: rect.top + p.y };
    }
    return null;
  }, { layer: FACILITY_LAYER });
}

describe.skipIf(!HAS_CHROMIUM)('overview map in a real browser', () => {
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  let origin = '';

  beforeAll(async () => {
    // The run's prepared database (a private copy of the PGlite template, or the run's PostgreSQL), opened by the
    // server through its own start-up path.
    server = await startTestServer('overview');
    origin = server.origin;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  it('bundles no server code: the API client is types only', () => {
    const assets = join(ROOT, 'dist', 'assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
    expect(js.length).toBeGreaterThan(0);
    // string literals that survive minification, one per server layer (errors, SQL, drivers, node built-ins)
    const markers = ['Database temporarily unavailable', 'ST_AsGeoJSON', '@electric-sql', 'node:fs', 'pg_catalog'];
    for (const f of js) {
      const text = readFileSync(join(assets, f), 'utf8');
      for (const m of markers) expect(text.includes(m), `${f} contains server marker "${m}"`).toBe(false);
    }
  });

  it('desktop: renders counties and facilities, opens a popup, switches language — offline and clean', async () => {
    const context: BrowserContext = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const w = watch(page, origin);
    try {
      await page.goto(`${origin}/map`);
      const rendered = await waitForRenderedFacilities(page, 100);
      expect(rendered).toBeGreaterThan(100);
      const listed = Number(await page.getAttribute('.overview', 'data-facility-count'));
      expect(listed).toBeGreaterThan(1000);

      // county polygons really drawn: distinct county codes among rendered fill features
      const counties = await page.evaluate((layer) => {
        const fs = window.__map!.queryRenderedFeatures({ layers: [layer] });
        return [...new Set(fs.map((f) => f.properties.code as string))];
      }, COUNTY_FILL_LAYER);
      expect(counties.length).toBeGreaterThanOrEqual(9);

      const badge = page.locator('[data-testid="demo-badge"]');
      await expect.poll(() => badge.isVisible()).toBe(true);
      expect(await badge.textContent()).toContain('示例数据');
      expect(await page.locator('.legend-item').count()).toBe(8);
      await page.screenshot({ path: join(SHOTS, 'overview-desktop.png') });

      // click a facility where it is drawn, and compare the popup with the API's record of it
      const target = await pickClickableFacility(page);
      expect(target, 'an uncrowded facility point on screen').not.toBeNull();
      const record = (await (await fetch(`${origin}/api/facilities/${target!.id}`)).json()) as { properties: { name: string } };
      await page.mouse.click(target!.x, target!.y);
      const card = page.locator('.facility-card');
      await card.waitFor({ timeout: 10_000 });
      expect(await card.locator('.fc-name').textContent()).toBe(record.properties.name);
      expect(await card.textContent()).toMatch(/营业中|已关闭|规划中|已停用/);
      await page.screenshot({ path: join(SHOTS, 'overview-desktop-popup.png') });
      await page.keyboard.press('Escape');
      await card.waitFor({ state: 'detached', timeout: 5_000 });

      // the legend toggles a type off the map
      const partyCenters = page.locator('.legend-item[data-type="party_center"]');
      await partyCenters.click();
      expect(await partyCenters.getAttribute('aria-pressed')).toBe('false');
      await page.waitForFunction(
        (layer) => {
          const map = window.__map!;
          const types = map.queryRenderedFeatures({ layers: [layer] }).map((f) => f.properties.type);
          return types.length > 0 && !types.includes('party_center');
        },
        FACILITY_LAYER,
        { timeout: 15_000, polling: 200 },
      );
      await partyCenters.click();

      // zh-CN first; English on request, remembered across a reload
      expect(await page.locator('.legend-title').textContent()).toBe('图例');
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      await page.click('button[data-lang="en"]');
      expect(await page.locator('.legend-title').textContent()).toBe('Legend');
      expect(await page.locator('.brand-name').textContent()).toBe('Union Service Site Network');
      expect(await page.getAttribute('html', 'lang')).toBe('en');
      const labelField = await page.evaluate(() => JSON.stringify(window.__map!.getLayoutProperty('county-label', 'text-field')));
      expect(labelField).toContain('name_en');
      await page.reload();
      await waitForRenderedFacilities(page, 100);
      expect(await page.locator('.legend-title').textContent()).toBe('Legend');
      await page.screenshot({ path: join(SHOTS, 'overview-desktop-en.png') });

      // other view paths: a "coming soon" page with a way back — and without the map library: each view loads
      // only its own code (the future rider list view has a 150 KB budget before the map opens)
      const adminRequests: string[] = [];
      page.on('request', (r) => adminRequests.push(r.url()));
      await page.goto(`${origin}/admin`);
      await page.locator('.static-page a[href="/map"]').waitFor();
      expect(adminRequests.filter((u) => /maplibre|overview/.test(u)), 'map code fetched by /admin').toEqual([]);

      expect(w.consoleErrors, 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('API 503: shows the server\'s message and recovers on retry', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const w = watch(page, origin);
    // the database "still starting" once: the first facilities request answers 503 in the API's error shape
    await fail503Once(page, '**/api/facilities?**');
    try {
      await page.goto(`${origin}/map`);
      await page.waitForSelector('.overview[data-state="error"]', { timeout: 60_000 });
      const alert = page.locator('.status-card');
      expect(await alert.textContent()).toContain('数据库暂时不可用');
      await page.screenshot({ path: join(SHOTS, 'overview-desktop-error.png') });
      await alert.getByRole('button').click();
      expect(await waitForRenderedFacilities(page, 100)).toBeGreaterThan(100);
      // the browser itself logs the failed 503 fetch as a console error; nothing else may
      expect(w.consoleErrors.filter((e) => !/status of 503/.test(e)), 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('phone: the map and the demo label fit a 360×640 screen', async () => {
    const context = await browser!.newContext({
      viewport: { width: 360, height: 640 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    const w = watch(page, origin);
    try {
      await page.goto(`${origin}/map`);
      expect(await waitForRenderedFacilities(page, 100)).toBeGreaterThan(100);
      expect(await page.locator('[data-testid="demo-badge"]').isVisible()).toBe(true);
      // the header must not overflow: product name, badge and language switch side by side
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, 'overview-phone.png') });
      expect(w.consoleErrors, 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
