import { FACILITY_TYPES, FACILITY_TYPE_LABELS } from '../../api/facilities/types.ts';
import { getLang, onLangChange, pick, type Lang } from '../i18n/index.ts';
import { createMap, type MapController } from '../map/index.ts';
import type { MountedView } from '../shell/view.ts';
import type { Chart } from './charts.ts';
import {
  cached, CITY_CODE, getByRegion, getGrids, getOpenSitesByType, getRegions, getSummary, getZones, METRICS,
  type ByRegion, type GridCollection, type Metric, type StatsSummary, type ZoneCollection,
} from './data.ts';
import { el, formatDate, formatPercent, formatValue, regionName } from './format.ts';
import { kpiGrid, kpiSkeleton } from './kpis.ts';
import { choroplethClasses, choroplethLegend, CLASS_COLORS, GRID_COLORS, gridLegend } from './legend.ts';
import { tv } from './messages.ts';
import { emptyLine, errorCard, loadingLine, RegionIndex, type RegionNode } from './state.ts';

/** Loaded on first use and shared: the charts module (ECharts) is fetched only when a chart is drawn. */
let chartsModule: Promise<typeof import('./charts.ts')> | null = null;
export const loadCharts = () => (chartsModule ??= import('./charts.ts'));

const summaryOf = cached(getSummary, (r) => r);
const byRegionOf = cached(getByRegion, (l, p, m) => `${l}|${p}|${m}`);
const gridsOf = cached(getGrids, (r) => r);
const zonesOf = cached(getZones, (r) => r);
const sitesOf = cached(getOpenSitesByType, (r) => r);
const regionsOnce = cached(getRegions, () => 'all');
export { summaryOf, byRegionOf, gridsOf, zonesOf, sitesOf, regionsOnce };

type LayerId = 'choropleth' | 'grids' | 'zones';

function readUrl(): { region: string; metric: Metric } {
  const q = new URLSearchParams(location.search);
  const region = q.get('region') ?? CITY_CODE;
  const m = q.get('metric');
  return { region: /^\d{6}(\d{3})?$/.test(region) ? region : CITY_CODE, metric: (METRICS as readonly string[]).includes(m ?? '') ? (m as Metric) : 'coverage' };
}

/** The level whose regions colour the map below `node`, or null at town level (the smallest unit). */
export const childLevel = (node: RegionNode): 'county' | 'town' | null =>
  node.level === 'city' ? 'county' : node.level === 'county' ? 'town' : null;

/**
 * The interactive dashboard: KPI cards of the selected region, a choropleth of its counties or towns by the
 * chosen metric with the 党建网格 and parks on top, a drill-down table, and the charts. The root carries
 * data-state (loading | ready | error), data-region and data-level for the browser test.
 */
