import type { LngLat, PlanSite } from '../map/index.ts';
import { cancelJob, jobStatus, saveScenario, startSuggestion, type NewSite, type Params, type SuggestResult } from './data.ts';
import { button, el, errorText, num, pct, replaceKeepingFocus } from './dom.ts';
import { tv } from './messages.ts';

const POLL_MS = 400;
const K = { min: 1, max: 50, initial: 5 } as const;

export interface SuggestDeps {
  params(): Params;
  regionName(code: string): string;
  /** the map shows these; called whenever suggested or hand-placed sites change */
  onSites(sites: PlanSite[], radius_m: number): void;
  /** turn map placement on (with the callback) or off */
  onPlacing(cb: ((at: LngLat) => void) | null): void;
  mapCenter(): LngLat | null;
  /** frame the new result's sites on the map */
  fit(points: LngLat[]): void;
  onSaved(id: number): void;
}

type Run =
  | { kind: 'idle' }
  | { kind: 'running'; jobId: string | null; done: number; total: number; message: string }
  | { kind: 'done'; result: SuggestResult; params: Params; k: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; error: unknown };

/**
 * "Where should the next k stations go": runs the MCLP as a background job (progress, cancel), lists the
 * chosen sites with the weight each adds, takes hand-placed sites, and saves either as a named scenario.
 */
