import { onLangChange, t, type MessageKey } from '../i18n/index.ts';
import type { MountedView } from './view.ts';

/** A small static page (建设中 / 404) that follows the language switch. */
function staticPage(
  outlet: HTMLElement,
  render: (lang: string) => { title: string; body: string; link: string },
): MountedView {
  const page = document.createElement('section');
  page.className = 'static-page';
  const h1 = document.createElement('h1');
  const p = document.createElement('p');
  const a = document.createElement('a');
  a.href = '/map';
  a.className = 'button-link';
  page.append(h1, p, a);
  outlet.replaceChildren(page);
  const draw = (lang: string) => {
    const { title, body, link } = render(lang);
    h1.textContent = title;
    p.textContent = body;
    a.textContent = link;
  };
  draw('');
  const off = onLangChange((lang) => draw(lang));
  return { unmount: () => { off(); page.remove(); } };
}

export function comingSoonPage(outlet: HTMLElement, viewKey: MessageKey): MountedView {
  return staticPage(outlet, () => ({
    title: `${t(viewKey)} · ${t('soon.title')}`,
    body: t('soon.body', { view: t(viewKey) }),
    link: t('soon.back'),
  }));
}

export function notFoundPage(outlet: HTMLElement, path: string): MountedView {
  return staticPage(outlet, () => ({
    title: `404 · ${t('notfound.title')}`,
    body: t('notfound.body', { path }),
    link: t('soon.back'),
  }));
}

export function viewLoadFailedPage(outlet: HTMLElement): MountedView {
  return staticPage(outlet, () => ({ title: t('load_view_failed'), body: '', link: t('soon.back') }));
}
