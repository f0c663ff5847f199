import './styles/base.css';
import { getLang, onLangChange, t, type MessageKey } from './i18n/index.ts';
import { createHeader, type NavId } from './shell/header.ts';
import { comingSoonPage, notFoundPage, viewLoadFailedPage } from './shell/pages.ts';
import type { MountedView, ViewModule } from './shell/view.ts';

/**
 * The router: one entry per path, each view module dynamic-imported so a view's code (and the map library,
 * which only map views import through web/map/) loads only when that view is opened. Navigation between
 * views is a normal page load; the server answers every view path with index.html.
 */
type Route =
  | { nav: NavId; load: () => Promise<ViewModule> }
  | { nav: NavId; soon: MessageKey };

const overview = () => import('./overview/index.ts');

const ROUTES: Record<string, Route> = {
  // The rider's list comes first: a phone opening the site lands on the nearest stations, not a city map.
  '/': { nav: 'rider', load: () => import('./rider/index.ts') },
  '/map': { nav: 'map', load: overview },
  '/plan': { nav: 'plan', load: () => import('./plan/index.ts') },
  '/dashboard': { nav: 'dashboard', load: () => import('./dashboard/index.ts') },
  '/admin': { nav: 'admin', soon: 'view.admin' },
};

function normalisePath(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

async function start(): Promise<void> {
  document.documentElement.lang = getLang();
  const app = document.getElementById('app');
  if (!app) throw new Error('index.html has no #app');
  const path = normalisePath(location.pathname);
  const route = ROUTES[path];

  const outlet = document.createElement('main');
  outlet.id = 'view';
  outlet.className = 'view';
  app.replaceChildren(createHeader(route?.nav ?? null), outlet);

  let titleKey: MessageKey | null = route && 'soon' in route ? route.soon : null;
  const setTitle = () => {
    document.title = titleKey ? `${t(titleKey)} · ${t('app.name')}` : t('app.name');
  };
  onLangChange(setTitle);
  setTitle();

  let mounted: MountedView;
  if (!route) {
    mounted = notFoundPage(outlet, path);
  } else if ('soon' in route) {
    mounted = comingSoonPage(outlet, route.soon);
  } else {
    try {
      const mod = await route.load();
      titleKey = mod.titleKey;
      setTitle();
      mounted = await mod.mount({ outlet, path });
    } catch (err) {
      console.error('view failed to load', err);
      mounted = viewLoadFailedPage(outlet);
    }
  }
  // Views switch by page load today, so nothing unmounts; client-side navigation would call this first.
  current = mounted;
}

let current: MountedView | null = null;
/** Unmount the open view (for a future in-app navigation, and for tests). */
export function unmountCurrentView(): void {
  current?.unmount();
  current = null;
}

void start();
