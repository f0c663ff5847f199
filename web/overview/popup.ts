import {
  AMENITY_LABELS,
  FACILITY_TYPE_LABELS,
  HOST_TYPE_LABELS,
} from '../../api/facilities/types.ts';
import type { FacilityProperties } from '../api-client.ts';
import { pick, t, type Lang } from '../i18n/index.ts';

const ZH_DAYS: [RegExp, string][] = [
  [/\bMo\b/g, '周一'], [/\bTu\b/g, '周二'], [/\bWe\b/g, '周三'], [/\bTh\b/g, '周四'],
  [/\bFr\b/g, '周五'], [/\bSa\b/g, '周六'], [/\bSu\b/g, '周日'], [/\bPH\b/g, '法定节假日'],
  [/\boff\b/g, '休息'], [/24\/7/g, '全天 24 小时'],
];

/** OSM opening_hours as written, with day names in Chinese for zh readers ("Mo-Fr 08:30-17:30" → 周一-周五 …). */
export function formatOpeningHours(text: string, lang: Lang): string {
  if (lang === 'en') return text.replace(/;\s*/g, '; ');
  let s = text;
  for (const [re, zh] of ZH_DAYS) s = s.replace(re, zh);
  return s.replace(/;\s*/g, '；').replace(/,/g, '、');
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The popup body for one facility. Every value goes in through textContent: names are data, not markup. */
export function facilityPopup(p: FacilityProperties, lang: Lang): HTMLElement {
  const root = el('article', 'facility-card');
  root.dataset.facilityId = String(p.id);
  root.lang = lang;

  const title = el('h3', 'fc-name', p.name);
  const tags = el('div', 'fc-tags');
  const type = FACILITY_TYPE_LABELS[p.type];
  const typeTag = el('span', 'fc-tag fc-type');
  const dot = el('span', 'fc-dot');
  dot.style.background = type.color;
  typeTag.append(dot, pick(type, lang));
  tags.append(typeTag);

  if (p.status === 'open') {
    tags.append(el('span', `fc-tag ${p.open_now ? 'fc-open' : 'fc-closed'}`, t(p.open_now ? 'popup.open_now' : 'popup.closed_now', {}, lang)));
  } else {
    tags.append(el('span', 'fc-tag fc-closed', t(p.status === 'planned' ? 'popup.status_planned' : 'popup.status_closed', {}, lang)));
  }
  if (p.co_built) tags.append(el('span', 'fc-tag fc-cobuilt', t('popup.co_built', {}, lang)));

  const dl = el('dl', 'fc-facts');
  const row = (label: string, value: string | Node) => {
    const dt = el('dt', undefined, label);
    const dd = el('dd');
    dd.append(value);
    dl.append(dt, dd);
  };
  row(t('popup.address', {}, lang), p.address);
  if (p.region_name) row(t('popup.region', {}, lang), p.region_name);
  row(t('popup.hours', {}, lang), formatOpeningHours(p.opening_hours, lang));
  row(t('popup.host', {}, lang), pick(HOST_TYPE_LABELS[p.host_type], lang) + (p.capacity ? ` · ${t('popup.capacity', { n: p.capacity }, lang)}` : ''));

  const amenities = el('ul', 'fc-amenities');
  for (const a of p.amenities) amenities.append(el('li', undefined, pick(AMENITY_LABELS[a], lang)));
  row(t('popup.amenities', {}, lang), p.amenities.length ? amenities : t('popup.none', {}, lang));

  root.append(title, tags, dl);
  if (p.demo) root.append(el('p', 'fc-demo', `${t('app.demo', {}, lang)} · ${lang === 'en' ? '示例数据' : 'Demo data'}`));
  return root;
}
