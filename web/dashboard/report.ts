import { getLang, onLangChange, type Lang } from '../i18n/index.ts';
import { createMap, type MapController } from '../map/index.ts';
import type { MountedView } from '../shell/view.ts';
import { byRegionOf, childLevel, regionsOnce, summaryOf } from './dashboard.ts';
import { CITY_CODE, METRICS, type ByRegion, type Metric, type StatsSummary } from './data.ts';
import { el, formatDate, formatPercent, formatValue, regionName, todayShanghai } from './format.ts';
import { kpiLabel, referenceValue } from './kpis.ts';
import { choroplethClasses, choroplethLegend, CLASS_COLORS } from './legend.ts';
import { tv } from './messages.ts';
import { errorCard, loadingLine, RegionIndex } from './state.ts';

const REPORT_CLASS = 'dash-report-mode';
/** The per-region table's columns: the figures a county comparison is read by. */
const TABLE_METRICS = ['sites', 'sites_per_10k_workers', 'coverage', 'grids_full_share', 'unionization_rate'] as const;
/**
 * Map image size in CSS px, drawn at 112 mm wide beside its legend. Nearly square: 盐城 is taller than wide,
 * and the page must keep the KPI table and the map together on page 1.
 */
const MAP_W = 640;
const MAP_H = 600;

/**
 * The printable report (/dashboard?report=1&region=…): one print-ready page per region — KPIs, a static image of
 * the choropleth, the per-county (or per-town) table, the date, the 示例数据 mark and the note on map approval
 * (审图号). "Print / save as PDF" calls window.print(); the print stylesheet hides everything else.
 * The root gets data-state="ready" once the map image is in (or known to be impossible).
 */
export async function mountReport(outlet: HTMLElement): Promise<MountedView> {
  document.documentElement.classList.add(REPORT_CLASS);
  const q = new URLSearchParams(location.search);
  const region = /^\d{6}(\d{3})?$/.test(q.get('region') ?? '') ? q.get('region')! : CITY_CODE;
  const m = q.get('metric');
  const metric: Metric = (METRICS as readonly string[]).includes(m ?? '') ? (m as Metric) : 'coverage';

  const root = el('article', 'report');
  root.dataset.state = 'loading';
  outlet.replaceChildren(root);
  let alive = true;
  let mapImage: string | null = null;
  let mapFailed = false;
  const disposers: (() => void)[] = [];

  async function build(lang: Lang) {
    root.dataset.state = 'loading';
    root.replaceChildren(loadingLine(tv('state.loading', {}, lang)));
    let summary: StatsSummary;
    let index: RegionIndex;
    let rows: ByRegion[] = [];
    try {
      index = new RegionIndex(await regionsOnce());
      summary = await summaryOf(region);
      const node = index.get(region);
      const level = node ? childLevel(node) : null;
      if (level) rows = await Promise.all(TABLE_METRICS.map((mt) => byRegionOf(level, region, mt)));
    } catch (err) {
      if (!alive) return;
      root.dataset.state = 'error';
      root.replaceChildren(errorCard(tv('state.error', {}, lang), err, () => void build(getLang())));
      return;
    }
    if (!alive) return;
    const node = index.get(region)!;
    const name = regionName(node.code, node.name, lang, node.pinyin);

    const toolbar = el('div', 'report-toolbar no-print');
    const print = el('button', 'button-primary', tv('report.print', {}, lang));
    print.type = 'button';
    print.addEventListener('click', () => window.print());
    const back = el('a', 'report-back', tv('report.back', {}, lang));
    back.href = `/dashboard${region === CITY_CODE ? '' : `?region=${region}`}`;
    toolbar.append(print, back);

    const head = el('header', 'report-head');
    const stamp = el('div', 'report-stamp', '示例数据');
    stamp.dataset.testid = 'report-demo';
    head.append(
      el('h1', 'report-title', tv('report.title', { region: name }, lang)),
      el('p', 'report-date', tv('report.generated', { date: formatDate(todayShanghai(), lang), as_of: formatDate(summary.as_of, lang) }, lang)),
      stamp,
      el('p', 'report-demo-note', tv('report.demo', {}, lang)),
    );

    // 1. KPIs
    const kpiSec = el('section', 'report-section');
    const kt = el('table', 'report-table');
    const khead = el('tr');
    for (const k of ['report.col.kpi', 'report.col.value', 'report.col.reference', 'report.col.pct'] as const) khead.append(el('th', undefined, tv(k, {}, lang)));
    const kthead = el('thead');
    kthead.append(khead);
    const kbody = el('tbody');
    for (const k of summary.kpis) {
      const tr = el('tr');
      tr.dataset.kpi = k.id;
      tr.append(
        el('td', undefined, kpiLabel(k, lang)),
        el('td', 'num', formatValue(k.value, k.unit, lang)),
        el('td', 'num', referenceValue(k, lang) ?? '—'),
        el('td', 'num', k.ratio === null ? '—' : formatPercent(k.ratio, lang, 0)),
      );
      kbody.append(tr);
    }
    kt.append(kthead, kbody);
    kpiSec.append(el('h2', undefined, tv('report.kpis', {}, lang)), kt);

    // 2. map
    const mapSec = el('section', 'report-section report-map-section');
    const metricData = rows.length ? await byRegionOf(childLevel(node)!, region, metric) : null;
    const mapTitle = metricData ? (lang === 'en' ? metricData.label_en : metricData.label) : name;
    mapSec.append(el('h2', undefined, tv('report.map', { metric: mapTitle }, lang)));
    const figure = el('figure', 'report-figure');
    const img = el('img', 'report-map');
    img.alt = tv('report.map', { metric: mapTitle }, lang);
    img.width = MAP_W;
    img.height = MAP_H;
    const caption = el('figcaption', 'report-legend');
    if (metricData) {
      const { classes } = choroplethClasses(metricData);
      caption.append(choroplethLegend(metricData, classes, lang));
    }
    caption.append(el('p', 'report-boundary-note', tv('report.boundary_note', {}, lang)));
    figure.append(img, caption);
    mapSec.append(figure);

    // 3. by region
    const tableSec = el('section', 'report-section');
    tableSec.append(el('h2', undefined, tv('report.table', {}, lang)));
    if (rows.length) tableSec.append(regionMatrix(rows, lang));
    else tableSec.append(el('p', undefined, tv('report.no_children', {}, lang)));

    const foot = el('footer', 'report-foot', tv('report.source', {}, lang));
    root.replaceChildren(toolbar, head, kpiSec, mapSec, tableSec, foot);

    // The map is drawn once, off screen, and kept as a PNG: a WebGL canvas does not print reliably.
    if (!mapImage && !mapFailed) {
      mapImage = await renderMapImage(region, metricData, (d) => disposers.push(d)).catch((err: unknown) => {
        console.warn('report map image failed', err);
        mapFailed = true;
        return null;
      });
    }
    if (!alive) return;
    if (mapImage) img.src = mapImage;
    else img.replaceWith(el('p', 'report-map-failed', tv('report.map_failed', {}, lang)));
    if (mapImage) await img.decode().catch(() => {});
    root.dataset.state = 'ready';
  }

  const offLang = onLangChange((lang) => void build(lang));
  void build(getLang());

  return {
    unmount() {
      alive = false;
      offLang();
      for (const d of disposers) d();
      root.remove();
      document.documentElement.classList.remove(REPORT_CLASS);
    },
  };
}

