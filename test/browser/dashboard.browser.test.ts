import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fail503Once, HAS_CHROMIUM, launchChromium, SHOTS, startTestServer, warnIfNoChromium, watch, type TestServer } from './helpers.ts';

/**
 * The leaders' dashboard in a real browser against the real server: KPI cards equal /api/stats/summary, a click
 * on 东台市 on the map drills down to that county's figures, table rows drill down by keyboard, grids and
 * parks show with legends, the big screen fills 1920×1080 without scrollbars, and the report prints to a PDF.
 * Screenshots and the PDF go to test-results/dashboard-*.
 */

warnIfNoChromium('dashboard browser test');

const CITY = '320900';
const DONGTAI = '320981';
const CHOROPLETH_LAYER = 'dash-choro-fill';
const GRID_LAYER = 'dash-grid-fill';

interface Summary {
  region: { code: string; name: string; level: string };
  kpis: { id: string; label: string; label_en: string; value: number; reference: number | null; trend: unknown[] }[];
}

async function dashReady(page: Page, region: string): Promise<void> {
  await page.waitForSelector(`.dash[data-state="ready"][data-region="${region}"]`, { timeout: 90_000 });
}

/** Until the map has drawn the layers for the current pass (choropleth classes, grids, zones) and is idle. */
async function mapSettled(page: Page): Promise<void> {
  await page.waitForSelector('.dash-map-panel[data-layers-ready]', { timeout: 60_000 });
  await page.waitForFunction(() => {
    const m = window.__map;
    return !!m && m.loaded() && !m.isMoving() && m.areTilesLoaded();
  }, undefined, { timeout: 60_000, polling: 250 });
}

/** The KPI cards as the page shows them: id → data-value, plus whether each card has all its parts. */
async function cards(page: Page) {
  return page.$$eval('.dash-kpis .kpi-card', (els) => els.map((e) => {
    const c = e as HTMLElement;
    return {
      id: c.dataset.kpi!,
      value: c.dataset.value!,
      label: c.querySelector('.kpi-label')?.textContent?.trim() ?? '',
      shown: c.querySelector('.kpi-value')?.textContent?.trim() ?? '',
      ref: c.querySelector('.kpi-ref')?.textContent?.trim() ?? '',
      spark: !!c.querySelector('svg.kpi-spark'),
      trendText: c.querySelector('.kpi-trend')?.textContent?.trim() ?? '',
    };
  }));
}

