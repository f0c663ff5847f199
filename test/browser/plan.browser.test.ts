import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_CHROMIUM, launchChromium, SHOTS, startTestServer, warnIfNoChromium, watch, type TestServer } from './helpers.ts';

/**
 * The planner (/plan) in a real browser against the real server and seeded database: the hour slider moved to
 * night drops the coverage figure; a k = 3 suggestion for 亭湖区 runs as a job and its sites appear in the list
 * and on the map — found by deck.gl picking at their projected positions, not by a DOM flag — with the added
 * coverage; saving two scenarios and comparing them; exports download (exceljs fetched only on demand).
 * Zero console errors, zero requests to other hosts. Screenshots: test-results/plan-*.png.
 */

const TINGHU = '320902';
const SITE_LAYER = 'plan-sites';
const CELL_LAYER = 'plan-cells';

warnIfNoChromium('plan browser test');

async function waitReady(page: Page): Promise<void> {
  await page.waitForSelector('.plan[data-state="ready"][data-cells-state="ready"]', { timeout: 90_000 });
}

async function ratio(page: Page): Promise<number> {
  return Number(await page.getAttribute('[data-testid="coverage-ratio"]', 'data-ratio'));
}

/** deck.gl objects of a layer under the given map coordinates (radius in px), through the overlay's picking. */
async function pickAt(page: Page, lngLat: [number, number], layer: string) {
  return page.evaluate(
    ({ lngLat, layer }) => {
      const map = window.__map!;
      const p = map.project(lngLat);
      const hits = window.__deck!.pickMultipleObjects({ x: p.x, y: p.y, radius: 3, depth: 10, layerIds: [layer] });
      return hits.map((h) => (h.object as { key?: string; group?: string } | null) ?? null);
    },
    { lngLat, layer },
  );
}

