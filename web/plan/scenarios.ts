import type { PlanSite } from '../map/index.ts';
import {
  compareScenarios, deleteScenario, getScenario, listScenarios, scenarioCoverage,
  type Scenario, type ScenarioCompare, type ScenarioCoverage, type ScenarioSummary, type Weight,
} from './data.ts';
import { button, el, errorText, num, pct, replaceKeepingFocus } from './dom.ts';
import { tv } from './messages.ts';

export interface ScenariosDeps {
  regionName(code: string, name?: string): string;
  /** sites of the shown scenario(s) for the map; empty when nothing is shown */
  onSites(sites: PlanSite[]): void;
}

type Detail =
  | { kind: 'none' }
  | { kind: 'loading' }
  | { kind: 'error'; error: unknown }
  | { kind: 'one'; scenario: Scenario; coverage: ScenarioCoverage }
  | { kind: 'compare'; a: Scenario; b: Scenario; cmp: ScenarioCompare };

/** Saved scenarios: list, show one (before/after per region), compare two side by side, delete. */
export function createScenariosPanel(deps: ScenariosDeps) {
  let list: ScenarioSummary[] | null = null;
  let listError: unknown = null;
  let pickA: number | null = null;
  let pickB: number | null = null;
  let detail: Detail = { kind: 'none' };
  let seq = 0;
  const element = el('div', { class: 'sc' });

  async function refresh(select?: number) {
    try {
      list = (await listScenarios()).scenarios;
      listError = null;
      if (select !== undefined) {
        if (pickA === null || pickA === select) pickA = select;
        else if (pickB === null) pickB = select;
      }
      pickA = list.some((s) => s.id === pickA) ? pickA : null;
      pickB = list.some((s) => s.id === pickB) ? pickB : null;
    } catch (err) {
      listError = err;
    }
    render();
  }

  const toSites = (s: Scenario, group: 'a' | 'b'): PlanSite[] =>
    s.sites.map((x, i) => ({
      key: `${group}:${s.id}:${i}`, group, lng: x.lng, lat: x.lat, label: `${group.toUpperCase()}${i + 1}`, name: `${s.name} · ${x.name}`, radius_m: s.radius_m,
    }));

  async function show(id: number) {
    const my = ++seq;
    detail = { kind: 'loading' };
    render();
    try {
      const [scenario, coverage] = await Promise.all([getScenario(id), scenarioCoverage(id)]);
      if (my !== seq) return;
      detail = { kind: 'one', scenario, coverage };
      deps.onSites(toSites(scenario, 'a'));
    } catch (err) {
      if (my !== seq) return;
      detail = { kind: 'error', error: err };
    }
    render();
  }

  async function compare() {
    if (pickA === null || pickB === null || pickA === pickB) return;
    const my = ++seq;
    detail = { kind: 'loading' };
    render();
    try {
      const [a, b, cmp] = await Promise.all([getScenario(pickA), getScenario(pickB), compareScenarios(pickA, pickB)]);
      if (my !== seq) return;
      detail = { kind: 'compare', a, b, cmp };
      deps.onSites([...toSites(a, 'a'), ...toSites(b, 'b')]);
    } catch (err) {
      if (my !== seq) return;
      detail = { kind: 'error', error: err };
    }
    render();
  }

  async function remove(s: ScenarioSummary) {
    if (!confirm(tv('sc.delete_confirm', { name: s.name }))) return;
    try {
      await deleteScenario(s.id);
      const shown = detail.kind === 'one' ? [detail.scenario.id] : detail.kind === 'compare' ? [detail.a.id, detail.b.id] : [];
      if (shown.includes(s.id)) {
        detail = { kind: 'none' };
        deps.onSites([]);
      }
    } catch (err) {
      detail = { kind: 'error', error: err };
    }
    await refresh();
  }

  const hourText = (h: number | null) => (h === null ? tv('ctl.hour_any') : tv('ctl.hour_value', { h: String(h).padStart(2, '0'), h2: String(h + 1).padStart(2, '0') }));

  function renderList(): Node {
    if (listError) {
      return el('p', { class: 'plan-error', role: 'alert' }, tv('state.error', { msg: errorText(listError, '') }), ' ', button(tv('state.retry'), () => void refresh()));
    }
    if (!list) return el('p', { class: 'plan-note' }, tv('state.loading'));
    if (!list.length) return el('p', { class: 'plan-empty' }, tv('sc.empty'));
    const rows = list.map((s) => {
      const radio = (which: 'a' | 'b') => {
        const input = el('input', { type: 'radio', name: `plan-pick-${which}`, value: String(s.id), id: `plan-pick-${which}-${s.id}` });
        input.checked = (which === 'a' ? pickA : pickB) === s.id;
        input.addEventListener('change', () => {
          if (which === 'a') pickA = s.id;
          else pickB = s.id;
          render();
        });
        return el('label', { class: 'sc-pick', for: input.id }, input, tv(which === 'a' ? 'sc.pick_a' : 'sc.pick_b'));
      };
      return el(
        'li',
        { class: 'sc-item', 'data-scenario-id': String(s.id) },
        el(
          'div',
          { class: 'sc-name' },
          s.name,
          el('small', {}, tv('sc.meta', { n: s.site_count, r: s.radius_m, w: tv(`weight.${s.weight as Weight}`), h: hourText(s.hour) })),
        ),
        el(
          'div',
          { class: 'sc-actions' },
          radio('a'),
          radio('b'),
          button(tv('sc.show'), () => void show(s.id), 'link-button', { 'data-key': `show-${s.id}` }),
          button(tv('sc.delete'), () => void remove(s), 'link-button', { 'data-key': `delete-${s.id}` }),
        ),
      );
    });
    const cmpBtn = button(tv('sc.compare'), () => void compare(), 'plan-button', { 'data-testid': 'scenario-compare' });
    cmpBtn.disabled = pickA === null || pickB === null || pickA === pickB;
    return el('div', {}, el('ul', { class: 'sc-list' }, ...rows), el('div', { class: 'sc-compare' }, cmpBtn, el('span', { class: 'ctl-hint' }, tv('sc.compare_hint'))));
  }

  function renderDetail(): Node | null {
    if (detail.kind === 'none') return null;
    if (detail.kind === 'loading') return el('p', { class: 'plan-note', role: 'status' }, tv('state.loading'));
    if (detail.kind === 'error') return el('p', { class: 'plan-error', role: 'alert' }, tv('state.error', { msg: errorText(detail.error, '') }));
    if (detail.kind === 'one') {
      const c = detail.coverage;
      const kids = new Map(c.after.children.map((x) => [x.code, x]));
      return el(
        'div',
        { class: 'sc-detail', 'data-testid': 'scenario-detail' },
        el('h3', { class: 'plan-h3' }, tv('sc.detail', { name: detail.scenario.name })),
        el(
          'div',
          { class: 'sc-figures' },
          figure(tv('sc.before'), pct(c.before.ratio)),
          figure(tv('sc.after'), pct(c.after.ratio)),
          figure(tv('sc.added'), `+${num(c.added.covered)}`),
        ),
        el(
          'table',
          { class: 'plan-table' },
          el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, tv('cov.col_region')), el('th', { scope: 'col', class: 'num' }, tv('sc.before')), el('th', { scope: 'col', class: 'num' }, tv('sc.after')))),
          el(
            'tbody',
            {},
            ...c.before.children.map((b) =>
              el('tr', {}, el('th', { scope: 'row' }, deps.regionName(b.code, b.name)), el('td', { class: 'num' }, pct(b.ratio)), el('td', { class: 'num' }, pct(kids.get(b.code)?.ratio))),
            ),
          ),
        ),
      );
    }
    const { a, b, cmp } = detail;
    return el(
      'div',
      { class: 'sc-detail', 'data-testid': 'scenario-compare-table' },
      el(
        'div',
        { class: 'sc-side' },
        side('A', a.name, cmp.a),
        side('B', b.name, cmp.b),
      ),
      el(
        'table',
        { class: 'plan-table sc-cmp' },
        el(
          'thead',
          {},
          el(
            'tr',
            {},
            el('th', { scope: 'col' }, tv('cov.col_region')),
            ...(['sc.col_before_a', 'sc.col_after_a', 'sc.col_before_b', 'sc.col_after_b'] as const).map((k) => el('th', { scope: 'col', class: 'num' }, tv(k))),
          ),
        ),
        el(
          'tbody',
          {},
          ...cmp.children.map((r) =>
            el(
              'tr',
              {},
              el('th', { scope: 'row' }, deps.regionName(r.code, r.name)),
              el('td', { class: 'num' }, pct(r.before_a)),
              el('td', { class: 'num sc-a' }, pct(r.after_a)),
              el('td', { class: 'num' }, pct(r.before_b)),
              el('td', { class: 'num sc-b' }, pct(r.after_b)),
            ),
          ),
        ),
      ),
    );
  }

  const figure = (label: string, value: string) => el('div', { class: 'sc-fig' }, el('span', {}, label), el('strong', {}, value));

  const side = (tag: 'A' | 'B', name: string, c: ScenarioCoverage) =>
    el(
      'div',
      { class: `sc-card sc-card-${tag.toLowerCase()}` },
      el('div', { class: 'sc-card-name' }, `${tag} · ${name}`),
      el('div', {}, `${tv('sc.before')} ${pct(c.before.ratio)} → ${tv('sc.after')} ${pct(c.after.ratio)}`),
      el('div', { class: 'ctl-hint' }, `${tv('sc.added')} +${num(c.added.covered)} · ${c.scenario.radius_m} m · ${hourText(c.scenario.hour)}`),
    );

  function render() {
    replaceKeepingFocus(element, [el('h3', { class: 'plan-h3' }, tv('sc.title')), renderList(), ...[renderDetail()].filter((n): n is Node => n !== null)]);
  }

  render();
  return {
    element,
    render,
    refresh,
    detail: () => detail,
  };
}
