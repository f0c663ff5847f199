import { AMENITY_LABELS, FACILITY_TYPE_LABELS } from '../../api/facilities/types.ts';
import { getLang, pick, type Lang } from '../i18n/index.ts';
import { REPORT_KINDS, sendReport, type NearbyFeature, type Place } from './data.ts';
import { compass, formatDate, formatDistance, openStateText } from './format.ts';
import { bearingArrow, icon } from './icons.ts';
import { tv, type RiderMessageKey } from './messages.ts';

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

const NAV_APPS = [
  ['amap', 'card.amap'],
  ['baidu', 'card.baidu'],
  ['tencent', 'card.tencent'],
] as const satisfies readonly (readonly [string, RiderMessageKey])[];

export interface CardContext {
  /** the instant the list was evaluated at (the page clock when fetched) */
  evaluatedAt: Date;
  place: Place;
  lang: Lang;
}

/**
 * One station: what a rider needs at a glance (name, how far, open or not and until when, what is there), then
 * the hand-off to a map app and a way to report a problem. The card is an <li> with data-facility-id.
 */
export function stationCard(f: NearbyFeature, ctx: CardContext): HTMLLIElement {
  const p = f.properties;
  const { lang } = ctx;
  const li = el('li', 'r-card');
  li.dataset.facilityId = String(p.id);
  li.dataset.open = String(p.open_now);
  li.tabIndex = -1;

  const head = el('div', 'r-card-head');
  const name = el('h3', 'r-card-name', p.name);
  name.id = `station-${p.id}`;
  li.setAttribute('aria-labelledby', name.id);
  const type = el('span', 'r-card-type', pick(FACILITY_TYPE_LABELS[p.type], lang));
  head.append(name, type);

  const meta = el('p', 'r-card-meta');
  const dist = el('span', 'r-dist');
  dist.append(bearingArrow(p.bearing_deg), document.createTextNode(tv('card.distance', { d: formatDistance(p.distance_m, lang) }, lang)));
  dist.title = tv('card.bearing', { dir: compass(p.bearing_deg, lang) }, lang);
  const dir = el('span', 'r-dir', compass(p.bearing_deg, lang));
  dir.setAttribute('aria-label', tv('card.bearing', { dir: compass(p.bearing_deg, lang) }, lang));
  meta.append(dist, dir);

  const state = el('p', `r-state ${p.open_now ? 'is-open' : 'is-closed'}`, openStateText(p.open_now, p.next_change, ctx.evaluatedAt, lang));
  state.dataset.testid = 'open-state';

  const addr = el('p', 'r-addr', p.address);

  const amen = el('ul', 'r-amenities');
  amen.setAttribute('aria-label', tv('card.amenities', {}, lang));
  for (const a of p.amenities) {
    const item = el('li', 'r-amenity');
    item.dataset.amenity = a;
    item.append(icon(a, 16), el('span', undefined, pick(AMENITY_LABELS[a], lang)));
    amen.append(item);
  }

  const nav = el('div', 'r-nav');
  nav.setAttribute('role', 'group');
  nav.setAttribute('aria-label', tv('card.nav', {}, lang));
  for (const [app, key] of NAV_APPS) {
    const a = el('a', 'r-nav-link');
    a.href = p.nav[app];
    a.dataset.app = app;
    // same tab: WeChat's browser handles a plain link to the map app's web page and offers to open the app
    a.rel = 'noopener noreferrer';
    a.setAttribute('aria-label', tv('card.nav_with', { app: tv(key, {}, lang), name: p.name }, lang));
    a.append(icon('nav', 16), el('span', undefined, tv(key, {}, lang)));
    nav.append(a);
  }

  const reportBtn = el('button', 'r-report-btn');
  reportBtn.type = 'button';
  reportBtn.append(icon('flag', 16), el('span', undefined, tv('card.report', {}, lang)));
  reportBtn.setAttribute('aria-label', tv('card.report_long', { name: p.name }, lang));
  reportBtn.setAttribute('aria-expanded', 'false');
  nav.append(reportBtn);

  const facts = el('p', 'r-facts');
  facts.append(
    el('span', undefined, p.last_verified ? tv('card.verified', { date: formatDate(p.last_verified, lang) }, lang) : tv('card.not_verified', {}, lang)),
    el('span', 'r-reports', tv('card.reports', { n: p.reports_30d }, lang)),
  );

  let form: HTMLFormElement | null = null;
  reportBtn.addEventListener('click', () => {
    if (form) {
      form.remove();
      form = null;
      reportBtn.setAttribute('aria-expanded', 'false');
      return;
    }
    form = reportForm(f, ctx, () => {
      form?.remove();
      form = null;
      reportBtn.setAttribute('aria-expanded', 'false');
      reportBtn.focus();
    });
    const id = `report-${p.id}`;
    form.id = id;
    reportBtn.setAttribute('aria-controls', id);
    reportBtn.setAttribute('aria-expanded', 'true');
    li.append(form);
    form.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
  });

  li.append(head, meta, state, addr);
  if (p.amenities.length) li.append(amen);
  li.append(nav, facts);
  return li;
}

