import { FACILITY_TYPES, FACILITY_TYPE_LABELS, type FacilityType } from '../../api/facilities/types.ts';
import { formatNumber, pick, t } from '../i18n/index.ts';

export interface Legend {
  element: HTMLElement;
  setCounts(counts: ReadonlyMap<FacilityType, number>): void;
  render(): void;
}

/**
 * Type legend: swatch, name and count per facility type; each entry is a toggle button (aria-pressed) that
 * shows or hides that type. Collapsible so it does not cover a phone's map.
 */
export function createLegend(opts: {
  collapsed: boolean;
  onChange: (visible: ReadonlySet<FacilityType>) => void;
}): Legend {
  const visible = new Set<FacilityType>(FACILITY_TYPES);
  let counts: ReadonlyMap<FacilityType, number> = new Map();

  const root = document.createElement('section');
  root.className = 'legend panel';
  root.dataset.testid = 'legend';

  const head = document.createElement('button');
  head.type = 'button';
  head.className = 'legend-head';
  head.setAttribute('aria-controls', 'legend-body');
  const headTitle = document.createElement('span');
  headTitle.className = 'legend-title';
  const headSummary = document.createElement('span');
  headSummary.className = 'legend-summary';
  const chevron = document.createElement('span');
  chevron.className = 'legend-chevron';
  chevron.setAttribute('aria-hidden', 'true');
  head.append(headTitle, headSummary, chevron);

  const body = document.createElement('div');
  body.className = 'legend-body';
  body.id = 'legend-body';
  const list = document.createElement('ul');
  list.className = 'legend-list';
  const items = FACILITY_TYPES.map((type) => {
    const li = document.createElement('li');
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'legend-item';
    b.dataset.type = type;
    const sw = document.createElement('span');
    sw.className = 'legend-swatch';
    sw.style.setProperty('--swatch', FACILITY_TYPE_LABELS[type].color);
    const name = document.createElement('span');
    name.className = 'legend-name';
    const count = document.createElement('span');
    count.className = 'legend-count';
    b.append(sw, name, count);
    b.addEventListener('click', () => {
      if (visible.has(type)) visible.delete(type);
      else visible.add(type);
      render();
      opts.onChange(visible);
    });
    li.append(b);
    list.append(li);
    return { type, b, name, count };
  });

  const footer = document.createElement('div');
  footer.className = 'legend-footer';
  const showAll = document.createElement('button');
  showAll.type = 'button';
  showAll.className = 'link-button';
  showAll.addEventListener('click', () => {
    for (const ty of FACILITY_TYPES) visible.add(ty);
    render();
    opts.onChange(visible);
  });
  const hint = document.createElement('p');
  hint.className = 'legend-hint';
  const boundary = document.createElement('p');
  boundary.className = 'legend-boundary';
  const line = document.createElement('span');
  line.className = 'legend-line';
  line.setAttribute('aria-hidden', 'true');
  const boundaryText = document.createElement('span');
  boundary.append(line, boundaryText);
  footer.append(showAll, hint, boundary);
  body.append(list, footer);
  root.append(head, body);

  let collapsed = opts.collapsed;
  head.addEventListener('click', () => {
    collapsed = !collapsed;
    render();
  });

  function render() {
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    const shown = FACILITY_TYPES.filter((ty) => visible.has(ty)).reduce((a, ty) => a + (counts.get(ty) ?? 0), 0);
    headTitle.textContent = t('legend.title');
    headSummary.textContent = total
      ? shown === total ? t('legend.total', { n: formatNumber(total) }) : t('legend.shown', { shown: formatNumber(shown), n: formatNumber(total) })
      : '';
    head.setAttribute('aria-expanded', String(!collapsed));
    root.classList.toggle('is-collapsed', collapsed);
    for (const { type, b, name, count } of items) {
      name.textContent = pick(FACILITY_TYPE_LABELS[type]);
      const n = counts.get(type) ?? 0;
      count.textContent = counts.size ? formatNumber(n) : '';
      b.setAttribute('aria-pressed', String(visible.has(type)));
      b.title = t('legend.toggle_hint');
    }
    showAll.textContent = t('legend.show_all');
    showAll.hidden = visible.size === FACILITY_TYPES.length;
    hint.textContent = t('legend.toggle_hint');
    boundaryText.textContent = t('legend.county_note');
  }

  render();
  return {
    element: root,
    setCounts(c) {
      counts = c;
      render();
    },
    render,
  };
}
