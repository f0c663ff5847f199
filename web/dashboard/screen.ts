import { FACILITY_TYPES, FACILITY_TYPE_LABELS } from '../../api/facilities/types.ts';
import { getLang, onLangChange, pick, type Lang } from '../i18n/index.ts';
import { createMap, type MapController } from '../map/index.ts';
import type { MountedView } from '../shell/view.ts';
import type { Chart } from './charts.ts';
import { byRegionOf, loadCharts, regionsOnce, sitesOf, summaryOf } from './dashboard.ts';
import { CITY_CODE, type ByRegion, type StatsSummary } from './data.ts';
import { el, formatDate, formatValue, regionName } from './format.ts';
import { kpiGrid } from './kpis.ts';
import { choroplethClasses, choroplethLegend, CLASS_COLORS_DARK } from './legend.ts';
import { tv } from './messages.ts';
import { errorCard, loadingLine } from './state.ts';

/** How long each county stays in focus: long enough to read six figures from across a room. */
const ROTATE_MS = 10_000;
const SCREEN_METRIC = 'coverage' as const;
/** The city cards: the figures the report leads with. */
const CITY_KPIS = ['sites', 'new_form_members', 'own_union_2025', 'reform_pilots', 'democratic_rate', 'craftsman_colleges', 'skill_pay_workers', 'summer_care'];
/** Per county: the figures that differ between counties (references exist at city level only). */
const COUNTY_KPIS = ['sites', 'coverage_residents_1000m', 'sites_per_10k_workers', 'unionization_rate', 'grids_full_share', 'co_built_share'];
const SCREEN_CLASS = 'dash-screen-mode';

/**
 * Big-screen mode (/dashboard?screen=1): a fixed 1920×1080 wall display in a dark theme with no controls —
 * the city's KPIs, the county choropleth, and one county after another in focus every ten seconds. The
 * app header is hidden (it holds controls); the 示例数据 mark is repeated in the screen's own title bar.
 */
