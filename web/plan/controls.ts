import { getLang } from '../i18n/index.ts';
import { regionLabelZh, regionNameEn } from '../i18n/regions.ts';
import { WEIGHTS, type Params } from './data.ts';
import { debounce, el } from './dom.ts';
import { tv } from './messages.ts';

export interface RegionOption {
  code: string;
  name: string;
  pinyin: string | null;
}

export function regionLabel(r: RegionOption): string {
  return getLang() === 'en' ? regionNameEn(r.code, r.name, r.pinyin) : regionLabelZh(r.code, r.name);
}

/** The slider value that means "any time": one step left of 0:00, so the keyboard reaches it too. */
const ANY_HOUR = -1;
export const RADIUS = { min: 100, max: 5000, step: 100, initial: 1000 } as const;
/** Long enough to skip the intermediate values of a drag, short enough to feel live. */
const DEBOUNCE_MS = 350;

/**
 * Area, demand measure, radius and hour. Labels update at once; `onChange` fires debounced with the new
 * parameters, so dragging a slider costs one request, not fifty.
 */
export function createControls(initial: Params, onChange: (p: Params) => void) {
  const params: Params = { ...initial };
  let regions: RegionOption[] = [];

  const regionLabelEl = el('label', { for: 'plan-region', class: 'ctl-label' });
  const region = el('select', { id: 'plan-region', class: 'ctl-select' });

  const weightLegend = el('legend', { class: 'ctl-label' });
  const weightInputs = WEIGHTS.map((w) => {
    const input = el('input', { type: 'radio', name: 'plan-weight', value: w, id: `plan-weight-${w}` });
    input.checked = w === params.weight;
    const text = el('span');
    const label = el('label', { class: 'seg', for: input.id }, input, text);
    return { w, input, text, label };
  });
  const weightSet = el('fieldset', { class: 'ctl ctl-weight' }, weightLegend, el('div', { class: 'seg-group' }, ...weightInputs.map((x) => x.label)));

  const radiusLabel = el('label', { for: 'plan-radius', class: 'ctl-label' });
  const radiusOut = el('output', { for: 'plan-radius', class: 'ctl-value', 'data-testid': 'radius-value' });
  const radius = el('input', {
    id: 'plan-radius', type: 'range', min: String(RADIUS.min), max: String(RADIUS.max), step: String(RADIUS.step),
    value: String(params.radius_m),
  });

  const hourLabel = el('label', { for: 'plan-hour', class: 'ctl-label' });
  const hourOut = el('output', { for: 'plan-hour', class: 'ctl-value', 'data-testid': 'hour-value' });
  const hour = el('input', {
    id: 'plan-hour', type: 'range', min: String(ANY_HOUR), max: '23', step: '1',
    value: String(params.hour ?? ANY_HOUR),
  });
  const hourHint = el('p', { class: 'ctl-hint', id: 'plan-hour-hint' });
  hour.setAttribute('aria-describedby', hourHint.id);

  const element = el(
    'section',
    { class: 'plan-controls' },
    el('div', { class: 'ctl' }, regionLabelEl, region),
    weightSet,
    el('div', { class: 'ctl' }, el('div', { class: 'ctl-row' }, radiusLabel, radiusOut), radius),
    el('div', { class: 'ctl' }, el('div', { class: 'ctl-row' }, hourLabel, hourOut), hour, hourHint),
  );

  const emit = debounce(() => onChange({ ...params }), DEBOUNCE_MS);

  region.addEventListener('change', () => {
    params.region = region.value;
    emit.cancel();
    // a new area is a deliberate step, not a drag: no need to wait
    onChange({ ...params });
  });
  for (const { w, input } of weightInputs) {
    input.addEventListener('change', () => {
      if (!input.checked) return;
      params.weight = w;
      emit.cancel();
      onChange({ ...params });
    });
  }
  radius.addEventListener('input', () => {
    params.radius_m = Number(radius.value);
    renderValues();
    emit();
  });
  hour.addEventListener('input', () => {
    const h = Number(hour.value);
    params.hour = h === ANY_HOUR ? null : h;
    renderValues();
    emit();
  });

  function hourText(): string {
    return params.hour === null
      ? tv('ctl.hour_any')
      : tv('ctl.hour_value', { h: String(params.hour).padStart(2, '0'), h2: String(params.hour + 1).padStart(2, '0') });
  }

  function renderValues() {
    radiusOut.textContent = tv('ctl.radius_value', { m: params.radius_m });
    radius.setAttribute('aria-valuetext', radiusOut.textContent);
    hourOut.textContent = hourText();
    hour.setAttribute('aria-valuetext', hourOut.textContent);
    hourHint.textContent = params.hour === null ? tv('ctl.hour_any_hint') : tv('ctl.hour_hint');
    hourHint.classList.toggle('is-night', params.hour !== null && (params.hour >= 21 || params.hour < 6));
  }

  function render() {
    regionLabelEl.textContent = tv('ctl.region');
    weightLegend.textContent = tv('ctl.weight');
    radiusLabel.textContent = tv('ctl.radius');
    hourLabel.textContent = tv('ctl.hour');
    for (const { w, text } of weightInputs) text.textContent = tv(`weight.${w}`);
    region.replaceChildren(
      ...regions.map((r) => {
        const o = el('option', { value: r.code }, regionLabel(r));
        o.selected = r.code === params.region;
        return o;
      }),
    );
    renderValues();
  }

  render();
  return {
    element,
    render,
    params: () => ({ ...params }),
    setRegions(list: RegionOption[]) {
      regions = list;
      render();
    },
    setDisabled(disabled: boolean) {
      for (const c of [region, radius, hour, ...weightInputs.map((x) => x.input)]) c.disabled = disabled;
    },
    destroy() {
      emit.cancel();
    },
  };
}