describe.skipIf(!HAS_CHROMIUM)('dashboard in a real browser', () => {
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  let origin = '';
  const summary = async (region: string): Promise<Summary> => {
    const res = await fetch(`${origin}/api/stats/summary?region=${region}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Summary;
  };

  beforeAll(async () => {
    server = await startTestServer('dashboard');
    origin = server.origin;
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  it('KPI cards filled; clicking 东台市 on the map drills down to its figures; keyboard drill via table rows; grids and zones', async () => {
    const context = await browser!.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const w = watch(page, origin);
    try {
      await page.goto(`${origin}/dashboard`);
      await dashReady(page, CITY);
      const city = await summary(CITY);

      // every KPI the API returns has a card with a value, a reference line and a trend (line or "no snapshots")
      const cityCards = await cards(page);
      expect(cityCards.map((c) => c.id)).toEqual(city.kpis.map((k) => k.id));
      for (const k of city.kpis) {
        const c = cityCards.find((x) => x.id === k.id)!;
        expect(c.value, k.id).toBe(String(k.value));
        expect(c.label, k.id).toBe(k.label);
        expect(c.shown, k.id).toMatch(/\d/);
        expect(c.ref.length, `${k.id} reference line`).toBeGreaterThan(0);
        if (k.reference !== null) expect(c.ref, k.id).toMatch(/达成 \d+%/);
        if (k.trend.length >= 2) expect(c.spark, `${k.id} sparkline`).toBe(true);
        else expect(c.trendText, k.id).toBe('暂无月度快照');
      }
      expect(cityCards.filter((c) => c.spark).length, 'trends from kpi_snapshots').toBeGreaterThan(5);
      expect(await page.locator('[data-testid="demo-badge"]').textContent()).toContain('示例数据');

      await page.locator('.dash-map-panel').scrollIntoViewIfNeeded();
      await mapSettled(page);
      const counties = await page.evaluate((layer) => [...new Set(window.__map!.queryRenderedFeatures({ layers: [layer] })
        .map((f) => f.properties.code as string))], CHOROPLETH_LAYER);
      expect(counties.length, 'counties in the choropleth').toBeGreaterThanOrEqual(9);
      expect(await page.locator('.dash-legend .map-legend-item').count()).toBeGreaterThanOrEqual(5);
      expect(await page.locator('.dash-table-card tbody tr').count()).toBe(10);
      // charts: ECharts draws into canvases inside the chart cards
      await page.waitForFunction(() => document.querySelectorAll('.dash-chart canvas').length >= 2, undefined, { timeout: 30_000 });
      expect(w.requests.some((u) => /\/assets\/charts-[\w-]+\.js$/.test(u)), 'echarts chunk loaded on demand').toBe(true);
      await page.screenshot({ path: join(SHOTS, 'dashboard-city.png') });
      await page.screenshot({ path: join(SHOTS, 'dashboard-city-full.png'), fullPage: true });

      // click 东台市 where the map draws it: its centroid, if that pixel is the canvas and 东台市 is rendered there
      const regions = (await (await fetch(`${origin}/api/regions?level=county&geometry=false`)).json()) as {
        features: { properties: { code: string; centroid: [number, number] } }[];
      };
      const centroid = regions.features.find((f) => f.properties.code === DONGTAI)!.properties.centroid;
      const target = await page.evaluate(({ c, layer }) => {
        const map = window.__map!;
        const canvas = map.getCanvas();
        const rect = canvas.getBoundingClientRect();
        const p = map.project(c);
        const hit = map.queryRenderedFeatures(p, { layers: [layer] })[0]?.properties.code;
        const top = document.elementFromPoint(rect.left + p.x, rect.top + p.y);
        return { x: rect.left + p.x, y: rect.top + p.y, hit, onCanvas: top === canvas };
      }, { c: centroid, layer: CHOROPLETH_LAYER });
      expect(target.hit).toBe(DONGTAI);
      expect(target.onCanvas, '东台市 centroid not covered by a panel').toBe(true);
      await page.mouse.click(target.x, target.y);
      await dashReady(page, DONGTAI);
      expect(page.url()).toContain(`region=${DONGTAI}`);

      const dongtai = await summary(DONGTAI);
      const countyCards = await cards(page);
      expect(countyCards.map((c) => [c.id, c.value])).toEqual(dongtai.kpis.map((k) => [k.id, String(k.value)]));
      // the numbers really changed: the county has fewer sites than the city
      const sites = (s: Summary) => s.kpis.find((k) => k.id === 'sites')!.value;
      expect(sites(dongtai)).toBeLessThan(sites(city));
      expect(countyCards.find((c) => c.id === 'sites')!.value).toBe(String(sites(dongtai)));
      expect(await page.locator('.crumb-current').textContent()).toBe('东台市');
      await mapSettled(page);
      const towns = await page.evaluate((layer) => new Set(window.__map!.queryRenderedFeatures({ layers: [layer] })
        .map((f) => f.properties.code as string)).size, CHOROPLETH_LAYER);
      expect(towns, 'towns of 东台市 in the choropleth').toBeGreaterThan(5);
      await page.screenshot({ path: join(SHOTS, 'dashboard-dongtai.png') });

      // keyboard: breadcrumb back to the city, then a table row (a button) into 东台市 and on into a town
      await page.locator('.crumb[data-code="320900"]').focus();
      await page.keyboard.press('Enter');
      await dashReady(page, CITY);
      await page.locator(`button.row-drill[data-code="${DONGTAI}"]`).focus();
      await page.keyboard.press('Enter');
      await dashReady(page, DONGTAI);
      expect((await cards(page)).map((c) => c.value)).toEqual(dongtai.kpis.map((k) => String(k.value)));
      const town = (await page.locator('button.row-drill').first().getAttribute('data-code'))!;
      await page.locator(`button.row-drill[data-code="${town}"]`).focus();
      await page.keyboard.press('Enter');
      await dashReady(page, town);
      const townSummary = await summary(town);
      expect((await cards(page)).map((c) => c.value)).toEqual(townSummary.kpis.map((k) => String(k.value)));
      expect(await page.locator('.crumb-list li').count()).toBe(3);

      // town level: grids on by default, coloured by status, with their legend and counts
      await mapSettled(page);
      await page.locator('[data-testid="grid-legend"]').waitFor();
      const gridStatuses = await page.evaluate((layer) => window.__map!.queryRenderedFeatures({ layers: [layer] }).length, GRID_LAYER);
      expect(gridStatuses, 'grids drawn').toBeGreaterThan(0);
      const grids = (await (await fetch(`${origin}/api/grids/co-building?region=${town}`)).json()) as { features: unknown[] };
      expect(await page.locator('.dash-table-card tbody tr').count()).toBe(grids.features.length);
      await page.locator('.dash-map-panel').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(SHOTS, 'dashboard-town-grids.png') });

      // parks and business districts with their unionization rate, at city level
      await page.locator('.crumb[data-code="320900"]').click();
      await dashReady(page, CITY);
      await page.locator('.dash-zones-card tbody tr').first().waitFor();
      const zoneRows = await page.locator('.dash-zones-card tbody tr').count();
      expect(zoneRows).toBeGreaterThan(10);
      expect(await page.locator('.dash-zones-card tbody').textContent()).toMatch(/\d+%/);

      // metric switch recolours: the legend title follows the metric
      await page.selectOption('.dash-metric select', 'unionization_rate');
      await page.waitForFunction(() => document.querySelector('.dash-legend .map-legend-title')?.textContent === '企业建会率', undefined, { timeout: 30_000 });
      expect(page.url()).toContain('metric=unionization_rate');

      // English on request
      await page.click('button[data-lang="en"]');
      await dashReady(page, CITY);
      await page.waitForFunction(() => document.querySelector('.dash-kpis .kpi-label')?.textContent === "Workers' homes and stations", undefined, { timeout: 30_000 });
      expect(await page.locator('.dash-export').textContent()).toBe('Export report');
      await page.screenshot({ path: join(SHOTS, 'dashboard-city-en.png') });
      await page.click('button[data-lang="zh-CN"]');

      // the report link carries the selected region
      expect(await page.locator('[data-testid="export-report"]').getAttribute('href')).toContain(`report=1&region=${CITY}`);

      // the chart library is this view's alone
      const before = w.requests.length;
      await page.goto(`${origin}/map`);
      await page.waitForSelector('.overview[data-state="ready"]', { timeout: 90_000 });
      expect(w.requests.slice(before).filter((u) => /\/assets\/(charts|dashboard)-/.test(u)), 'dashboard code on /map').toEqual([]);

      expect(w.consoleErrors, 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 300_000);

  it('big screen: 1920×1080, dark, no scrollbars, no controls, counties rotate', async () => {
    const context = await browser!.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const w = watch(page, origin);
    try {
      await page.goto(`${origin}/dashboard?screen=1`);
      await page.waitForSelector('.screen[data-state="ready"][data-focus]', { timeout: 90_000 });
      await page.waitForFunction(() => document.querySelectorAll('.screen canvas').length >= 3, undefined, { timeout: 30_000 });
      await page.waitForFunction(() => {
        const m = window.__map;
        return !!m && m.loaded() && !m.isMoving() && m.areTilesLoaded();
      }, undefined, { timeout: 60_000 });
      const sizes = await page.evaluate(() => {
        const s = document.scrollingElement!;
        return { sw: s.scrollWidth, cw: s.clientWidth, sh: s.scrollHeight, ch: s.clientHeight, iw: innerWidth, ih: innerHeight };
      });
      expect(sizes.sw).toBe(sizes.cw);
      expect(sizes.sh).toBe(sizes.ch);
      expect([sizes.cw, sizes.ch]).toEqual([1920, 1080]);
      const bg = await page.evaluate(() => getComputedStyle(document.querySelector('.screen')!).backgroundColor + getComputedStyle(document.body).backgroundColor);
      expect(bg).toContain('rgb(7, 17, 28)');
      // no controls: header hidden, nothing to press or type into
      expect(await page.locator('.app-header').isVisible()).toBe(false);
      const controls = await page.locator('.screen button:visible, .screen select:visible, .screen input:visible, .screen a:visible, .maplibregl-ctrl-zoom-in:visible').count();
      expect(controls).toBe(0);
      expect(await page.locator('.screen-demo').textContent()).toContain('示例数据');
      expect(await page.locator('.screen-left .kpi-card').count()).toBe(8);
      await page.screenshot({ path: join(SHOTS, 'dashboard-screen.png') });

      const first = await page.getAttribute('.screen', 'data-focus');
      await page.waitForFunction((f) => document.querySelector('.screen')?.getAttribute('data-focus') !== f, first, { timeout: 20_000 });
      const second = await page.getAttribute('.screen', 'data-focus');
      expect(second).not.toBe(first);
      const focusSummary = await summary(second!);
      await page.waitForFunction((code) => document.querySelector('.screen-focus .kpi-grid')?.getAttribute('data-region') === code, second, { timeout: 10_000 });
      const shownSites = await page.getAttribute('.screen-focus .kpi-card[data-kpi="sites"]', 'data-value');
      expect(shownSites).toBe(String(focusSummary.kpis.find((k) => k.id === 'sites')!.value));
      await page.screenshot({ path: join(SHOTS, 'dashboard-screen-rotated.png') });

      expect(w.consoleErrors, 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('report: map image, KPIs and per-county table, 示例数据 and 审图号 note; prints to a PDF', async () => {
    const context = await browser!.newContext({ viewport: { width: 1100, height: 1400 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const w = watch(page, origin);
    try {
      await page.goto(`${origin}/dashboard?report=1&region=${CITY}`);
      await page.waitForSelector('.report[data-state="ready"]', { timeout: 90_000 });
      const city = await summary(CITY);
      expect(await page.locator('.report-section').first().locator('tbody tr').count()).toBe(city.kpis.length);
      expect(await page.locator('.report-matrix tbody tr').count()).toBe(10);
      const img = await page.evaluate(() => {
        const i = document.querySelector<HTMLImageElement>('img.report-map');
        return i ? { w: i.naturalWidth, h: i.naturalHeight, src: i.src.slice(0, 22) } : null;
      });
      expect(img, 'map image').not.toBeNull();
      expect(img!.src).toBe('data:image/png;base64,');
      expect(img!.w).toBeGreaterThan(300);
      const text = (await page.locator('.report').textContent())!;
      expect(text).toContain('示例数据');
      expect(text).toContain('审图号');
      expect(text).toMatch(/生成日期：\d{4}年\d{1,2}月\d{1,2}日/);
      expect(text).toContain('盐城市党建带工建进展报告');
      await page.screenshot({ path: join(SHOTS, 'dashboard-report.png'), fullPage: true });

      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const file = join(SHOTS, 'dashboard-report.pdf');
      writeFileSync(file, pdf);
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(pages, 'PDF pages').toBeGreaterThanOrEqual(1);
      // page 1 as PNG for a human to look at, when poppler-utils is installed
      if (existsSync('/usr/bin/pdftoppm')) {
        execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', file, join(SHOTS, 'dashboard-report-page1')]);
        expect(existsSync(join(SHOTS, 'dashboard-report-page1.png'))).toBe(true);
      } else {
        console.warn('[dashboard browser test] pdftoppm missing (apt-get install -y poppler-utils): PDF page not rendered to PNG');
      }

      // a county's report: its towns in the table
      await page.goto(`${origin}/dashboard?report=1&region=${DONGTAI}`);
      await page.waitForSelector('.report[data-state="ready"]', { timeout: 90_000 });
      expect(await page.locator('.report-title').textContent()).toBe('东台市党建带工建进展报告');
      const towns = (await (await fetch(`${origin}/api/stats/by-region?level=town&parent=${DONGTAI}&metric=sites`)).json()) as { regions: unknown[] };
      expect(await page.locator('.report-matrix tbody tr').count()).toBe(towns.regions.length);

      expect(w.consoleErrors, 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('API failure: shows the server message and recovers on retry', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
    const page = await context.newPage();
    const w = watch(page, origin);
    await fail503Once(page, '**/api/stats/summary?**');
    try {
      await page.goto(`${origin}/dashboard`);
      await page.waitForSelector('.dash[data-state="error"]', { timeout: 60_000 });
      const card = page.locator('.dash-fatal .dash-error');
      expect(await card.textContent()).toContain('数据库暂时不可用');
      await page.screenshot({ path: join(SHOTS, 'dashboard-error.png') });
      await card.getByRole('button').click();
      await dashReady(page, CITY);
      expect(await page.locator('.dash-kpis .kpi-card').count()).toBeGreaterThan(10);
      expect(w.consoleErrors.filter((e) => !/status of 503/.test(e)), 'console errors').toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);
});
