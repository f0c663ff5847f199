import type { GridStatus } from '../map/index.ts';
import type { Lang } from '../i18n/index.ts';
import type { ByRegion } from './data.ts';
import { el, formatValue } from './format.ts';
import { tv } from './messages.ts';

/** Sequential blues, light = low: distinct from the grid-status greens/ambers drawn over them. */
export const CLASS_COLORS = ['#deebf7', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;
export const CLASS_COLORS_DARK = ['#16324f', '#1d5a8c', '#2b7fc2', '#4aa3f0', '#9dd3ff'] as const;

export const GRID_COLORS: Record<GridStatus, string> = { full: '#2e8b57', partial: '#f0a202', none: '#c0392b' };
export const GRID_STATUSES: readonly GridStatus[] = ['full', 'partial', 'none'];

export interface Classes {
  /** upper bound of each class (the last is the maximum) */
  breaks: number[];
  min: number;
  classOf(value: number): number;
}

/**
 * Equal-interval classes over the observed range. With ten counties quantiles would put one or two regions in
 * a class and hide how far apart they are; equal steps keep "twice the coverage" looking twice as far.
 */
export function classify(values: readonly number[], n = CLASS_COLORS.length): Classes {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (!values.length || max === min) {
    return { breaks: [max], min, classOf: () => (values.length ? n - 1 : 0) };
  }
  const step = (max - min) / n;
  const breaks = Array.from({ length: n }, (_, i) => (i === n - 1 ? max : min + step * (i + 1)));
  return {
    breaks,
    min,
    classOf: (v) => Math.min(n - 1, Math.max(0, Math.floor((v - min) / step))),
  };
}

export function choroplethClasses(data: ByRegion, n = CLASS_COLORS.length) {
  const classes = classify(data.regions.map((r) => r.value), n);
  const map = new Map(data.regions.map((r) => [r.code, classes.classOf(r.value)]));
  return { classes, map };
}

/** The legend box: one swatch per class with its range, in the metric's unit. */
export function choroplethLegend(data: ByRegion, classes: Classes, lang: Lang, colors: readonly string[] = CLASS_COLORS): HTMLElement {
  const box = el('div', 'map-legend-block');
  box.append(el('h4', 'map-legend-title', lang === 'en' ? data.label_en : data.label));
  const list = el('ul', 'map-legend-list');
  const fmt = (v: number) => formatValue(v, data.unit, lang, false);
  let lower = classes.min;
  classes.breaks.forEach((upper, i) => {
    const color = classes.breaks.length === 1 ? colors[colors.length - 1] : colors[i];
    const li = el('li', 'map-legend-item');
    const sw = el('span', 'swatch');
    sw.style.background = color;
    li.append(sw, el('span', undefined, classes.breaks.length === 1 ? fmt(upper) : `${fmt(lower)} – ${fmt(upper)}`));
    list.append(li);
    lower = upper;
  });
  box.append(list);
  return box;
}

export function gridLegend(counts: Record<GridStatus, number> | null, lang: Lang): HTMLElement {
  const box = el('div', 'map-legend-block');
  box.dataset.testid = 'grid-legend';
  box.append(el('h4', 'map-legend-title', tv('grid.legend', {}, lang)));
  const list = el('ul', 'map-legend-list');
  for (const s of GRID_STATUSES) {
    const li = el('li', 'map-legend-item');
    const sw = el('span', 'swatch');
    sw.style.background = GRID_COLORS[s];
    li.append(sw, el('span', undefined, tv(`grid.${s}`, {}, lang)));
    if (counts) li.append(el('span', 'map-legend-count', String(counts[s])));
    list.append(li);
  }
  box.append(list);
  return box;
}