export function createSuggestPanel(deps: SuggestDeps) {
  let run: Run = { kind: 'idle' };
  let manual: NewSite[] = [];
  let manualSeq = 0;
  let placing = false;
  let pollTimer: ReturnType<typeof setTimeout> | null = null;
  let saveMsg: { ok: boolean; text: string } | null = null;
  let saving = false;

  const element = el('div', { class: 'sug' });
  const kInput = el('input', { id: 'plan-k', type: 'number', min: String(K.min), max: String(K.max), step: '1', value: String(K.initial), inputmode: 'numeric' });
  const kLabel = el('label', { for: 'plan-k', class: 'ctl-label' });
  const runBtn = button('', () => void start(), 'button-primary', { 'data-testid': 'suggest-run' });
  const nameInput = el('input', { id: 'plan-sc-name', type: 'text', maxlength: '100' });
  const nameLabel = el('label', { for: 'plan-sc-name', class: 'ctl-label' });
  let nameTouched = false;
  nameInput.addEventListener('input', () => { nameTouched = true; });

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && placing) setPlacing(false);
  };
  document.addEventListener('keydown', onKey);

  function kValue(): number | null {
    const k = Number(kInput.value);
    return Number.isInteger(k) && k >= K.min && k <= K.max ? k : null;
  }

  async function start() {
    const k = kValue();
    if (k === null) {
      kInput.setAttribute('aria-invalid', 'true');
      kInput.focus();
      return;
    }
    kInput.removeAttribute('aria-invalid');
    const params = deps.params();
    stopPolling();
    run = { kind: 'running', jobId: null, done: 0, total: 100, message: '' };
    render();
    try {
      const jobId = await startSuggestion(params, k);
      if (run.kind !== 'running') {
        // cancelled while the job was being created: stop it on the server too
        void cancelJob(jobId).catch(() => {});
        return;
      }
      run.jobId = jobId;
      poll(jobId, params, k);
    } catch (err) {
      run = { kind: 'failed', error: err };
      render();
    }
  }

  function poll(jobId: string, params: Params, k: number) {
    pollTimer = setTimeout(async () => {
      pollTimer = null;
      if (run.kind !== 'running' || run.jobId !== jobId) return;
      try {
        const s = await jobStatus(jobId);
        if (run.kind !== 'running' || run.jobId !== jobId) return;
        if (s.status === 'running') {
          run = { ...run, done: s.progress.done, total: s.progress.total || 100, message: s.progress.message ?? '' };
          render();
          poll(jobId, params, k);
        } else if (s.status === 'done' && s.result) {
          run = { kind: 'done', result: s.result, params, k };
          if (!nameTouched) nameInput.value = defaultName(params, s.result.selected_sites.length + manual.length);
          saveMsg = null;
          render();
          emitSites();
          deps.fit(s.result.selected_sites.map((x) => [x.lng, x.lat] as LngLat));
        } else if (s.status === 'cancelled') {
          run = { kind: 'cancelled' };
          render();
        } else {
          const e = s.error;
          run = { kind: 'failed', error: new Error(e ? (document.documentElement.lang === 'en' ? e.message_en : e.message) : s.status) };
          render();
        }
      } catch (err) {
        run = { kind: 'failed', error: err };
        render();
      }
    }, POLL_MS);
  }

  function stopPolling() {
    if (pollTimer) clearTimeout(pollTimer);
    pollTimer = null;
  }

  async function cancel() {
    if (run.kind !== 'running') return;
    const id = run.jobId;
    stopPolling();
    run = { kind: 'cancelled' };
    render();
    if (id) await cancelJob(id).catch(() => {});
  }

  function defaultName(p: Params, n: number): string {
    return tv('sug.default_name', { region: deps.regionName(p.region), n });
  }

  function sites(): PlanSite[] {
    const out: PlanSite[] = [];
    if (run.kind === 'done') {
      run.result.selected_sites.forEach((s, i) => {
        out.push({ key: `s:${String(s.id)}`, group: 'suggested', lng: s.lng, lat: s.lat, label: String(i + 1), name: s.name ?? siteName(s.kind, i), added_weight: s.added_weight });
      });
    }
    manual.forEach((m, i) => out.push({ key: `m:${i}:${m.lng},${m.lat}`, group: 'manual', lng: m.lng, lat: m.lat, label: `M${i + 1}`, name: m.name }));
    return out;
  }

  function siteName(kind: string, i: number): string {
    const k = kind === 'facility' ? tv('sug.kind_facility') : kind === 'h3_cell' ? tv('sug.kind_h3_cell') : tv('sug.kind_custom');
    return `${i + 1}. ${k}`;
  }

  function emitSites() {
    const radius = run.kind === 'done' ? run.params.radius_m : deps.params().radius_m;
    deps.onSites(sites(), radius);
  }

  function addManual(at: LngLat) {
    manualSeq += 1;
    manual = [...manual, { lng: Math.round(at[0] * 1e6) / 1e6, lat: Math.round(at[1] * 1e6) / 1e6, name: tv('sug.manual_name', { n: manualSeq }) }];
    saveMsg = null;
    render();
    emitSites();
  }

  function setPlacing(on: boolean) {
    placing = on;
    deps.onPlacing(on ? addManual : null);
    render();
  }

  async function save() {
    const params = run.kind === 'done' ? run.params : deps.params();
    const list: NewSite[] = [
      ...(run.kind === 'done'
        ? run.result.selected_sites.map((s, i) => ({ lng: s.lng, lat: s.lat, name: s.name ?? siteName(s.kind, i), candidate_id: String(s.id) }))
        : []),
      ...manual,
    ];
    if (!list.length) {
      saveMsg = { ok: false, text: tv('sug.nothing_to_save') };
      render();
      return;
    }
    const name = nameInput.value.trim() || defaultName(params, list.length);
    saving = true;
    render();
    try {
      const r = await saveScenario(params, name, list);
      saveMsg = { ok: true, text: tv('sug.saved', { name }) };
      deps.onSaved(r.id);
    } catch (err) {
      saveMsg = { ok: false, text: errorText(err, tv('state.error', { msg: '' })) };
    } finally {
      saving = false;
      render();
    }
  }

  function render() {
    kLabel.textContent = tv('sug.k');
    runBtn.textContent = tv('sug.run');
    runBtn.disabled = run.kind === 'running';
    nameLabel.textContent = tv('sug.save_name');
    const parts: (Node | null)[] = [
      el('div', { class: 'sug-form' }, el('div', { class: 'ctl sug-k' }, kLabel, kInput), runBtn),
      el('p', { class: 'ctl-hint' }, tv('sug.note')),
    ];

    if (run.kind === 'running') {
      const p = Math.round((100 * run.done) / Math.max(1, run.total));
      const bar = el('progress', { max: '100', value: String(p), 'aria-label': tv('sug.running', { pct: p }) });
      parts.push(
        el(
          'div',
          { class: 'sug-progress', role: 'status', 'data-testid': 'suggest-progress' },
          el('span', {}, tv('sug.running', { pct: p }) + (run.message ? ` · ${run.message}` : '')),
          bar,
          button(tv('sug.cancel'), () => void cancel(), 'plan-button', { 'data-testid': 'suggest-cancel' }),
        ),
      );
    } else if (run.kind === 'cancelled') {
      parts.push(el('p', { class: 'plan-note', role: 'status' }, tv('sug.cancelled')));
    } else if (run.kind === 'failed') {
      parts.push(el('p', { class: 'plan-error', role: 'alert' }, tv('sug.failed', { msg: errorText(run.error, tv('state.error', { msg: '' })) })));
    } else if (run.kind === 'done') {
      const r = run.result;
      const added = r.covered_weight - r.baseline_weight;
      const total = r.total_weight || 1;
      const certified = r.gap <= 1e-9 ? tv('sug.certified') : tv('sug.gap', { gap: pct(r.gap, 2) });
      parts.push(
        el(
          'div',
          { class: 'sug-summary', 'data-testid': 'suggest-summary', 'data-added': String(added) },
          el('div', { class: 'sug-added' }, tv('sug.result', { added: num(added), pct: `+${pct(added / total)}` })),
          el('div', {}, tv('sug.before_after', { before: pct(r.baseline_weight / total), after: pct(r.covered_weight / total) })),
          el('div', { class: 'sug-cert' }, certified),
          el('div', { class: 'ctl-hint' }, tv('sug.method', { method: r.method, s: (r.elapsed_ms / 1000).toFixed(1) })),
        ),
        el(
          'ol',
          { class: 'sug-list' },
          ...r.selected_sites.map((s, i) =>
            el(
              'li',
              { class: 'sug-site', 'data-site-id': String(s.id) },
              el('span', { class: 'sug-rank' }, String(i + 1)),
              el('span', { class: 'sug-name' }, s.name ?? siteName(s.kind, i), el('small', {}, `${s.lng.toFixed(5)}, ${s.lat.toFixed(5)}`)),
              el('span', { class: 'sug-w num' }, tv('sug.site_added', { w: num(s.added_weight) })),
            ),
          ),
        ),
      );
    } else {
      parts.push(el('p', { class: 'plan-empty' }, tv('sug.empty')));
    }

    // hand-placed sites
    const placeBtn = button(placing ? tv('sug.place_on') : tv('sug.place'), () => setPlacing(!placing), 'plan-button', {
      'aria-pressed': String(placing),
      'data-testid': 'place-toggle',
    });
    const centerBtn = button(tv('sug.place_center'), () => {
      const c = deps.mapCenter();
      if (c) addManual(c);
    }, 'plan-button', { 'data-testid': 'place-center' });
    parts.push(
      el('h3', { class: 'plan-h3' }, tv('sug.manual_title')),
      el('div', { class: 'sug-place' }, placeBtn, centerBtn),
      manual.length
        ? el(
            'ul',
            { class: 'sug-manual' },
            ...manual.map((m, i) =>
              el(
                'li',
                {},
                el('span', { class: 'sug-rank is-manual' }, `M${i + 1}`),
                el('span', { class: 'sug-name' }, m.name ?? '', el('small', {}, `${m.lng.toFixed(5)}, ${m.lat.toFixed(5)}`)),
                button(tv('sug.remove'), () => {
                  manual = manual.filter((_, j) => j !== i);
                  render();
                  emitSites();
                }, 'link-button', { 'aria-label': tv('sug.remove_site', { name: m.name ?? '' }), 'data-key': `remove-${i}` }),
              ),
            ),
          )
        : null,
    );

    // save as scenario
    const saveBtn = button(tv('sug.save'), () => void save(), 'plan-button', { 'data-testid': 'scenario-save' });
    saveBtn.disabled = saving;
    parts.push(
      el('div', { class: 'sug-save' }, el('div', { class: 'ctl' }, nameLabel, nameInput), saveBtn),
      saveMsg ? el('p', { class: saveMsg.ok ? 'plan-ok' : 'plan-error', role: 'status' }, saveMsg.text) : null,
    );
    replaceKeepingFocus(element, parts.filter((p): p is Node => p !== null));
  }

  render();
  return {
    element,
    render,
    sites,
    /** rows for export: suggested then hand-placed */
    result: () => (run.kind === 'done' ? run : null),
    manual: () => manual,
    stopPlacing: () => { if (placing) setPlacing(false); },
    destroy() {
      stopPolling();
      if (run.kind === 'running' && run.jobId) void cancelJob(run.jobId).catch(() => {});
      document.removeEventListener('keydown', onKey);
      deps.onPlacing(null);
    },
  };
}