describe.skipIf(!HAS_CHROMIUM)('planner view in a real browser', () => {
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  const created: number[] = [];

  beforeAll(async () => {
    server = await startTestServer('plan');
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    // the PostgreSQL run shares its database between files: remove the scenarios this test saved
    for (const id of created) await fetch(`${server!.origin}/api/scenarios/${id}`, { method: 'DELETE' }).catch(() => {});
    await browser?.close();
    await server?.close();
  }, 60_000);

  it('night hour drops coverage; a k = 3 suggestion shows its sites on the map; scenarios compare; exports', async () => {
    const origin = server!.origin;
    const context = await browser!.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN', acceptDownloads: true });
    const page = await context.newPage();
    const w = watch(page, origin);
    try {
      await page.goto(`${origin}/plan`);
      await waitReady(page);
      expect(await page.locator('[data-testid="demo-badge"]').textContent()).toContain('示例数据');
      expect(await page.locator('.plan-line-note').textContent()).toContain('直线距离');

      // hexagons really drawn: deck picks cells at the centre of the map
      const cellHits = await page.evaluate((layer) => {
        const c = window.__map!.getCanvas();
        return window.__deck!.pickObjects({ x: 0, y: 0, width: c.clientWidth, height: c.clientHeight, layerIds: [layer] }).length;
      }, CELL_LAYER);
      expect(cellHits).toBeGreaterThan(10);
      const dayRatio = await ratio(page);
      expect(dayRatio).toBeGreaterThan(0);
      await page.screenshot({ path: join(SHOTS, 'plan-coverage.png') });

      // the hour slider by keyboard: End = 23:00, one step left = 22:00
      await page.focus('#plan-hour');
      await page.keyboard.press('End');
      await page.keyboard.press('ArrowLeft');
      expect(await page.locator('[data-testid="hour-value"]').textContent()).toContain('22:00');
      expect(await page.locator('#plan-hour-hint').textContent()).toContain('24 小时');
      await page.waitForFunction(
        (before) => {
          const root = document.querySelector('.plan');
          const r = document.querySelector('[data-testid="coverage-ratio"]')?.getAttribute('data-ratio');
          return root?.getAttribute('data-state') === 'ready' && r !== undefined && r !== null && Number(r) !== before;
        },
        dayRatio,
        { timeout: 60_000, polling: 200 },
      );
      await waitReady(page);
      const nightRatio = await ratio(page);
      expect(nightRatio).toBeLessThan(dayRatio);
      await page.screenshot({ path: join(SHOTS, 'plan-night.png') });

      // a small suggestion in one county, as a job with progress
      await page.selectOption('#plan-region', TINGHU);
      await page.waitForFunction(() => document.querySelector('.cov-title')?.textContent?.includes('亭湖区'), null, { timeout: 60_000 });
      await waitReady(page);
      await page.click('#plan-tab-suggest');
      await page.fill('#plan-k', '3');
      await page.click('[data-testid="suggest-run"]');
      const summary = page.locator('[data-testid="suggest-summary"]');
      await summary.waitFor({ timeout: 90_000 });
      const added = Number(await summary.getAttribute('data-added'));
      expect(added).toBeGreaterThan(0);
      expect(await summary.textContent()).toMatch(/新增覆盖 [\d,]+/);
      const items = page.locator('.sug-site');
      expect(await items.count()).toBe(3);

      // each listed site is on the map: deck picking at its position finds the suggested-site marker
      const siteIds = await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-site-id')!));
      const coords = await items.evaluateAll((els) =>
        els.map((e) => e.querySelector('small')!.textContent!.split(',').map(Number) as [number, number]),
      );
      await page.waitForFunction(() => window.__map && !window.__map.isMoving(), null, { timeout: 10_000 });
      for (let i = 0; i < 3; i++) {
        const hits = await pickAt(page, coords[i], SITE_LAYER);
        const keys = hits.filter((o) => o?.group === 'suggested').map((o) => o!.key);
        expect(keys, `site ${siteIds[i]} picked on the map`).toContain(`s:${siteIds[i]}`);
      }
      await page.screenshot({ path: join(SHOTS, 'plan-suggest.png') });

      // exports: CSV of the sites; XLSX only now fetches exceljs
      expect(w.requests.some((u) => /exceljs/.test(u)), 'exceljs loaded before any export').toBe(false);
      const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-csv"]')]);
      expect(csv.suggestedFilename()).toMatch(/\.csv$/);
      const csvText = readFileSync((await csv.path())!, 'utf8');
      expect(csvText.startsWith('\ufefflabel,kind,name,lng,lat,added_weight')).toBe(true);
      expect(csvText.trim().split('\r\n').length).toBe(4);
      const [xlsx] = await Promise.all([page.waitForEvent('download', { timeout: 30_000 }), page.click('[data-testid="export-xlsx"]')]);
      expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
      // an .xlsx is a zip: PK header
      expect(readFileSync((await xlsx.path())!).subarray(0, 2).toString('latin1')).toBe('PK');
      expect(w.requests.some((u) => /exceljs/.test(u)), 'exceljs fetched for the XLSX export').toBe(true);

      // save the suggestion, then a variant with one more hand-placed site, and compare the two
      await page.fill('#plan-sc-name', '测试方案 A');
      const saveA = page.waitForResponse((r) => r.url().endsWith('/api/scenarios') && r.request().method() === 'POST');
      await page.click('[data-testid="scenario-save"]');
      const a = (await (await saveA).json()) as { id: number };
      created.push(a.id);
      await page.click('[data-testid="place-center"]');
      await page.fill('#plan-sc-name', '测试方案 B');
      const saveB = page.waitForResponse((r) => r.url().endsWith('/api/scenarios') && r.request().method() === 'POST');
      await page.click('[data-testid="scenario-save"]');
      const b = (await (await saveB).json()) as { id: number };
      created.push(b.id);

      await page.click('#plan-tab-scenarios');
      await page.locator(`#plan-pick-a-${a.id}`).check();
      await page.locator(`#plan-pick-b-${b.id}`).check();
      await page.click('[data-testid="scenario-compare"]');
      const table = page.locator('[data-testid="scenario-compare-table"]');
      await table.waitFor({ timeout: 60_000 });
      expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);
      expect(await table.textContent()).toContain('测试方案 B');
      // A's three sites and B's four on the map
      const groups = await page.evaluate((layer) => {
        const c = window.__map!.getCanvas();
        const hits = window.__deck!.pickObjects({ x: 0, y: 0, width: c.clientWidth, height: c.clientHeight, layerIds: [layer] });
        return hits.map((h) => (h.object as { group: string }).group);
      }, SITE_LAYER);
      expect(groups.filter((g) => g === 'a').length).toBeGreaterThanOrEqual(1);
      expect(groups.filter((g) => g === 'b').length).toBeGreaterThanOrEqual(1);
      await page.screenshot({ path: join(SHOTS, 'plan-compare.png') });

      // English on request
      await page.click('button[data-lang="en"]');
      expect(await page.locator('.plan-title').textContent()).toBe('Site planning');
      await page.click('#plan-tab-coverage');
      await page.screenshot({ path: join(SHOTS, 'plan-en.png') });

      expect(w.consoleErrors, 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('phone: tools below the map, no horizontal overflow', async () => {
    const origin = server!.origin;
    const context = await browser!.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await context.newPage();
    const w = watch(page, origin);
    try {
      await page.goto(`${origin}/plan`);
      await waitReady(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: join(SHOTS, 'plan-phone.png') });
      expect(w.consoleErrors, 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
