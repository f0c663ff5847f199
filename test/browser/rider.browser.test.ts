import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gcj02ToBd09, wgs84ToGcj02 } from '../../data/boundaries/gcj02.ts';
import { HAS_CHROMIUM, launchChromium, SHOTS, startTestServer, warnIfNoChromium, type TestServer } from './helpers.ts';

/**
 * The rider list view (`/`) on a 360×640 phone against the real server and seeded database.
 *
 * Time is pinned on both sides: the browser runs in Asia/Shanghai with its clock fixed at EVAL_AT
 * (page.clock.setFixedTime), and the page sends `open_at=<its own clock>` to the API instead of `now`, so the
 * server evaluates opening hours at EVAL_AT too — the database's own clock never enters the open/closed answer.
 * EVAL_AT is a Wednesday evening without holiday, chosen so that office-hours stations near the fixed position are
 * closed and long-hours / 24 h ones open; beforeAll checks that at least one of the nearest five is closed then.
 *
 * Navigation links are checked against GCJ-02 / BD-09 computed here from the published formulas (not gcoord),
 * and the map apps' hosts are intercepted (there is no internet). Screenshots: test-results/rider-*.png.
 */


/** 盐城市区 (亭湖区, near the city centre): WGS84 */
const HERE = { longitude: 120.16137, latitude: 33.34795 };
const EVAL_AT = '2026-05-20T20:30:00+08:00';
const NAV_HOSTS = /^https:\/\/(uri\.amap\.com|api\.map\.baidu\.com|apis\.map\.qq\.com)\//;

warnIfNoChromium('rider browser test');

// WGS84 → GCJ-02 → BD-09 from our own implementation of the published formulas, independent of gcoord (which the
// API uses to build the links under test).
const wgsToGcj = (lng: number, lat: number) => wgs84ToGcj02([lng, lat]);
const gcjToBd = (lng: number, lat: number) => gcj02ToBd09([lng, lat]);

// ---- page helpers ----
interface Watch {
  consoleErrors: string[];
  foreignRequests: string[];
  navRequests: string[];
  nearbyUrls: string[];
  /** every URL the page requested, in order */
  all: string[];
}