export async function mountDashboard(outlet: HTMLElement): Promise<MountedView> {
  let { region, metric } = readUrl();
  const layers: Record<LayerId, boolean> = { choropleth: true, grids: false, zones: true };
  let gridsTouched = false;
  let gen = 0;
  let index: RegionIndex | null = null;
  let map: MapController | null = null;
  let mapFailed = false;
  let charts: Chart[] = [];
  const disposers: (() => void)[] = [];

  const root = el('div', 'dash');
  root.dataset.state = 'loading';
  const bar = el('div', 'dash-bar');
  const crumbs = el('nav', 'dash-crumbs');
  const heading = el('div', 'dash-heading');
  const title = el('h1', 'dash-title');
  const subtitle = el('p', 'dash-subtitle');
  heading.append(title, subtitle);
  const tools = el('div', 'dash-tools');
  const metricLabel = el('label', 'dash-metric');
  const metricText = el('span');
  const metricSelect = el('select');
  metricSelect.name = 'metric';
  metricLabel.append(metricText, metricSelect);
  const exportLink = el('a', 'button-primary dash-export');
  exportLink.target = '_blank';
  exportLink.rel = 'noopener';
  exportLink.dataset.testid = 'export-report';
  const screenLink = el('a', 'dash-screen-link');
  tools.append(metricLabel, exportLink, screenLink);
  bar.append(heading, crumbs, tools);

  const kpiSection = el('section', 'dash-kpis');
  const kpiTitle = el('h2', 'dash-section-title');
  kpiTitle.id = 'dash-kpis-title';
  kpiSection.setAttribute('aria-labelledby', kpiTitle.id);
  const kpiBody = el('div', 'dash-kpis-body');
  kpiSection.append(kpiTitle, kpiBody);

  const main = el('div', 'dash-main');
  const mapPanel = el('section', 'dash-map-panel');
  const mapTitle = el('h2', 'dash-section-title visually-hidden');
  const mapBox = el('div', 'dash-map');
  const mapOverlay = el('div', 'dash-map-overlay');
  const legendPanel = el('div', 'dash-legend panel');
  const layerSet = el('fieldset', 'dash-layers');
  const layerLegend = el('legend');
  layerSet.append(layerLegend);
  const layerInputs = new Map<LayerId, { input: HTMLInputElement; text: HTMLSpanElement }>();
  for (const id of ['choropleth', 'grids', 'zones'] as const) {
    const label = el('label', 'dash-layer');
    const input = el('input');
    input.type = 'checkbox';
    input.name = `layer-${id}`;
    input.dataset.layer = id;
    const text = el('span');
    label.append(input, text);
    layerSet.append(label);
    layerInputs.set(id, { input, text });
    input.addEventListener('change', () => {
      layers[id] = input.checked;
      if (id === 'grids') gridsTouched = true;
      void drawMapLayers(gen);
    });
  }
  const legendBody = el('div', 'dash-legend-body');
  legendPanel.append(layerSet, legendBody);
  const mapHint = el('p', 'dash-map-hint');
  mapOverlay.append(legendPanel);
  const mapStatus = el('div', 'dash-map-status');
  mapPanel.append(mapTitle, mapBox, mapOverlay, mapHint, mapStatus);

  const side = el('div', 'dash-side');
  const tableSection = el('section', 'dash-card dash-table-card');
  const barSection = el('section', 'dash-card dash-chart-card');
  const donutSection = el('section', 'dash-card dash-chart-card');
  const zoneSection = el('section', 'dash-card dash-zones-card');
  side.append(tableSection, barSection, donutSection, zoneSection);
  main.append(mapPanel, side);

  const fatal = el('div', 'dash-fatal');
  root.append(bar, fatal, kpiSection, main);
  outlet.replaceChildren(root);

  // ---- map: created once; its failure (no WebGL2) leaves the rest of the dashboard working ----
  const mapReady = createMap(mapBox, { lang: getLang() })
    .then((m) => {
      map = m;
      m.thematic().onRegionClick((code) => { if (index?.get(code)?.parent === region) go(code); });
      return m;
    })
    .catch((err: unknown) => {
      console.warn('dashboard map failed', err);
      mapFailed = true;
      mapStatus.replaceChildren(emptyLine(tv('state.map_failed')));
      return null;
    });

  function renderStatic(lang: Lang) {
    metricText.textContent = tv('dash.metric', {}, lang);
    metricSelect.replaceChildren(...METRICS.map((m) => {
      const o = el('option', undefined, tv(`metric.${m}`, {}, lang));
      o.value = m;
      o.selected = m === metric;
      return o;
    }));
    exportLink.textContent = tv('dash.export', {}, lang);
    exportLink.href = `/dashboard?report=1&region=${region}&metric=${metric}`;
    screenLink.textContent = tv('dash.screen', {}, lang);
    screenLink.href = '/dashboard?screen=1';
    kpiTitle.textContent = tv('dash.kpis', {}, lang);
    mapTitle.textContent = tv('dash.map', {}, lang);
    mapHint.textContent = tv('dash.map_hint', {}, lang);
    layerLegend.textContent = tv('dash.layers', {}, lang);
    for (const [id, { input, text }] of layerInputs) {
      text.textContent = tv(`dash.layer.${id}`, {}, lang);
      input.checked = layers[id];
    }
    crumbs.setAttribute('aria-label', tv('dash.breadcrumb', {}, lang));
  }

  metricSelect.addEventListener('change', () => {
    metric = metricSelect.value as Metric;
    writeUrl(false);
    void show();
  });

  function writeUrl(push: boolean) {
    const q = new URLSearchParams();
    if (region !== CITY_CODE) q.set('region', region);
    if (metric !== 'coverage') q.set('metric', metric);
    const url = `/dashboard${q.size ? `?${q}` : ''}`;
    if (push) history.pushState(null, '', url);
    else history.replaceState(null, '', url);
  }

  function go(code: string) {
    if (code === region) return;
    region = code;
    writeUrl(true);
    void show();
  }

  const onPop = () => {
    ({ region, metric } = readUrl());
    void show();
  };
  window.addEventListener('popstate', onPop);
  disposers.push(() => window.removeEventListener('popstate', onPop));

  function renderCrumbs(node: RegionNode, lang: Lang) {
    const list = el('ol', 'crumb-list');
    for (const r of index!.path(node.code)) {
      const li = el('li');
      const name = regionName(r.code, r.name, lang, r.pinyin);
      if (r.code === node.code) {
        const cur = el('span', 'crumb-current', name);
        cur.setAttribute('aria-current', 'location');
        li.append(cur);
      } else {
        const b = el('button', 'crumb', name);
        b.type = 'button';
        b.dataset.code = r.code;
        b.addEventListener('click', () => go(r.code));
        li.append(b);
      }
      list.append(li);
    }
    crumbs.replaceChildren(list);
  }

  // ---- one pass over the selected region; `my` guards against answers for a region no longer selected ----
  async function show() {
    const my = ++gen;
    const lang = getLang();
    renderStatic(lang);
    for (const c of charts) c.dispose();
    charts = [];
    fatal.replaceChildren();
    root.dataset.state = 'loading';
    kpiBody.replaceChildren(kpiSkeleton(12), loadingLine(tv('state.loading', {}, lang)));
    for (const s of [tableSection, barSection, donutSection, zoneSection]) s.replaceChildren(loadingLine(tv('state.loading', {}, lang)));

    let summary: StatsSummary;
    try {
      index ??= new RegionIndex(await regionsOnce());
      summary = await summaryOf(region);
    } catch (err) {
      if (my !== gen) return;
      root.dataset.state = 'error';
      kpiBody.replaceChildren();
      for (const s of [tableSection, barSection, donutSection, zoneSection]) s.replaceChildren();
      fatal.replaceChildren(errorCard(tv('state.error', {}, lang), err, () => void show()));
      return;
    }
    if (my !== gen) return;
    const node = index.get(region) ?? { code: summary.region.code, name: summary.region.name, level: summary.region.level as RegionNode['level'], parent: null, pinyin: null };
    // grids cover their whole town and would hide the choropleth: on by default only at town level, where there
    // is no choropleth below; the reader's own choice then sticks
    if (!gridsTouched) layers.grids = node.level === 'town';
    renderStatic(lang);
    root.dataset.region = node.code;
    root.dataset.level = node.level;
    renderCrumbs(node, lang);
    title.textContent = `${regionName(node.code, node.name, lang, node.pinyin)} · ${tv('dash.title', {}, lang)}`;
    subtitle.textContent = tv('dash.subtitle', { date: formatDate(summary.as_of, lang) }, lang);
    kpiBody.replaceChildren(kpiGrid(summary, lang));
    root.dataset.state = 'ready';

    const level = childLevel(node);
    const byRegionP = level ? byRegionOf(level, node.code, metric) : Promise.resolve(null);
    byRegionP.catch(() => {});
    void renderTable(my, node, level, byRegionP, lang);
    void renderBar(my, node, level, byRegionP, lang);
    void renderDonut(my, node, lang);
    void renderZones(my, node, lang);
    void drawMapLayers(my, true);
  }

  async function renderTable(my: number, node: RegionNode, level: 'county' | 'town' | null, p: Promise<ByRegion | null>, lang: Lang) {
    const h = el('h2', 'dash-section-title');
    try {
      if (!level) {
        h.textContent = tv('table.grids_title', {}, lang);
        const grids = await gridsOf(node.code);
        if (my !== gen) return;
        tableSection.replaceChildren(h, gridTable(grids, lang));
        return;
      }
      const data = (await p)!;
      if (my !== gen) return;
      h.textContent = `${tv(level === 'county' ? 'table.counties' : 'table.towns', {}, lang)} · ${lang === 'en' ? data.label_en : data.label}`;
      tableSection.replaceChildren(h, data.regions.length ? regionTable(data, lang, go) : emptyLine(tv('state.no_children', {}, lang)));
    } catch (err) {
      if (my !== gen) return;
      tableSection.replaceChildren(errorCard(tv('state.error', {}, lang), err, () => void show()));
    }
  }

  async function renderBar(my: number, node: RegionNode, level: 'county' | 'town' | null, p: Promise<ByRegion | null>, lang: Lang) {
    if (!level) {
      barSection.hidden = true;
      return;
    }
    barSection.hidden = false;
    const h = el('h2', 'dash-section-title');
    try {
      const [data, mod] = await Promise.all([p, loadCharts()]);
      if (my !== gen || !data) return;
      h.textContent = tv('chart.by_region', { metric: lang === 'en' ? data.label_en : data.label, level: tv(`chart.level.${level}`, {}, lang) }, lang);
      const box = el('div', 'dash-chart');
      box.style.height = `${Math.max(180, data.regions.length * 26 + 20)}px`;
      barSection.replaceChildren(h, box);
      if (!data.regions.length) {
        box.replaceWith(emptyLine(tv('state.no_children', {}, lang)));
        return;
      }
      charts.push(mod.barChart(box, data.regions.map((r) => ({
        code: r.code, name: regionName(r.code, r.name, lang, index?.get(r.code)?.pinyin ?? null), value: r.value, text: formatValue(r.value, data.unit, lang),
      })), { theme: mod.LIGHT, onClick: go, percent: data.unit === 'ratio' }));
    } catch (err) {
      if (my !== gen) return;
      barSection.replaceChildren(errorCard(tv('chart.failed', {}, lang), err, () => void show()));
    }
  }

  async function renderDonut(my: number, node: RegionNode, lang: Lang) {
    const h = el('h2', 'dash-section-title', tv('chart.by_type', {}, lang));
    try {
      const [counts, mod] = await Promise.all([sitesOf(node.code), loadCharts()]);
      if (my !== gen) return;
      const data = FACILITY_TYPES.filter((ty) => counts.get(ty)).map((ty) => ({
        name: pick(FACILITY_TYPE_LABELS[ty], lang), value: counts.get(ty)!, color: FACILITY_TYPE_LABELS[ty].color,
      }));
      if (!data.length) {
        donutSection.replaceChildren(h, emptyLine(tv('chart.no_sites', {}, lang)));
        return;
      }
      const box = el('div', 'dash-chart dash-donut');
      donutSection.replaceChildren(h, box);
      const total = data.reduce((s, d) => s + d.value, 0);
      charts.push(mod.donutChart(box, data, { theme: mod.LIGHT, center: String(total) }));
    } catch (err) {
      if (my !== gen) return;
      donutSection.replaceChildren(h, errorCard(tv('chart.failed', {}, lang), err, () => void show()));
    }
  }

  async function renderZones(my: number, node: RegionNode, lang: Lang) {
    const h = el('h2', 'dash-section-title', tv('zones.title', {}, lang));
    try {
      const zones = await zonesOf(node.code);
      if (my !== gen) return;
      zoneSection.replaceChildren(h, zones.features.length ? zoneTable(zones, lang) : emptyLine(tv('zones.empty', {}, lang)));
    } catch (err) {
      if (my !== gen) return;
      zoneSection.replaceChildren(h, errorCard(tv('state.error', {}, lang), err, () => void show()));
    }
  }

  async function drawMapLayers(my: number, fit = false) {
    const m = await mapReady;
    if (!m || my !== gen || !index) return;
    const lang = getLang();
    const node = index.get(region);
    if (!node) return;
    const th = m.thematic();
    if (!mapRegionsSet) {
      m.setRegions(await regionsOnce());
      mapRegionsSet = true;
    }
    if (fit) m.fitRegion(node.code, { padding: { top: 24, right: 56, bottom: 32, left: 260 } });
    th.setHighlight(node.level === 'city' ? null : node.code);
    const blocks: HTMLElement[] = [];
    const level = childLevel(node);
    th.setVisible('choropleth', layers.choropleth);
    th.setVisible('grids', layers.grids);
    th.setVisible('zones', layers.zones);
    try {
      if (level && layers.choropleth) {
        const data = await byRegionOf(level, node.code, metric);
        if (my !== gen) return;
        const { classes, map: cls } = choroplethClasses(data);
        th.setChoropleth({ classes: cls, colors: CLASS_COLORS });
        blocks.push(choroplethLegend(data, classes, lang));
      } else th.setChoropleth(null);
      if (layers.grids) {
        legendBody.replaceChildren(...blocks, loadingLine(tv('state.loading', {}, lang)));
        const grids = await gridsOf(node.code);
        if (my !== gen) return;
        th.setGrids(grids.features.map((f) => ({ id: f.properties.id, status: f.properties.status, geometry: f.geometry as GeoJSON.Geometry })), GRID_COLORS);
        blocks.push(grids.features.length ? gridLegend(grids.counts, lang) : emptyLine(tv('state.no_grids', {}, lang)));
      }
      if (layers.zones) {
        const zones = await zonesOf(node.code);
        if (my !== gen) return;
        th.setZones(zones.features.filter((f) => f.geometry).map((f) => ({
          id: f.properties.id, kind: f.properties.kind, geometry: f.geometry as GeoJSON.Geometry,
          label: `${f.properties.name} ${f.properties.unionization_rate === null ? '—' : formatPercent(f.properties.unionization_rate, lang, 0)}`,
        })));
        blocks.push(zoneLegend(lang));
      }
      legendBody.replaceChildren(...blocks);
      mapPanel.dataset.layersReady = String(my);
    } catch (err) {
      if (my !== gen) return;
      legendBody.replaceChildren(...blocks, errorCard(tv('state.error', {}, lang), err, () => void drawMapLayers(gen)));
    }
  }
  let mapRegionsSet = false;

  const offLang = onLangChange((lang) => {
    map?.setLanguage(lang);
    void show();
  });
  disposers.push(offLang);
  const onResize = () => { for (const c of charts) c.resize(); };
  window.addEventListener('resize', onResize);
  disposers.push(() => window.removeEventListener('resize', onResize));

  void show();
  void mapReady.then(() => { if (mapFailed) mapBox.hidden = true; });

  return {
    unmount() {
      gen++;
      for (const d of disposers) d();
      for (const c of charts) c.dispose();
      map?.destroy();
      root.remove();
    },
  };
}

