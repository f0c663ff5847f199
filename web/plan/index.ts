import './plan.css';
import { FACILITY_TYPE_LABELS } from '../../api/facilities/types.ts';
import type { RegionFeature } from '../api-client.ts';
import { getLang, onLangChange, pick } from '../i18n/index.ts';
import {
  createMap, readBasemapSetting, type MapController, type PlanFacility, type PlanHit, type PlannerLayers, type PlanSite,
} from '../map/index.ts';
import type { MountedView, ViewContext, ViewModule } from '../shell/view.ts';
import { createControls, RADIUS, regionLabel, type RegionOption } from './controls.ts';
import { createCoveragePanel, createGapsPanel, createLegend } from './coverage.ts';
import {
  CITY_CODE, loadCapacity, loadCells, loadCoverage, loadFacilities, loadGaps, loadRegions,
  type Capacity, type Coverage, type GapArea, type Gaps, type Params,
} from './data.ts';
import { button, el, errorText, num, pct } from './dom.ts';
import { exportCsv, exportGeoJson, exportXlsx, h3Outline, type ExportView, type GeoFeature } from './export.ts';
import { tv } from './messages.ts';
import { createScenariosPanel } from './scenarios.ts';
import { createSuggestPanel } from './suggest.ts';

type Tab = 'coverage' | 'gaps' | 'suggest' | 'scenarios';
const TABS: readonly Tab[] = ['coverage', 'gaps', 'suggest', 'scenarios'];
const PHONE = '(max-width: 760px)';

/**
 * The planner (/plan): coverage of demand by the 职工之家 + 工会驿站 network for an area, measure, radius and
 * hour; the ranked gap areas; MCLP suggestions for the next k sites; hand-placed sites; saved scenarios and
 * their comparison; export of whatever is on screen. The map (deck.gl over MapLibre) shows demand hexagons
 * coloured by coverage, the sites and their reach, gap areas and planned sites. The root carries data-state
 * (loading | ready | error) and data-cells-state for the browser test.
 */
