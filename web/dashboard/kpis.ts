import { getLang, type Lang } from '../i18n/index.ts';
import type { Kpi, StatsSummary } from './data.ts';
import { el, formatPercent, formatValue } from './format.ts';
import { tv } from './messages.ts';

const SVG = 'http://www.w3.org/2000/svg';

export const kpiLabel = (k: Kpi, lang: Lang = getLang()) => (lang === 'en' ? k.label_en : k.label);

/** "≥ 580" / "= 13" in the report's wording. */
export function referenceValue(k: Kpi, lang: Lang = getLang()): string | null {
  if (k.reference === null) return null;
  return `${k.comparator === 'at_least' ? '≥ ' : ''}${formatValue(k.reference, k.unit, lang)}`;
}

export function referenceText(k: Kpi, lang: Lang = getLang()): string | null {
  const v = referenceValue(k, lang);
  return v === null ? null : tv('kpi.reference', { cmp: '', value: v }, lang);
}

/** Whether the value meets its reference (at least, or equal within rounding). */
export function meetsReference(k: Kpi): boolean | null {
  if (k.reference === null || k.ratio === null) return null;
  return k.comparator === 'equal' ? Math.abs(k.ratio - 1) < 0.005 : k.ratio >= 0.995;
}

/** A small line of the monthly snapshots: drawn as SVG, no chart library needed for twelve points. */
export function sparkline(trend: Kpi['trend'], w = 132, h = 34): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  svg.setAttribute('class', 'kpi-spark');
  svg.setAttribute('aria-hidden', 'true');
  // stretch to the card's width; strokes keep their width through vector-effect (CSS)
  svg.setAttribute('preserveAspectRatio', 'none');
  const vals = trend.map((p) => p.value);
  const min = Math.min(...vals);
  const max = Math.max(...vals);
  const span = max - min || Math.abs(max) || 1;
  const pad = 3;
  const pts = vals.map((v, i) => {
    const x = pad + (vals.length === 1 ? (w - 2 * pad) / 2 : (i * (w - 2 * pad)) / (vals.length - 1));
    // a flat series sits in the middle rather than on the floor
    const y = max === min ? h / 2 : h - pad - ((v - min) / span) * (h - 2 * pad);
    return [x, y] as const;
  });
  const area = document.createElementNS(SVG, 'path');
  area.setAttribute('d', `M${pts[0][0]},${h} ${pts.map(([x, y]) => `L${x.toFixed(1)},${y.toFixed(1)}`).join(' ')} L${pts[pts.length - 1][0]},${h} Z`);
  area.setAttribute('class', 'spark-area');
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', pts.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(' '));
  line.setAttribute('class', 'spark-line');
  const dot = document.createElementNS(SVG, 'circle');
  const [lx, ly] = pts[pts.length - 1];
  dot.setAttribute('cx', String(lx));
  dot.setAttribute('cy', String(ly));
  dot.setAttribute('r', '2.6');
  dot.setAttribute('class', 'spark-dot');
  svg.append(area, line, dot);
  return svg;
}

/** One KPI card: value, reference and share of it (city level), trend line from kpi_snapshots. */
export function kpiCard(k: Kpi, level: string, lang: Lang = getLang()): HTMLElement {
  const card = el('article', 'kpi-card');
  card.dataset.kpi = k.id;
  card.dataset.value = String(k.value);
  const label = el('h3', 'kpi-label', kpiLabel(k, lang));
  label.title = kpiLabel(k, lang);
  const value = el('p', 'kpi-value', formatValue(k.value, k.unit, lang));

  const ref = el('p', 'kpi-ref');
  const refText = referenceText(k, lang);
  if (refText && k.ratio !== null) {
    const met = meetsReference(k);
    card.dataset.met = String(met);
    const pct = el('span', `kpi-pct ${met ? 'is-met' : 'is-below'}`, tv('kpi.of_reference', { pct: formatPercent(k.ratio, lang, 0) }, lang));
    ref.append(el('span', 'kpi-ref-text', refText), pct);
    const bar = el('div', 'kpi-bar');
    const fill = el('span', `kpi-bar-fill ${met ? 'is-met' : 'is-below'}`);
    fill.style.width = `${Math.min(100, Math.max(0, k.ratio * 100))}%`;
    bar.append(fill);
    bar.setAttribute('role', 'presentation');
    card.append(label, value, ref, bar);
  } else {
    ref.classList.add('is-muted');
    ref.textContent = level === 'city' ? tv('kpi.no_reference_city', {}, lang) : tv('kpi.no_reference', {}, lang);
    card.append(label, value, ref);
  }

  const trend = el('div', 'kpi-trend');
  if (k.trend.length >= 2) {
    const first = k.trend[0];
    const last = k.trend[k.trend.length - 1];
    const caption = tv('kpi.trend', { n: k.trend.length, from: first.month, to: last.month }, lang);
    trend.title = `${caption}: ${formatValue(first.value, k.unit, lang)} → ${formatValue(last.value, k.unit, lang)}`;
    trend.append(sparkline(k.trend), el('span', 'visually-hidden', trend.title));
  } else {
    trend.classList.add('is-empty');
    trend.textContent = tv('kpi.no_trend', {}, lang);
  }
  card.append(trend);
  return card;
}

export function kpiGrid(summary: StatsSummary, lang: Lang = getLang(), ids?: readonly string[]): HTMLElement {
  const grid = el('div', 'kpi-grid');
  grid.dataset.region = summary.region.code;
  const list = ids ? ids.map((id) => summary.kpis.find((k) => k.id === id)).filter((k): k is Kpi => !!k) : summary.kpis;
  for (const k of list) grid.append(kpiCard(k, summary.region.level, lang));
  return grid;
}

/** Placeholder cards while the summary loads, so the layout does not jump. */
export function kpiSkeleton(n: number): HTMLElement {
  const grid = el('div', 'kpi-grid is-loading');
  grid.setAttribute('aria-hidden', 'true');
  for (let i = 0; i < n; i++) grid.append(el('div', 'kpi-card kpi-skeleton'));
  return grid;
}