/** Counties or towns with the metric; the name is a button that drills down (keyboard: Tab + Enter). */
export function regionTable(data: ByRegion, lang: Lang, onDrill: ((code: string) => void) | null): HTMLElement {
  const wrap = el('div', 'dash-table-wrap');
  const table = el('table', 'dash-table');
  const head = el('tr');
  for (const k of ['table.region', 'table.value', 'table.numerator', 'table.denominator'] as const) {
    const th = el('th', undefined, tv(k, {}, lang));
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  const max = Math.max(...data.regions.map((r) => r.value), 0) || 1;
  const rows = [...data.regions].sort((a, b) => b.value - a.value);
  for (const r of rows) {
    const tr = el('tr');
    tr.dataset.code = r.code;
    const name = regionName(r.code, r.name, lang);
    const th = el('th');
    th.scope = 'row';
    if (onDrill) {
      const b = el('button', 'row-drill', name);
      b.type = 'button';
      b.dataset.code = r.code;
      b.setAttribute('aria-label', tv('table.drill', { name }, lang));
      b.addEventListener('click', () => onDrill(r.code));
      th.append(b);
    } else th.textContent = name;
    const v = el('td', 'num');
    const barEl = el('span', 'cell-bar');
    barEl.style.width = `${Math.max(0, (r.value / max) * 100)}%`;
    v.append(barEl, el('span', 'cell-value', formatValue(r.value, data.unit, lang)));
    tr.append(th, v, el('td', 'num muted', formatNumber0(r.numerator, lang)), el('td', 'num muted', r.denominator === null ? '—' : formatNumber0(r.denominator, lang)));
    tbody.append(tr);
  }
  const foot = el('tfoot');
  const ft = el('tr');
  const fth = el('th', undefined, tv('table.total', { name: regionName(data.parent.code, data.parent.name, lang) }, lang));
  fth.scope = 'row';
  ft.append(fth, el('td', 'num', formatValue(data.parent.value, data.unit, lang)), el('td', 'num muted', formatNumber0(data.parent.numerator, lang)),
    el('td', 'num muted', data.parent.denominator === null ? '—' : formatNumber0(data.parent.denominator, lang)));
  foot.append(ft);
  table.append(thead, tbody, foot);
  wrap.append(table);
  return wrap;
}

const formatNumber0 = (n: number, lang: Lang) => formatValue(n, '', lang, false);

function gridTable(grids: GridCollection, lang: Lang): HTMLElement {
  if (!grids.features.length) return emptyLine(tv('state.no_grids', {}, lang));
  const wrap = el('div', 'dash-table-wrap');
  const table = el('table', 'dash-table');
  const head = el('tr');
  for (const k of ['table.region', 'table.grid_status', 'table.grid_workers', 'table.grid_new_form'] as const) {
    const th = el('th', undefined, tv(k, {}, lang));
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const f of grids.features) {
    const p = f.properties;
    const tr = el('tr');
    const th = el('th', undefined, p.name);
    th.scope = 'row';
    const st = el('td');
    const dot = el('span', 'swatch');
    dot.style.background = GRID_COLORS[p.status];
    st.append(dot, el('span', undefined, tv(`grid.${p.status}`, {}, lang)));
    tr.append(th, st, el('td', 'num', formatNumber0(p.workers, lang)), el('td', 'num', formatNumber0(p.new_form_workers, lang)));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  wrap.append(table);
  return wrap;
}

function zoneTable(zones: ZoneCollection, lang: Lang): HTMLElement {
  const wrap = el('div', 'dash-table-wrap dash-zones');
  const table = el('table', 'dash-table');
  const head = el('tr');
  for (const text of [tv('table.region', {}, lang), tv('zones.enterprises', {}, lang), tv('zones.rate', {}, lang)]) {
    const th = el('th', undefined, text);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  const rows = [...zones.features].sort((a, b) => (b.properties.unionization_rate ?? -1) - (a.properties.unionization_rate ?? -1));
  for (const f of rows) {
    const p = f.properties;
    const tr = el('tr');
    const th = el('th');
    th.scope = 'row';
    th.append(el('span', `zone-kind zone-${p.kind}`, tv(`zones.${p.kind}`, {}, lang)), el('span', undefined, p.name));
    tr.append(th, el('td', 'num', formatNumber0(p.enterprises, lang)),
      el('td', 'num', p.unionization_rate === null ? tv('zones.withheld', {}, lang) : formatPercent(p.unionization_rate, lang, 0)));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  wrap.append(table);
  return wrap;
}

function zoneLegend(lang: Lang): HTMLElement {
  const box = el('div', 'map-legend-block');
  box.append(el('h4', 'map-legend-title', tv('zones.title', {}, lang)));
  const list = el('ul', 'map-legend-list');
  for (const [kind, color] of [['park', '#6a3d9a'], ['business_district', '#c2185b']] as const) {
    const li = el('li', 'map-legend-item');
    const sw = el('span', 'swatch swatch-outline');
    sw.style.borderColor = color;
    li.append(sw, el('span', undefined, tv(`zones.${kind}`, {}, lang)));
    list.append(li);
  }
  box.append(list);
  return box;
}