export async function mountScreen(outlet: HTMLElement): Promise<MountedView> {
  document.documentElement.classList.add(SCREEN_CLASS);
  const root = el('div', 'screen');
  root.dataset.state = 'loading';
  const header = el('header', 'screen-header');
  const h1 = el('h1', 'screen-title');
  const demo = el('span', 'screen-demo', '示例数据 · Demo data');
  const rotation = el('span', 'screen-rotation');
  const clock = el('span', 'screen-clock');
  header.append(h1, rotation, demo, clock);
  const left = el('section', 'screen-col screen-left');
  const center = el('section', 'screen-col screen-center');
  const mapBox = el('div', 'screen-map');
  const legend = el('div', 'screen-legend');
  center.append(mapBox, legend);
  const right = el('section', 'screen-col screen-right');
  const focus = el('div', 'screen-focus');
  const barBox = el('div', 'screen-chart');
  const donutBox = el('div', 'screen-chart');
  const barTitle = el('h2', 'screen-h2');
  const donutTitle = el('h2', 'screen-h2');
  right.append(focus, barTitle, barBox);
  const donutWrap = el('div', 'screen-donut');
  donutWrap.append(donutTitle, donutBox);
  const body = el('div', 'screen-body');
  body.append(left, center, right);
  root.append(header, body);
  outlet.replaceChildren(root);

  let map: MapController | null = null;
  let charts: Chart[] = [];
  let counties: ByRegion | null = null;
  let city: StatsSummary | null = null;
  let i = 0;
  let timer: ReturnType<typeof setInterval> | null = null;
  let alive = true;

  const tick = () => {
    clock.textContent = new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'zh-CN', {
      timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit',
    }).format(new Date());
  };
  tick();
  const clockTimer = setInterval(tick, 15_000);

  const mapReady = createMap(mapBox, { lang: getLang() }).then((m) => {
    map = m;
    m.thematic().setTheme('dark');
    return m;
  }).catch((err: unknown) => {
    console.warn('screen map failed', err);
    return null;
  });

  async function load() {
    const lang = getLang();
    left.replaceChildren(loadingLine(tv('state.loading', {}, lang)));
    try {
      [city, counties] = await Promise.all([summaryOf(CITY_CODE), byRegionOf('county', CITY_CODE, SCREEN_METRIC)]);
    } catch (err) {
      if (!alive) return;
      root.dataset.state = 'error';
      left.replaceChildren(errorCard(tv('state.error', {}, lang), err, null));
      // a wall display has nobody to press retry: try again by itself
      setTimeout(() => { if (alive) void load(); }, 10_000);
      return;
    }
    if (!alive) return;
    // warm the cache so a rotation step never waits on the network
    for (const r of counties.regions) summaryOf(r.code).catch(() => {});
    await render();
    root.dataset.state = 'ready';
    timer ??= setInterval(() => {
      if (!counties?.regions.length) return;
      i = (i + 1) % counties.regions.length;
      void renderFocus();
    }, ROTATE_MS);
  }

  async function render() {
    if (!city || !counties) return;
    const lang = getLang();
    h1.textContent = tv('screen.title', {}, lang);
    const cityTitle = el('h2', 'screen-h2', `${tv('screen.city_kpis', {}, lang)} · ${formatDate(city.as_of, lang)}`);
    left.replaceChildren(cityTitle, kpiGrid(city, lang, CITY_KPIS), donutWrap);
    donutTitle.textContent = tv('chart.by_type', {}, lang);
    barTitle.textContent = tv('chart.by_region', { metric: lang === 'en' ? counties.label_en : counties.label, level: tv('chart.level.county', {}, lang) }, lang);
    const { classes, map: cls } = choroplethClasses(counties);
    legend.replaceChildren(choroplethLegend(counties, classes, lang, CLASS_COLORS_DARK), el('p', 'screen-source', tv('screen.source', {}, lang)));
    const m = await mapReady;
    if (m && alive) {
      m.setRegions(await regionsOnce());
      // the legend sits top-left; the city is tall, so shifting it right costs little zoom
      m.fitRegion(CITY_CODE, { padding: { top: 30, right: 20, bottom: 30, left: 290 } });
      m.thematic().setChoropleth({ classes: cls, colors: CLASS_COLORS_DARK });
      m.thematic().setVisible('grids', false);
      m.thematic().setVisible('zones', false);
    }
    try {
      const [mod, counts] = await Promise.all([loadCharts(), sitesOf(CITY_CODE)]);
      if (!alive) return;
      for (const c of charts) c.dispose();
      charts = [];
      const data = FACILITY_TYPES.filter((ty) => counts.get(ty)).map((ty) => ({
        name: pick(FACILITY_TYPE_LABELS[ty], lang), value: counts.get(ty)!, color: FACILITY_TYPE_LABELS[ty].color,
      }));
      charts.push(mod.donutChart(donutBox, data, { theme: mod.DARK, center: String(data.reduce((s, d) => s + d.value, 0)) }));
    } catch (err) {
      console.warn('screen charts failed', err);
    }
    await renderFocus();
  }

  let barChart: Chart | null = null;
  async function renderFocus() {
    if (!counties?.regions.length || !city) return;
    const lang = getLang();
    const r = counties.regions[i];
    root.dataset.focus = r.code;
    rotation.textContent = tv('screen.rotating', { i: i + 1, n: counties.regions.length }, lang);
    map?.thematic().setHighlight(r.code);
    const name = regionName(r.code, r.name, lang);
    try {
      const s = await summaryOf(r.code);
      if (!alive || counties.regions[i].code !== r.code) return;
      const cards = kpiGrid(s, lang, COUNTY_KPIS);
      // each county card says what the city's figure is, the yardstick below the city level
      for (const card of cards.querySelectorAll<HTMLElement>('.kpi-card')) {
        const ck = city.kpis.find((k) => k.id === card.dataset.kpi);
        const ref = card.querySelector('.kpi-ref');
        if (ck && ref) {
          ref.textContent = tv('screen.vs_city', { value: formatValue(ck.value, ck.unit, lang) }, lang);
          ref.classList.remove('is-muted');
        }
      }
      focus.replaceChildren(el('h2', 'screen-focus-name', tv('screen.county_focus', { name }, lang)), cards);
    } catch (err) {
      focus.replaceChildren(errorCard(name, err, null));
    }
    try {
      const mod = await loadCharts();
      if (!alive) return;
      barChart?.dispose();
      barChart = mod.barChart(barBox, counties.regions.map((c) => ({
        code: c.code, name: regionName(c.code, c.name, lang), value: c.value, text: formatValue(c.value, counties!.unit, lang),
      })), { theme: mod.DARK, active: r.code, percent: counties.unit === 'ratio' });
    } catch (err) {
      console.warn('screen bar chart failed', err);
    }
  }

  const offLang = onLangChange((lang) => {
    map?.setLanguage(lang);
    void render();
  });

  void load();

  return {
    unmount() {
      alive = false;
      if (timer) clearInterval(timer);
      clearInterval(clockTimer);
      offLang();
      for (const c of charts) c.dispose();
      barChart?.dispose();
      map?.destroy();
      root.remove();
      document.documentElement.classList.remove(SCREEN_CLASS);
    },
  };
}