/** The report form inline in the card (no <dialog>: older iOS WebViews inside WeChat lack showModal). */
function reportForm(f: NearbyFeature, ctx: CardContext, close: () => void): HTMLFormElement {
  const { lang } = ctx;
  const p = f.properties;
  const form = el('form', 'r-report');
  form.noValidate = true;
  form.setAttribute('aria-label', tv('report.title', { name: p.name }, lang));

  const fs = el('fieldset', 'r-report-kinds');
  fs.append(el('legend', undefined, tv('report.kind', {}, lang)));
  REPORT_KINDS.forEach((k, i) => {
    const label = el('label', 'r-kind');
    const input = el('input');
    input.type = 'radio';
    input.name = `kind-${p.id}`;
    input.value = k;
    if (i === 0) input.checked = true;
    label.append(input, el('span', undefined, tv(`report.kind.${k}` as RiderMessageKey, {}, lang)));
    fs.append(label);
  });

  const noteLabel = el('label', 'r-note-label', tv('report.note', {}, lang));
  const note = el('textarea', 'r-note');
  note.maxLength = 500;
  note.rows = 2;
  note.name = 'note';
  noteLabel.append(note);

  const msg = el('p', 'r-report-msg');
  msg.setAttribute('role', 'status');
  msg.setAttribute('aria-live', 'polite');

  const actions = el('div', 'r-report-actions');
  const send = el('button', 'r-btn r-btn-primary', tv('report.send', {}, lang));
  send.type = 'submit';
  const cancel = el('button', 'r-btn', tv('report.cancel', {}, lang));
  cancel.type = 'button';
  cancel.addEventListener('click', close);
  actions.append(cancel, send);

  form.append(fs, noteLabel, actions, msg);
  form.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close();
  });

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const kind = (form.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value ?? 'other') as (typeof REPORT_KINDS)[number];
    const text = note.value.trim().slice(0, 500);
    send.disabled = true;
    msg.className = 'r-report-msg';
    msg.textContent = tv('report.sending', {}, lang);
    // only a real position is worth sending; a town centre says nothing about where the rider stood
    const where = ctx.place.kind === 'gps' ? { lng: ctx.place.lng, lat: ctx.place.lat } : {};
    const out = await sendReport({ facility_id: p.id, kind, ...(text ? { note: text } : {}), ...where });
    if (out.kind === 'ok') {
      msg.className = 'r-report-msg is-ok';
      msg.textContent = tv('report.thanks', {}, lang);
      fs.disabled = true;
      note.disabled = true;
      send.remove();
      cancel.textContent = tv('report.close', {}, lang);
      form.dataset.sent = 'true';
      return;
    }
    send.disabled = false;
    msg.className = 'r-report-msg is-error';
    if (out.kind === 'rate_limited') {
      msg.textContent = tv('report.too_many', { s: out.retry_after_s }, lang);
      form.dataset.sent = 'rate_limited';
    } else {
      const m = out.error.status === 0
        ? tv('rider.error_network', {}, lang)
        : (getLang() === 'en' ? out.error.message_en : out.error.message_zh) || `HTTP ${out.error.status}`;
      msg.textContent = tv('report.failed', { msg: m }, lang);
      form.dataset.sent = 'error';
    }
  });
  return form;
}

/** Grey placeholder cards while the first answer is on its way. */
export function skeletonCards(n: number): HTMLLIElement[] {
  return Array.from({ length: n }, () => {
    const li = el('li', 'r-card r-skeleton');
    li.setAttribute('aria-hidden', 'true');
    li.append(el('div', 'sk sk-title'), el('div', 'sk sk-line'), el('div', 'sk sk-line short'), el('div', 'sk sk-nav'));
    return li;
  });
}
