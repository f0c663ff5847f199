import { FACILITY_TYPE_LABELS } from '../../api/facilities/types.ts';
import { pick } from '../i18n/index.ts';
import type { Capacity, Coverage, GapArea, Gaps } from './data.ts';
import { button, el, km, num, pct, replaceKeepingFocus } from './dom.ts';
import { tv } from './messages.ts';

/** Region display name for a code the API returned (English from pinyin where we know the region). */
export type RegionName = (code: string, name: string) => string;

/** Overall coverage, the per-child table (the API sorts it lowest first) and the map legend. */
export function createCoveragePanel(regionName: RegionName) {
  let cov: Coverage | null = null;
  let cap: Capacity | null = null;
  const element = el('div', { class: 'cov' });

  function render() {
    element.replaceChildren();
    if (!cov) return;
    const overloaded = cap?.facilities.filter((f) => f.overloaded).length ?? 0;
    const head = el(
      'div',
      { class: 'cov-head' },
      el('div', { class: 'cov-title' }, tv('cov.overall', { region: regionName(cov.region.code, cov.region.name) })),
      el('div', { class: 'cov-ratio', 'data-testid': 'coverage-ratio', 'data-ratio': String(cov.ratio ?? '') }, pct(cov.ratio)),
      el('div', { class: 'cov-sub' }, tv('cov.covered_of', { covered: num(cov.covered), total: num(cov.total) })),
      el('div', { class: 'cov-sub' }, tv('cov.date', { date: cov.date })),
    );
    const level = cov.region.level === 'city' ? 'county' : 'town';
    const rows = cov.children.map((c) =>
      el(
        'tr',
        {},
        el('th', { scope: 'row' }, regionName(c.code, c.name)),
        el(
          'td',
          { class: 'cov-bar-cell' },
          el('span', { class: 'cov-bar', style: `--w:${Math.round((c.ratio ?? 0) * 100)}%` }),
          el('span', { class: 'cov-bar-text' }, c.ratio === null ? tv('cov.no_demand') : pct(c.ratio)),
        ),
        el('td', { class: 'num' }, num(c.total - c.covered)),
      ),
    );
    const table = el(
      'table',
      { class: 'plan-table' },
      el('caption', {}, tv(level === 'county' ? 'cov.children_county' : 'cov.children_town')),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, tv('cov.col_region')), el('th', { scope: 'col' }, tv('cov.col_ratio')), el('th', { scope: 'col', class: 'num' }, tv('cov.col_uncovered')))),
      el('tbody', {}, ...rows),
    );
    element.append(head);
    if (overloaded > 0) element.append(el('p', { class: 'cov-warn' }, tv('cov.overloaded', { n: overloaded })));
    element.append(table);
  }

  return {
    element,
    render,
    set(next: Coverage, capacity: Capacity | null) {
      cov = next;
      cap = capacity;
      render();
    },
  };
}

/** Colour key for the map: hexagon ramp, reach, gap areas, sites, facility types. */
export function createLegend() {
  const element = el('div', { class: 'plan-legend panel', role: 'group' });
  let res = 7;
  function render() {
    const sw = (cls: string, text: string) => el('li', {}, el('span', { class: `sw ${cls}`, 'aria-hidden': 'true' }), text);
    element.setAttribute('aria-label', tv('plan.panel'));
    element.replaceChildren(
      el(
        'ul',
        {},
        sw('sw-covered', tv('cov.legend_covered')),
        sw('sw-uncovered', tv('cov.legend_uncovered')),
        sw('sw-reach', tv('cov.legend_reach')),
        sw('sw-gap', tv('cov.legend_gap')),
        sw('sw-site', tv('cov.legend_site')),
        el('li', {}, el('span', { class: 'sw sw-dot', style: `background:${FACILITY_TYPE_LABELS.worker_home.color}`, 'aria-hidden': 'true' }), pick(FACILITY_TYPE_LABELS.worker_home)),
        el('li', {}, el('span', { class: 'sw sw-dot', style: `background:${FACILITY_TYPE_LABELS.station.color}`, 'aria-hidden': 'true' }), pick(FACILITY_TYPE_LABELS.station)),
      ),
      el('p', { class: 'legend-res' }, tv('cov.legend_res', { res })),
      el('p', { class: 'legend-note' }, tv('plan.straight_line')),
    );
  }
  render();
  return {
    element,
    render,
    setRes(r: number) {
      res = r;
      render();
    },
  };
}

/** The ranked gap areas; a click selects one and flies the map to it. */
export function createGapsPanel(onSelect: (area: GapArea) => void) {
  let gaps: Gaps | null = null;
  let selected: number | null = null;
  const element = el('div', { class: 'gaps' });

  function render() {
    if (!gaps) {
      element.replaceChildren();
      return;
    }
    if (!gaps.areas.length) {
      element.replaceChildren(el('p', { class: 'plan-empty' }, tv('gaps.empty')));
      return;
    }
    const items = gaps.areas.map((a) => {
      const b = button('', () => onSelect(a), 'gap-item', {
        'aria-pressed': String(a.id === selected),
        'aria-label': `${tv('gaps.fly', { n: a.id })}: ${tv('gaps.item', { cells: a.cells, weight: num(a.weight) })}`,
        'data-gap-id': String(a.id),
        'data-key': `gap-${a.id}`,
      });
      b.append(
        el('span', { class: 'gap-rank' }, String(a.id)),
        el(
          'span',
          { class: 'gap-body' },
          el('span', { class: 'gap-weight' }, tv('gaps.item', { cells: a.cells, weight: num(a.weight) })),
          el('span', { class: 'gap-near' }, a.nearest_m === null ? tv('gaps.nearest_none') : tv('gaps.nearest', { km: km(a.nearest_m) })),
        ),
      );
      return el('li', {}, b);
    });
    replaceKeepingFocus(element, [el('h3', { class: 'plan-h3' }, tv('gaps.title')), el('ol', { class: 'gap-list' }, ...items)]);
  }

  return {
    element,
    render,
    set(next: Gaps) {
      gaps = next;
      if (selected !== null && !next.areas.some((a) => a.id === selected)) selected = null;
      render();
    },
    select(id: number | null) {
      selected = id;
      render();
    },
    selected: () => selected,
  };
}