async function mount({ outlet }: ViewContext): Promise<MountedView> {
  let params: Params = { region: CITY_CODE, weight: 'residents', radius_m: RADIUS.initial, hour: null };
  let tab: Tab = 'coverage';
  let regionByCode = new Map<string, RegionFeature>();
  let facilities: PlanFacility[] = [];
  let coverage: Coverage | null = null;
  let gaps: Gaps | null = null;
  let capacity: Capacity | null = null;
  let loadError: unknown = null;
  let loading = false;
  let cellsLoading = false;
  let planSites: PlanSite[] = [];
  let planRadius = params.radius_m;
  let scenarioSites: PlanSite[] = [];
  let abort = new AbortController();
  let cellsAbort = new AbortController();
  let map: MapController | null = null;
  let layers: PlannerLayers | null = null;
  const disposers: (() => void)[] = [];

  const root = el('div', { class: 'plan', 'data-state': 'loading' });
  const side = el('aside', { class: 'plan-side', 'aria-labelledby': 'plan-title' });
  const mapWrap = el('div', { class: 'plan-map-wrap' });
  const canvas = el('div', { class: 'plan-map' });
  const mapStatus = el('div', { class: 'plan-map-status', role: 'status', 'aria-live': 'polite' });
  const legend = createLegend();
  mapWrap.append(canvas, legend.element, mapStatus);
  root.append(side, mapWrap);
  outlet.replaceChildren(root);

  // ---- header, controls, status
  const title = el('h1', { id: 'plan-title', class: 'plan-title' });
  const demoNote = el('p', { class: 'plan-demo' });
  const lineNote = el('p', { class: 'plan-line-note' });
  const controls = createControls(params, (p) => {
    const regionChanged = p.region !== params.region;
    params = p;
    if (regionChanged) fitRegion();
    void refresh();
  });
  const status = el('div', { class: 'plan-status', role: 'status', 'aria-live': 'polite' });

  // ---- tabs
  const tabList = el('div', { class: 'plan-tabs', role: 'tablist' });
  const tabButtons = new Map<Tab, HTMLButtonElement>();
  const tabPanels = new Map<Tab, HTMLElement>();
  for (const id of TABS) {
    const b = el('button', { type: 'button', role: 'tab', id: `plan-tab-${id}`, 'aria-controls': `plan-panel-${id}`, class: 'plan-tab' });
    b.addEventListener('click', () => selectTab(id));
    b.addEventListener('keydown', (e) => {
      const i = TABS.indexOf(id);
      const next = e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i + TABS.length - 1) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : null;
      if (!next) return;
      e.preventDefault();
      selectTab(next);
      tabButtons.get(next)!.focus();
    });
    tabButtons.set(id, b);
    tabList.append(b);
    const panel = el('section', { role: 'tabpanel', id: `plan-panel-${id}`, 'aria-labelledby': b.id, class: 'plan-panel', tabindex: '0' });
    tabPanels.set(id, panel);
  }

  const regionName = (code: string, name?: string): string => {
    const f = regionByCode.get(code);
    return regionLabel({ code, name: f?.properties.name ?? name ?? code, pinyin: f?.properties.pinyin ?? null });
  };

  const coveragePanel = createCoveragePanel((code, name) => regionName(code, name));
  const gapsPanel = createGapsPanel((area) => selectGap(area));
  const suggestPanel = createSuggestPanel({
    params: () => params,
    regionName: (code) => regionName(code),
    onSites: (sites, radius) => {
      planSites = sites;
      planRadius = radius;
      drawSites();
    },
    onPlacing: (cb) => layers?.setPlacing(cb),
    mapCenter: () => layers?.center() ?? null,
    fit: (points) => map?.fitPoints(points, { padding: 120, maxZoom: 13 }),
    onSaved: (id) => void scenariosPanel.refresh(id),
  });
  const scenariosPanel = createScenariosPanel({
    regionName: (code, name) => regionName(code, name),
    onSites: (sites) => {
      scenarioSites = sites;
      drawSites();
      if (sites.length) map?.fitPoints(sites.map((x) => [x.lng, x.lat]), { padding: 120, maxZoom: 13 });
    },
  });
  tabPanels.get('coverage')!.append(coveragePanel.element);
  tabPanels.get('gaps')!.append(gapsPanel.element);
  tabPanels.get('suggest')!.append(suggestPanel.element);
  tabPanels.get('scenarios')!.append(scenariosPanel.element);

  // ---- export
  const exportLabel = el('span', { class: 'ctl-label' });
  const exportMsg = el('span', { class: 'ctl-hint', role: 'status' });
  const exportBtns = {
    geojson: button('', () => void runExport('geojson'), 'plan-button', { 'data-testid': 'export-geojson' }),
    csv: button('', () => void runExport('csv'), 'plan-button', { 'data-testid': 'export-csv' }),
    xlsx: button('', () => void runExport('xlsx'), 'plan-button', { 'data-testid': 'export-xlsx' }),
  };
  const exportBar = el('div', { class: 'plan-export' }, exportLabel, exportBtns.geojson, exportBtns.csv, exportBtns.xlsx, exportMsg);

  side.append(
    el('div', { class: 'plan-head' }, title, demoNote, lineNote),
    controls.element,
    status,
    tabList,
    ...TABS.map((id) => tabPanels.get(id)!),
    exportBar,
  );

  function selectTab(next: Tab) {
    tab = next;
    if (tab !== 'suggest') suggestPanel.stopPlacing();
    for (const id of TABS) {
      const on = id === tab;
      tabButtons.get(id)!.setAttribute('aria-selected', String(on));
      tabButtons.get(id)!.tabIndex = on ? 0 : -1;
      tabPanels.get(id)!.hidden = !on;
    }
    if (tab === 'scenarios') void scenariosPanel.refresh();
    drawSites();
  }

  function renderTexts() {
    title.textContent = tv('plan.title');
    demoNote.replaceChildren(el('span', { class: 'demo-chip' }, '示例数据'), ' ', tv('plan.demo'));
    lineNote.textContent = tv('plan.straight_line');
    for (const id of TABS) tabButtons.get(id)!.textContent = tv(`tab.${id}`);
    exportLabel.textContent = tv('exp.label');
    exportBtns.geojson.textContent = tv('exp.geojson');
    exportBtns.csv.textContent = tv('exp.csv');
    exportBtns.xlsx.textContent = tv('exp.xlsx');
    tabList.setAttribute('aria-label', tv('plan.panel'));
  }

  function renderStatus() {
    root.dataset.state = loadError ? 'error' : loading || !coverage ? 'loading' : 'ready';
    side.setAttribute('aria-busy', String(loading));
    root.classList.toggle('is-loading', loading);
    if (loadError) {
      status.className = 'plan-status is-error';
      status.setAttribute('role', 'alert');
      status.replaceChildren(
        el('span', {}, tv('state.error', { msg: errorText(loadError, tv('state.error', { msg: '' })) })),
        button(tv('state.retry'), () => void refresh(), 'plan-button', { 'data-testid': 'retry' }),
      );
    } else {
      status.className = `plan-status${loading ? ' is-loading' : ''}`;
      status.setAttribute('role', 'status');
      status.replaceChildren(...(loading ? [el('span', { class: 'spinner', 'aria-hidden': 'true' }), el('span', {}, tv('state.loading'))] : []));
    }
    mapStatus.hidden = !cellsLoading && map !== null;
    mapStatus.replaceChildren(el('span', { class: 'spinner', 'aria-hidden': 'true' }), el('span', {}, map ? tv('state.loading') : tv('state.loading_map')));
  }

  // ---- data
  async function refresh() {
    abort.abort();
    abort = new AbortController();
    const { signal } = abort;
    const p = { ...params };
    loading = true;
    loadError = null;
    renderStatus();
    void refreshCells();
    try {
      const [cov, gp, cap] = await Promise.all([
        loadCoverage(p, signal),
        loadGaps(p, signal),
        // capacity only colours rings and names overloaded sites: the page works without it
        loadCapacity(p, signal).catch((err) => {
          if (signal.aborted) throw err;
          console.warn('capacity failed', err);
          return null;
        }),
      ]);
      if (signal.aborted) return;
      coverage = cov;
      gaps = gp;
      capacity = cap;
      coveragePanel.set(cov, cap);
      gapsPanel.set(gp);
      drawFacilities();
      drawGaps();
      loading = false;
    } catch (err) {
      if (signal.aborted) return;
      loading = false;
      loadError = err;
    }
    renderStatus();
  }

  async function refreshCells() {
    if (!layers) return;
    cellsAbort.abort();
    cellsAbort = new AbortController();
    const { signal } = cellsAbort;
    const res = layers.currentRes();
    cellsLoading = true;
    root.dataset.cellsState = 'loading';
    renderStatus();
    try {
      const cells = await loadCells({ ...params }, res, signal);
      if (signal.aborted) return;
      layers.setCells(cells);
      legend.setRes(cells.res);
      root.dataset.cellsState = 'ready';
      root.dataset.cellsRes = String(cells.res);
    } catch (err) {
      if (signal.aborted) return;
      root.dataset.cellsState = 'error';
      // the numbers still stand without the hexagons; say so once, in the status line
      if (!loadError) loadError = err;
    }
    cellsLoading = false;
    renderStatus();
  }

  function drawFacilities() {
    if (!layers) return;
    const counted = new Map((capacity?.facilities ?? []).map((f) => [f.id, f]));
    const list = facilities.map((f) => ({ ...f, counted: counted.has(f.id), overloaded: counted.get(f.id)?.overloaded ?? false }));
    layers.setFacilities(list, params.radius_m);
  }

  function drawGaps() {
    layers?.setGapAreas(
      (gaps?.areas ?? []).map((a) => ({ id: a.id, h3: a.h3, centroid: a.centroid, weight: a.weight })),
      gapsPanel.selected(),
    );
  }

  function drawSites() {
    if (!layers) return;
    if (tab === 'scenarios') layers.setSites(scenarioSites, params.radius_m);
    else layers.setSites(planSites, planRadius);
  }

  function selectGap(area: GapArea) {
    gapsPanel.select(area.id);
    drawGaps();
    layers?.flyTo(area.centroid, 12);
  }

  function fitRegion() {
    map?.fitRegion(params.region, { padding: fitPadding(), animate: true });
  }

  const fitPadding = () => (matchMedia(PHONE).matches ? 24 : { top: 40, right: 60, bottom: 40, left: 40 });

  // ---- tooltip
  function tooltip(hit: PlanHit): string | null {
    switch (hit.kind) {
      case 'cell':
        return hit.res === 9
          ? tv('tip.cell', { w: num(hit.weight), state: hit.covered >= 1 ? tv('tip.covered') : tv('tip.uncovered') })
          : tv('tip.cell_share', { w: num(hit.weight), pct: pct(hit.covered, 0) });
      case 'facility':
        return `${hit.facility.name}\n${pick(FACILITY_TYPE_LABELS[hit.facility.type])}${hit.facility.counted ? '' : ` ${tv('tip.not_counted')}`}`;
      case 'gap':
        return tv('tip.gap', { n: hit.area.id, w: num(hit.area.weight) });
      case 'site':
        return hit.site.added_weight !== undefined ? tv('tip.site', { name: hit.site.name ?? hit.site.label, w: num(hit.site.added_weight) }) : (hit.site.name ?? hit.site.label);
    }
  }

  // ---- export
  function exportView(): ExportView | null {
    const p = params;
    const file = `plan-${tab}-${p.region}-r${p.radius_m}-${p.hour === null ? 'any' : `h${p.hour}`}-${p.weight}`;
    const paramRows: [string, string | number][] = [
      [tv('ctl.region'), `${regionName(p.region)} (${p.region})`],
      [tv('ctl.weight'), tv(`weight.${p.weight}`)],
      ['radius_m', p.radius_m],
      [tv('ctl.hour'), p.hour === null ? tv('ctl.hour_any') : p.hour],
      ['date', coverage?.date ?? ''],
      ['示例数据 / demo data', String(coverage?.demo ?? true)],
      [tv('plan.straight_line'), ''],
    ];
    if (tab === 'coverage' && coverage) {
      const cov = coverage;
      const rows = [
        ...cov.children.map((c) => ({ code: c.code, name: regionName(c.code, c.name), total: c.total, covered: c.covered, ratio: c.ratio })),
        { code: cov.region.code, name: regionName(cov.region.code, cov.region.name), total: cov.total, covered: cov.covered, ratio: cov.ratio },
      ];
      return {
        file, params: paramRows,
        tables: [{ name: tv('tab.coverage'), columns: [
          { key: 'code', header: 'code' }, { key: 'name', header: tv('cov.col_region') }, { key: 'total', header: 'total' },
          { key: 'covered', header: 'covered' }, { key: 'ratio', header: 'ratio' },
        ], rows }],
        features: async () =>
          rows.map((r) => ({ type: 'Feature', geometry: regionByCode.get(r.code)?.geometry ?? null, properties: { ...r } }) as GeoFeature),
      };
    }
    if (tab === 'gaps' && gaps) {
      const rows = gaps.areas.map((a) => ({ rank: a.id, cells: a.cells, weight: a.weight, lng: a.centroid[0], lat: a.centroid[1], nearest_m: a.nearest_m === null ? null : Math.round(a.nearest_m) }));
      const areas = gaps.areas;
      return {
        file, params: paramRows,
        tables: [{ name: tv('tab.gaps'), columns: ['rank', 'cells', 'weight', 'lng', 'lat', 'nearest_m'].map((k) => ({ key: k, header: k })), rows }],
        features: async () => Promise.all(areas.map(async (a, i) => ({ type: 'Feature', geometry: await h3Outline(a.h3), properties: { ...rows[i], h3: a.h3 } }) as GeoFeature)),
      };
    }
    if (tab === 'suggest') {
      const res = suggestPanel.result();
      const rows = planSites.map((s) => ({ label: s.label, kind: s.group, name: s.name ?? '', lng: s.lng, lat: s.lat, added_weight: s.added_weight ?? null }));
      if (!rows.length) return null;
      const meta: [string, string | number][] = res
        ? [['k', res.k], ['covered_weight', res.result.covered_weight], ['baseline_weight', res.result.baseline_weight], ['total_weight', res.result.total_weight], ['upper_bound', res.result.upper_bound], ['gap', res.result.gap], ['method', res.result.method]]
        : [];
      return {
        file, params: [...paramRows, ...meta],
        tables: [{ name: tv('tab.suggest'), columns: ['label', 'kind', 'name', 'lng', 'lat', 'added_weight'].map((k) => ({ key: k, header: k })), rows }],
        features: async () => rows.map((r) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [r.lng, r.lat] }, properties: r }) as GeoFeature),
      };
    }
    if (tab === 'scenarios') {
      const d = scenariosPanel.detail();
      const siteRows = scenarioSites.map((s) => ({ label: s.label, scenario: s.group.toUpperCase(), name: s.name ?? '', lng: s.lng, lat: s.lat }));
      const siteTable = { name: 'sites', columns: ['label', 'scenario', 'name', 'lng', 'lat'].map((k) => ({ key: k, header: k })), rows: siteRows };
      const features = async () => siteRows.map((r) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [r.lng, r.lat] }, properties: r }) as GeoFeature);
      if (d.kind === 'compare') {
        const rows = d.cmp.children.map((c) => ({ code: c.code, name: regionName(c.code, c.name), before_a: c.before_a, after_a: c.after_a, before_b: c.before_b, after_b: c.after_b }));
        rows.push({ code: 'total', name: regionName(d.cmp.a.before.region.code), before_a: d.cmp.a.before.ratio, after_a: d.cmp.a.after.ratio, before_b: d.cmp.b.before.ratio, after_b: d.cmp.b.after.ratio });
        return {
          file: `plan-compare-${d.a.id}-${d.b.id}`, params: [['A', d.a.name], ['B', d.b.name], ...paramRows.slice(5)],
          tables: [{ name: tv('sc.compare'), columns: ['code', 'name', 'before_a', 'after_a', 'before_b', 'after_b'].map((k) => ({ key: k, header: k })), rows }, siteTable],
          features,
        };
      }
      if (d.kind === 'one') {
        const after = new Map(d.coverage.after.children.map((c) => [c.code, c.ratio]));
        const rows = d.coverage.before.children.map((c) => ({ code: c.code, name: regionName(c.code, c.name), before: c.ratio, after: after.get(c.code) ?? null }));
        return {
          file: `plan-scenario-${d.scenario.id}`, params: [['scenario', d.scenario.name], ['radius_m', d.scenario.radius_m], ...paramRows.slice(5)],
          tables: [{ name: d.scenario.name, columns: ['code', 'name', 'before', 'after'].map((k) => ({ key: k, header: k })), rows }, siteTable],
          features,
        };
      }
    }
    return null;
  }

  async function runExport(kind: 'geojson' | 'csv' | 'xlsx') {
    const view = exportView();
    exportMsg.textContent = '';
    if (!view) {
      exportMsg.textContent = tv('exp.empty');
      return;
    }
    try {
      if (kind === 'geojson') await exportGeoJson(view);
      else if (kind === 'csv') exportCsv(view);
      else await exportXlsx(view, tv('exp.params'));
    } catch (err) {
      exportMsg.textContent = errorText(err, '');
    }
  }

  // ---- start: the map and the first figures load in parallel
  renderTexts();
  selectTab('coverage');
  renderStatus();
  void refresh();

  const boot = new AbortController();
  const regionsP = loadRegions(boot.signal);
  const facilitiesP = loadFacilities(boot.signal);
  regionsP.catch(() => {});
  facilitiesP.catch(() => {});

  regionsP.then((fc) => {
    regionByCode = new Map(fc.features.map((f) => [f.properties.code, f]));
    const options: RegionOption[] = fc.features
      .filter((f) => f.properties.level === 'city' || f.properties.level === 'county')
      .sort((a, b) => (a.properties.level === b.properties.level ? a.properties.code.localeCompare(b.properties.code) : a.properties.level === 'city' ? -1 : 1))
      .map((f) => ({ code: f.properties.code, name: f.properties.name, pinyin: f.properties.pinyin ?? null }));
    controls.setRegions(options);
    coveragePanel.render();
  }, () => {});

  try {
    map = await createMap(canvas, { lang: getLang(), basemap: readBasemapSetting() });
    layers = await map.planner();
    layers.setTooltip(tooltip);
    disposers.push(layers.onResChange(() => void refreshCells()));
    disposers.push(layers.onGapClick((id) => {
      const a = gaps?.areas.find((x) => x.id === id);
      if (a) {
        selectTab('gaps');
        selectGap(a);
      }
    }));
    void refreshCells();
    drawGaps();
    drawSites();
    renderStatus();
    try {
      map.setRegions(await regionsP);
      fitRegion();
    } catch (err) {
      if (!boot.signal.aborted) loadError ??= err;
    }
    try {
      facilities = (await facilitiesP)
        .filter((f) => f.geometry && f.properties.status === 'open')
        .map((f) => ({ id: f.properties.id, type: f.properties.type, name: f.properties.name, lng: f.geometry!.coordinates[0], lat: f.geometry!.coordinates[1], counted: false }));
      drawFacilities();
    } catch (err) {
      if (!boot.signal.aborted) loadError ??= err;
    }
    renderStatus();
  } catch (err) {
    console.warn('map failed', err);
    mapStatus.hidden = false;
    mapStatus.className = 'plan-map-status is-error';
    mapStatus.textContent = tv('state.error', { msg: 'WebGL2' });
  }

  const offLang = onLangChange((lang) => {
    renderTexts();
    controls.render();
    coveragePanel.render();
    gapsPanel.render();
    suggestPanel.render();
    scenariosPanel.render();
    legend.render();
    renderStatus();
    map?.setLanguage(lang);
  });

  return {
    unmount() {
      abort.abort();
      cellsAbort.abort();
      boot.abort();
      offLang();
      controls.destroy();
      suggestPanel.destroy();
      for (const d of disposers) d();
      map?.destroy();
      root.remove();
    },
  };
}

const view: ViewModule = { titleKey: 'view.plan', mount };
export const { titleKey } = view;
export { mount };
