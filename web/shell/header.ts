import { getLang, onLangChange, pick, setLang, t, type Bilingual, type Lang, type MessageKey } from '../i18n/index.ts';

export type NavId = 'rider' | 'map' | 'plan' | 'dashboard' | 'admin';

const NAV: readonly { id: NavId; href: string; key: MessageKey | Bilingual }[] = [
  { id: 'rider', href: '/', key: { zh: '骑手', en: 'Rider' } },
  { id: 'map', href: '/map', key: 'nav.map' },
  { id: 'plan', href: '/plan', key: 'nav.plan' },
  { id: 'dashboard', href: '/dashboard', key: 'nav.dashboard' },
  { id: 'admin', href: '/admin', key: 'nav.admin' },
];

const LANG_BUTTONS: readonly { lang: Lang; text: string; label: string }[] = [
  { lang: 'zh-CN', text: '中文', label: '切换到中文' },
  { lang: 'en', text: 'EN', label: 'Switch to English' },
];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/**
 * The app header shared by every view: product name, navigation, the always-on demo-data badge and the
 * zh-CN / English switch. Texts follow the language; returns the element.
 */
export function createHeader(active: NavId | null): HTMLElement {
  const header = el('header', 'app-header');

  const brand = el('a', 'brand');
  brand.href = '/';
  const logo = el('img', 'brand-logo');
  logo.src = '/favicon.svg';
  logo.alt = '';
  logo.width = 28;
  logo.height = 28;
  const names = el('span', 'brand-names');
  const name = el('span', 'brand-name');
  const city = el('span', 'brand-city');
  names.append(name, city);
  brand.append(logo, names);

  const nav = el('nav', 'app-nav');
  const links = NAV.map((item) => {
    const a = el('a', 'app-nav-link');
    a.href = item.href;
    if (item.id === active) a.setAttribute('aria-current', 'page');
    nav.append(a);
    return { a, item };
  });

  // Always shown, in both languages at once, so a screenshot can never be mistaken for real data.
  const demo = el('span', 'demo-badge');
  demo.dataset.testid = 'demo-badge';
  const demoZh = el('span', undefined, '示例数据');
  demoZh.lang = 'zh-CN';
  const demoEn = el('span', undefined, 'Demo data');
  demoEn.lang = 'en';
  demo.append(demoZh, el('span', 'demo-sep', '·'), demoEn);

  const langGroup = el('div', 'lang-switch');
  langGroup.setAttribute('role', 'group');
  const langButtons = LANG_BUTTONS.map(({ lang, text, label }) => {
    const b = el('button', 'lang-button', text);
    b.type = 'button';
    b.lang = lang;
    b.setAttribute('aria-label', label);
    b.dataset.lang = lang;
    b.addEventListener('click', () => setLang(lang));
    langGroup.append(b);
    return b;
  });

  const tools = el('div', 'header-tools');
  tools.append(demo, langGroup);
  header.append(brand, nav, tools);

  const render = (lang: Lang) => {
    name.textContent = t('app.name');
    city.textContent = lang === 'en' ? 'Yancheng · 盐城' : '盐城 · Yancheng';
    nav.setAttribute('aria-label', t('nav.main'));
    for (const { a, item } of links) a.textContent = typeof item.key === 'string' ? t(item.key) : pick(item.key, lang);
    demo.title = t('app.demo_note');
    langGroup.setAttribute('aria-label', t('lang.switch'));
    for (const b of langButtons) b.setAttribute('aria-pressed', String(b.dataset.lang === lang));
  };
  render(getLang());
  onLangChange(render);
  return header;
}