/**
 * Draw the map off screen and return it as a PNG. The map is kept (hidden) until the report unmounts rather
 * than removed at once: removing a map while its workers may still be answering raced into "Worker failed to
 * load" errors on the slower embedded database.
 */
async function renderMapImage(region: string, data: ByRegion | null, keep: (dispose: () => void) => void): Promise<string> {
  const box = el('div', 'report-map-canvas');
  box.style.width = `${MAP_W}px`;
  box.style.height = `${MAP_H}px`;
  box.setAttribute('aria-hidden', 'true');
  document.body.append(box);
  let m: MapController | null = null;
  keep(() => {
    m?.destroy();
    box.remove();
  });
  m = await createMap(box, { lang: getLang() });
  m.setRegions(await regionsOnce());
  m.fitRegion(region, { padding: 20 });
  const th = m.thematic();
  th.setVisible('grids', false);
  th.setVisible('zones', false);
  if (data) th.setChoropleth({ classes: choroplethClasses(data).map, colors: CLASS_COLORS });
  th.setHighlight(region === CITY_CODE ? null : region);
  await th.whenIdle();
  return th.snapshot();
}

/** Sub-regions × the table metrics, sorted by code (the order of the official lists). */
function regionMatrix(rows: ByRegion[], lang: Lang): HTMLElement {
  const t = el('table', 'report-table report-matrix');
  const head = el('tr');
  head.append(el('th', undefined, tv('table.region', {}, lang)));
  for (const r of rows) head.append(el('th', 'num', r.metric === 'sites' ? tv('report.col.sites', {}, lang) : lang === 'en' ? r.label_en : r.label));
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  const codes = [...rows[0].regions].sort((a, b) => a.code.localeCompare(b.code));
  for (const c of codes) {
    const tr = el('tr');
    tr.dataset.code = c.code;
    tr.append(el('th', undefined, regionName(c.code, c.name, lang)));
    for (const r of rows) {
      const v = r.regions.find((x) => x.code === c.code);
      tr.append(el('td', 'num', v ? formatValue(v.value, r.unit, lang) : '—'));
    }
    tbody.append(tr);
  }
  const foot = el('tfoot');
  const ft = el('tr');
  ft.append(el('th', undefined, regionName(rows[0].parent.code, rows[0].parent.name, lang)));
  for (const r of rows) ft.append(el('td', 'num', formatValue(r.parent.value, r.unit, lang)));
  foot.append(ft);
  t.append(thead, tbody, foot);
  return t;
}