function watch(page: Page, origin: string): Watch {
  const w: Watch = { consoleErrors: [], foreignRequests: [], navRequests: [], nearbyUrls: [], all: [] };
  page.on('console', (m) => {
    if (m.type() === 'error') w.consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => w.consoleErrors.push(`pageerror: ${e.message}`));
  page.on('request', (r) => {
    const url = r.url();
    w.all.push(url);
    if (url.startsWith('data:') || url.startsWith('blob:')) return;
    if (NAV_HOSTS.test(url)) return void w.navRequests.push(url);
    if (url.includes('/api/facilities/nearby')) w.nearbyUrls.push(url);
    const { hostname } = new URL(url);
    if (!url.startsWith(origin) && hostname !== 'localhost' && hostname !== '127.0.0.1') w.foreignRequests.push(url);
  });
  return w;
}

const PHONE: BrowserContextOptions = {
  viewport: { width: 360, height: 640 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};

async function cardIds(page: Page): Promise<number[]> {
  return page.$$eval('.r-list > .r-card:not(.r-skeleton)', (els) => els.map((e) => Number((e as HTMLElement).dataset.facilityId)));
}

/** Wait for the list to settle after an action that reloads it. */
async function settled(page: Page, states = ['ready', 'empty']): Promise<string> {
  const h = await page.waitForFunction(
    (ok) => {
      const s = document.querySelector<HTMLElement>('.rider')?.dataset.state;
      return s && ok.includes(s) ? s : false;
    },
    states,
    { timeout: 30_000 },
  );
  return (await h.jsonValue()) as string;
}

interface NearbyBody {
  features: { id: number; geometry: { coordinates: [number, number] }; properties: { id: number; distance_m: number; open_now: boolean; nav: Record<string, string> } }[];
  query: { open_at: string };
}

describe.skipIf(!HAS_CHROMIUM)('rider view on a phone', () => {
  let server: TestServer | null = null;
  let browser: Browser | null = null;
  let origin = '';
  /** nearest five at HERE whatever their hours, and the ones of them closed at EVAL_AT */
  let nearestAny: number[] = [];
  let closedAtEval: number[] = [];
  let nearestOpen: number[] = [];

  const api = async (path: string): Promise<NearbyBody> => {
    const res = await fetch(`${origin}${path}`);
    expect(res.status, path).toBe(200);
    return (await res.json()) as NearbyBody;
  };

  beforeAll(async () => {
    server = await startTestServer('rider');
    origin = server.origin;

    // The premise of the toggle test, from the API directly: which of the nearest five are closed at EVAL_AT.
    const at = encodeURIComponent(EVAL_AT);
    const anyHours = await api(`/api/facilities/nearby?lng=${HERE.longitude}&lat=${HERE.latitude}&limit=5`);
    const open50 = await api(`/api/facilities/nearby?lng=${HERE.longitude}&lat=${HERE.latitude}&limit=50&open_at=${at}`);
    nearestAny = anyHours.features.map((f) => f.properties.id);
    const openSet = new Set(open50.features.map((f) => f.properties.id));
    closedAtEval = nearestAny.filter((id) => !openSet.has(id));
    nearestOpen = open50.features.slice(0, 5).map((f) => f.properties.id);
    expect(nearestAny).toHaveLength(5);
    expect(closedAtEval.length, `one of the nearest five must be closed at ${EVAL_AT}`).toBeGreaterThan(0);

    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  }, 60_000);

  /** A phone at HERE with location allowed, the clock pinned, and the map apps' hosts answered locally. */
  async function phone(extra: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; w: Watch }> {
    const context = await browser!.newContext({
      ...PHONE,
      geolocation: HERE,
      permissions: ['geolocation'],
      colorScheme: 'light',
      ...extra,
    });
    await context.route(NAV_HOSTS, (route) =>
      route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>map app</title><p>map app stub</p>' }),
    );
    const page = await context.newPage();
    await page.clock.setFixedTime(new Date(EVAL_AT));
    return { context, page, w: watch(page, origin) };
  }

  it('lists the five nearest open stations, toggles 仅显示营业中, hands off to map apps — offline and clean', async () => {
    const { context, page, w } = await phone();
    try {
      const firstAnswer = page.waitForResponse((r) => r.url().includes('/api/facilities/nearby'));
      await page.goto(`${origin}/`);
      expect(await settled(page)).toBe('ready');
      const body = (await (await firstAnswer).json()) as NearbyBody;

      // the page asked at its own (pinned) time, and the server evaluated at exactly that instant
      const asked = new URL(w.nearbyUrls[0]);
      expect(asked.searchParams.get('open_at')).toBe(EVAL_AT);
      expect(Number(asked.searchParams.get('lng'))).toBeCloseTo(HERE.longitude, 5);
      expect(body.query.open_at).toBe(EVAL_AT);

      // five cards, nearest first, all open, none of the closed ones
      const ids = await cardIds(page);
      expect(ids).toEqual(nearestOpen);
      expect(ids).toEqual(body.features.map((f) => f.properties.id));
      const d = body.features.map((f) => f.properties.distance_m);
      expect([...d].sort((a, b) => a - b)).toEqual(d);
      for (const id of closedAtEval) expect(ids).not.toContain(id);
      const states = await page.$$eval('.r-card [data-testid="open-state"]', (els) => els.map((e) => e.textContent ?? ''));
      expect(states).toHaveLength(5);
      for (const s of states) expect(s).toMatch(/^营业中 · /);
      expect(await page.locator('.r-card').first().textContent()).toContain('直线距离');
      expect(await page.locator('[data-testid="demo-badge"]').isVisible()).toBe(true);

      // the list view loaded no map code
      expect(w.all.filter((u) => /maplibre|deck|map-panel/.test(u)), 'map code in the list view').toEqual([]);

      // phone fit: no horizontal scroll; every control in the view at least 44 px tall
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      const small = await page.$$eval('.rider button, .rider a, .rider input', (els) =>
        els
          .filter((e) => (e as HTMLElement).offsetParent !== null)
          .map((e) => ({ h: e.getBoundingClientRect().height, w: e.getBoundingClientRect().width, t: e.textContent?.trim() ?? e.className }))
          .filter((r) => r.h < 44 || r.w < 44),
      );
      expect(small, 'tap targets under 44 px').toEqual([]);
      await page.screenshot({ path: join(SHOTS, 'rider-phone-day-zh.png'), fullPage: true });

      // 仅显示营业中 off: the nearest five whatever their hours, including the closed one(s); on: gone again
      await page.click('[data-chip="open"]');
      expect(await page.getAttribute('[data-chip="open"]', 'aria-pressed')).toBe('false');
      await settled(page);
      expect(await cardIds(page)).toEqual(nearestAny);
      for (const id of closedAtEval) expect(await cardIds(page)).toContain(id);
      // unfiltered, yet still evaluated at the page's pinned clock
      const offParams = new URL(w.nearbyUrls.at(-1)!).searchParams;
      expect(offParams.get('open_at')).toBe(EVAL_AT);
      expect(offParams.get('open_only')).toBe('false');
      await page.click('[data-chip="open"]');
      await settled(page);
      const again = await cardIds(page);
      expect(again).toEqual(nearestOpen);
      for (const id of closedAtEval) expect(again).not.toContain(id);

      // navigation links: each app's CRS and argument order, against our own conversion of the stored point
      for (const id of again) {
        const rec = (await (await fetch(`${origin}/api/facilities/${id}`)).json()) as { geometry: { coordinates: [number, number] } };
        const [lng, lat] = rec.geometry.coordinates;
        const [gLng, gLat] = wgsToGcj(lng, lat);
        const [bLng, bLat] = gcjToBd(gLng, gLat);
        const card = page.locator(`.r-card[data-facility-id="${id}"]`);
        const amap = new URL((await card.locator('a[data-app="amap"]').getAttribute('href'))!);
        const baidu = new URL((await card.locator('a[data-app="baidu"]').getAttribute('href'))!);
        const tencent = new URL((await card.locator('a[data-app="tencent"]').getAttribute('href'))!);
        expect(amap.host).toBe('uri.amap.com');
        expect(baidu.host).toBe('api.map.baidu.com');
        expect(tencent.host).toBe('apis.map.qq.com');
        // Amap: to=lng,lat,name (GCJ-02)
        const [aLng, aLat] = amap.searchParams.get('to')!.split(',').map(Number);
        expect(Math.abs(aLng - gLng), `amap lng ${id}`).toBeLessThan(2e-6);
        expect(Math.abs(aLat - gLat), `amap lat ${id}`).toBeLessThan(2e-6);
        // Baidu: destination=latlng:lat,lng|name:… (BD-09)
        const m = /latlng:([\d.]+),([\d.]+)/.exec(baidu.searchParams.get('destination')!)!;
        expect(Math.abs(Number(m[1]) - bLat), `baidu lat ${id}`).toBeLessThan(2e-6);
        expect(Math.abs(Number(m[2]) - bLng), `baidu lng ${id}`).toBeLessThan(2e-6);
        expect(baidu.searchParams.get('coord_type')).toBe('bd09ll');
        // Tencent: tocoord=lat,lng (GCJ-02)
        const [tLat, tLng] = tencent.searchParams.get('tocoord')!.split(',').map(Number);
        expect(Math.abs(tLat - gLat), `tencent lat ${id}`).toBeLessThan(2e-6);
        expect(Math.abs(tLng - gLng), `tencent lng ${id}`).toBeLessThan(2e-6);
        // the shift is real (≈ 500 m here): a link left in WGS84 would fail the checks above
        expect(Math.abs(gLng - lng) + Math.abs(gLat - lat)).toBeGreaterThan(1e-3);
      }

      // tapping 高德 really navigates (to the local stub standing in for uri.amap.com)
      const firstAmap = await page.locator('.r-card').first().locator('a[data-app="amap"]').getAttribute('href');
      await Promise.all([page.waitForURL(/uri\.amap\.com/), page.locator('.r-card').first().locator('a[data-app="amap"]').click()]);
      expect(page.url()).toBe(firstAmap);
      expect(w.navRequests).toContain(firstAmap);
      await page.goBack();
      expect(await settled(page)).toBe('ready');

      // night theme (toggle), then English
      await page.click('.r-bar-tools button[aria-pressed]');
      expect(await page.getAttribute('html', 'data-theme')).toBe('dark');
      await page.screenshot({ path: join(SHOTS, 'rider-phone-night-zh.png'), fullPage: true });
      await page.click('button[data-lang="en"]');
      expect(await page.locator('[data-chip="open"]').textContent()).toBe('Open now only');
      const en = await page.$$eval('.r-card [data-testid="open-state"]', (els) => els.map((e) => e.textContent ?? ''));
      for (const s of en) expect(s).toMatch(/^Open · /);
      expect(await page.locator('.r-card').first().textContent()).toContain('straight-line');
      await page.screenshot({ path: join(SHOTS, 'rider-phone-night-en.png'), fullPage: true });
      await page.click('.r-bar-tools button[aria-pressed]');
      expect(await page.getAttribute('html', 'data-theme')).toBe('light');
      await page.screenshot({ path: join(SHOTS, 'rider-phone-day-en.png'), fullPage: true });
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

      expect(w.consoleErrors, 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 240_000);

  it('reports a problem: success, then the 429 message; and opens the map on demand', async () => {
    const { context, page, w } = await phone();
    const posted: unknown[] = [];
    let answer = 0;
    // answered here, so the shared database gets no rows from this test (the API's own tests cover storage)
    await page.route('**/api/reports', async (route) => {
      posted.push(route.request().postDataJSON());
      if (answer++ === 0) {
        await route.fulfill({ status: 201, contentType: 'application/json', body: JSON.stringify({ id: 1, created_at: EVAL_AT }) });
      } else {
        await route.fulfill({
          status: 429,
          headers: { 'Retry-After': '120' },
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'rate_limited', message: '提交太频繁', message_en: 'Too many reports' } }),
        });
      }
    });
    try {
      await page.goto(`${origin}/`);
      await settled(page);
      const cards = page.locator('.r-card');
      const first = cards.nth(0);
      await first.locator('.r-report-btn').click();
      await first.locator('input[value="no_water"]').check();
      await first.locator('textarea').fill('饮水机没有水');
      await first.locator('button[type="submit"]').click();
      await expect.poll(() => first.locator('.r-report-msg').textContent()).toContain('已收到');
      const sent = posted[0] as Record<string, unknown>;
      expect(sent.facility_id).toBe((await cardIds(page))[0]);
      expect(sent.kind).toBe('no_water');
      expect(sent.note).toBe('饮水机没有水');
      expect(sent.lng).toBeCloseTo(HERE.longitude, 5);
      expect(String(sent.device_token)).toMatch(/^[0-9a-f]{32}$/);
      await page.screenshot({ path: join(SHOTS, 'rider-phone-report.png'), fullPage: true });

      const second = cards.nth(1);
      await second.locator('.r-report-btn').click();
      await second.locator('button[type="submit"]').click();
      await expect.poll(() => second.locator('.r-report-msg').textContent()).toContain('120 秒后再试');

      // the map only now: MapLibre arrives, draws, and the list stays
      await page.click('.r-btn-map');
      await page.waitForSelector('.r-map canvas.maplibregl-canvas', { timeout: 60_000 });
      await page.waitForFunction(() => {
        const m = window.__map;
        return !!m && m.loaded() && m.queryRenderedFeatures({ layers: ['facilities'] }).length >= 1;
      }, undefined, { timeout: 60_000 });
      expect(w.all.some((u) => /maplibre/.test(u)), 'MapLibre fetched when the map opened').toBe(true);
      expect(await cards.count()).toBe(5);
      await page.screenshot({ path: join(SHOTS, 'rider-phone-map.png') });

      // the browser logs the 429 itself; nothing else may
      expect(w.consoleErrors.filter((e) => !/status of 429/.test(e)), 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('without location: finds a town by pinyin, and the list loads from its centre', async () => {
    const { context, page, w } = await phone({ permissions: [], geolocation: undefined });
    try {
      await page.goto(`${origin}/`);
      await page.waitForSelector('.rider[data-state="choose"]', { timeout: 30_000 });
      await page.fill('#r-town-input', 'wuyou');
      const hit = page.locator('.r-town', { hasText: '伍佑街道' });
      await hit.waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(SHOTS, 'rider-phone-town-search.png'), fullPage: true });
      await hit.click();
      expect(await settled(page)).toMatch(/ready|empty/);
      expect(await page.locator('.r-where').textContent()).toContain('伍佑街道');
      expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
      expect(w.consoleErrors, 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  it('a flaky connection: stale results marked with their time; no cache → error with retry; empty state', async () => {
    const { context, page, w } = await phone();
    try {
      await page.goto(`${origin}/`);
      expect(await settled(page)).toBe('ready');
      const ids = await cardIds(page);

      // the connection drops: the saved list comes back, marked stale with the time it was saved
      await page.route('**/api/facilities/nearby**', (route) => route.abort('internetdisconnected'));
      await page.reload();
      expect(await settled(page, ['stale'])).toBe('stale');
      expect(await cardIds(page)).toEqual(ids);
      expect(await page.locator('.r-notice.is-stale').textContent()).toContain('20:30');
      await page.screenshot({ path: join(SHOTS, 'rider-phone-stale.png'), fullPage: true });

      // nothing saved: an error with a retry that works once the network is back
      await page.evaluate(() => localStorage.removeItem('zgfw.rider.last'));
      await page.reload();
      expect(await settled(page, ['error'])).toBe('error');
      await page.screenshot({ path: join(SHOTS, 'rider-phone-error.png'), fullPage: true });
      await page.unroute('**/api/facilities/nearby**');
      await page.click('[data-testid="retry"]');
      expect(await settled(page)).toBe('ready');

      // no station matches: the empty state, with a way to widen
      await page.route('**/api/facilities/nearby**', (route) =>
        route.fulfill({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ type: 'FeatureCollection', features: [], numberReturned: 0, query: { lng: HERE.longitude, lat: HERE.latitude, crs: 'wgs84', open_at: EVAL_AT, open_only: true, radius_m: null, limit: 5 } }),
        }),
      );
      await page.click('[data-chip="water"]');
      expect(await settled(page)).toBe('empty');
      expect(await page.locator('[data-testid="empty"]').textContent()).toContain('附近没有营业中的驿站');
      await page.screenshot({ path: join(SHOTS, 'rider-phone-empty.png'), fullPage: true });
      await page.unroute('**/api/facilities/nearby**');
      await page.locator('[data-testid="empty"] button').click();
      expect(await settled(page)).toBe('ready');
      expect(await page.getAttribute('[data-chip="open"]', 'aria-pressed')).toBe('false');
      expect(await page.getAttribute('[data-chip="water"]', 'aria-pressed')).toBe('false');

      // an aborted fetch is logged by the browser as a failed resource; nothing else may be
      expect(w.consoleErrors.filter((e) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(e)), 'console errors').toEqual([]);
      expect(w.foreignRequests, 'requests to other hosts').toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
