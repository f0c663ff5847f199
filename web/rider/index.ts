import './rider.css';
import { AMENITY_LABELS } from '../../api/facilities/types.ts';
import { ApiRequestError } from '../api-client.ts';
import { getLang, onLangChange, pick, t } from '../i18n/index.ts';
import type { MountedView, ViewContext, ViewModule } from '../shell/view.ts';
import { skeletonCards, stationCard } from './card.ts';
import {
  ALL_DAY_POOL,
  CHIP_AMENITIES,
  fetchNearby,
  fetchTowns,
  loadFilters,
  loadLast,
  saveFilters,
  saveLast,
  searchTowns,
  type Cached,
  type Filters,
  type NearbyResult,
  type Place,
  type Town,
} from './data.ts';
import { formatSavedAt } from './format.ts';
import { icon } from './icons.ts';
import type { RiderMap } from './map-panel.ts';
import { tv, type RiderMessageKey } from './messages.ts';
import { startTheme } from './theme.ts';

/**
 * Rider view (`/`): the nearest stations as a list, at once, on a phone. Location from the browser, or a town
 * the rider picks; filter chips; cards with the map-app hand-off and a problem report; the map only on request.
 * The root's data-state (locating | choose | loading | ready | empty | error | stale) is what the browser test
 * waits on. Nothing here imports web/map/ statically: that is the 150 KB budget.
 */

type State = 'locating' | 'choose' | 'loading' | 'ready' | 'empty' | 'error' | 'stale';

const PLACE_KEY = 'zgfw.rider.place';
/** Give up on a fix after this long: a rider at 5 % battery would rather pick the town. */
const GEO_TIMEOUT_MS = 12_000;
/** A fix up to a minute old is still the same street. */
const GEO_MAX_AGE_MS = 60_000;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls?: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

function button(cls: string, iconName?: string): HTMLButtonElement {
  const b = el('button', cls);
  b.type = 'button';
  if (iconName) b.append(icon(iconName, 18));
  b.append(el('span'));
  return b;
}
const setLabel = (b: HTMLElement, text: string) => {
  (b.querySelector('span') ?? b).textContent = text;
};

/** WebGL2 probe before downloading MapLibre for a phone that could not draw it anyway. */
function hasWebGl2(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
    return !!gl;
  } catch {
    return false;
  }
}

function readPlace(): Place | null {
  try {
    const p = JSON.parse(localStorage.getItem(PLACE_KEY) ?? 'null') as Place | null;
    return p && p.kind === 'town' && Number.isFinite(p.lng) && Number.isFinite(p.lat) ? p : null;
  } catch {
    return null;
  }
}

function mount({ outlet }: ViewContext): MountedView {
  let filters: Filters = loadFilters();
  let place: Place | null = null;
  let state: State = 'locating';
  let result: NearbyResult | null = null;
  let stale: Cached | null = null;
  let lastError: unknown = null;
  let geoProblem: 'denied' | 'insecure' | null = null;
  let towns: Town[] | null = null;
  let abort = new AbortController();
  let riderMap: RiderMap | null = null;
  let mapOpen = false;
  let disposed = false;

  const root = el('div', 'rider');
  const title = () => {
    document.title = `${tv('rider.title')} · ${t('app.name')}`;
  };

  // ---- place bar ----
  const bar = el('section', 'r-bar');
  const where = el('p', 'r-where');
  where.setAttribute('aria-live', 'polite');
  const locateBtn = button('r-btn r-btn-icon', 'locate');
  const changeBtn = button('r-btn');
  const themeBtn = button('r-btn r-btn-icon', 'moon');
  const mapBtn = button('r-btn r-btn-map', 'map');
  mapBtn.setAttribute('aria-expanded', 'false');
  const barTools = el('div', 'r-bar-tools');
  barTools.append(locateBtn, changeBtn, themeBtn, mapBtn);
  bar.append(where, barTools);

  // ---- town search ----
  const search = el('section', 'r-search');
  search.hidden = true;
  const searchNote = el('p', 'r-search-note');
  const searchLabel = el('label', 'r-search-label');
  const input = el('input', 'r-search-input');
  input.type = 'search';
  input.autocomplete = 'off';
  input.setAttribute('enterkeyhint', 'search');
  input.id = 'r-town-input';
  searchLabel.htmlFor = input.id;
  const townList = el('ul', 'r-towns');
  townList.id = 'r-town-results';
  input.setAttribute('aria-controls', townList.id);
  const townMsg = el('p', 'r-towns-msg');
  townMsg.setAttribute('role', 'status');
  search.append(searchNote, searchLabel, input, townMsg, townList);

  // ---- filter chips ----
  const chips = el('div', 'r-chips');
  chips.setAttribute('role', 'group');
  const chipButtons: { b: HTMLButtonElement; label: () => string; on: () => boolean; toggle: () => void; id: string }[] = [
    ...CHIP_AMENITIES.map((a) => ({
      id: a,
      label: () => pick(AMENITY_LABELS[a]),
      on: () => filters.amenities.includes(a),
      toggle: () => {
        filters.amenities = filters.amenities.includes(a) ? filters.amenities.filter((x) => x !== a) : [...filters.amenities, a];
      },
      b: el('button', 'r-chip'),
    })),
    { id: '24h', label: () => tv('rider.chip_24h'), on: () => filters.allDay, toggle: () => { filters.allDay = !filters.allDay; }, b: el('button', 'r-chip') },
    { id: 'open', label: () => tv('rider.chip_open'), on: () => filters.openOnly, toggle: () => { filters.openOnly = !filters.openOnly; }, b: el('button', 'r-chip') },
  ];
  for (const c of chipButtons) {
    c.b.type = 'button';
    c.b.dataset.chip = c.id;
    c.b.addEventListener('click', () => {
      c.toggle();
      saveFilters(filters);
      renderChips();
      void load();
    });
    chips.append(c.b);
  }

  // ---- map, notices, list ----
  const mapBox = el('section', 'r-map');
  mapBox.hidden = true;
  const mapCanvas = el('div', 'r-map-canvas');
  const mapMsg = el('p', 'r-map-msg');
  mapMsg.setAttribute('role', 'status');
  mapBox.append(mapCanvas, mapMsg);

  const notice = el('div', 'r-notice');
  notice.setAttribute('role', 'status');
  notice.setAttribute('aria-live', 'polite');
  const heading = el('h2', 'r-heading');
  const list = el('ol', 'r-list');
  list.setAttribute('aria-labelledby', 'r-heading');
  heading.id = 'r-heading';
  // focus lands here after a town is chosen, so a screen reader hears the list heading next
  heading.tabIndex = -1;

  root.append(bar, search, chips, mapBox, heading, notice, list);
  outlet.replaceChildren(root);
  outlet.classList.add('view-rider');
  // the document scrolls (not an inner box): a phone can then hide its address bar and keep more list in view
  document.documentElement.classList.add('page-rider');

  const theme = startTheme((th) => {
    themeBtn.setAttribute('aria-pressed', String(th === 'dark'));
  });
  themeBtn.addEventListener('click', () => theme.toggle());

  function setState(s: State) {
    state = s;
    root.dataset.state = s;
    list.setAttribute('aria-busy', String(s === 'loading' || s === 'locating'));
  }

  // ---- rendering ----
  function renderChips() {
    chips.setAttribute('aria-label', tv('rider.filters'));
    for (const c of chipButtons) {
      c.b.textContent = c.label();
      c.b.setAttribute('aria-pressed', String(c.on()));
    }
  }

  function renderBar() {
    const lang = getLang();
    if (!place) where.textContent = state === 'locating' ? tv('rider.locating') : tv('rider.where_none');
    else if (place.kind === 'gps') where.textContent = tv('rider.where_me');
    else {
      const name = lang === 'en' && place.pinyin ? `${place.name} ${place.pinyin}` : place.name;
      where.textContent = tv('rider.where_town', { town: name });
    }
    setLabel(locateBtn, tv('rider.locate'));
    locateBtn.setAttribute('aria-label', tv('rider.locate'));
    locateBtn.title = tv('rider.locate');
    setLabel(changeBtn, tv('rider.change_place'));
    changeBtn.setAttribute('aria-expanded', String(!search.hidden));
    changeBtn.setAttribute('aria-controls', 'r-town-input');
    setLabel(themeBtn, tv('rider.theme_night'));
    themeBtn.setAttribute('aria-label', tv('rider.theme_toggle'));
    setLabel(mapBtn, mapOpen ? tv('rider.map_hide') : tv('rider.map'));
  }

  function renderSearch() {
    searchNote.textContent = geoProblem === 'insecure' ? tv('rider.geo_insecure') : geoProblem === 'denied' ? tv('rider.geo_denied') : '';
    searchNote.hidden = !geoProblem;
    searchLabel.textContent = tv('rider.town_label');
    input.placeholder = tv('rider.town_placeholder');
    renderTownResults();
  }

  function renderTownResults() {
    townList.replaceChildren();
    if (!towns) {
      townMsg.textContent = search.hidden ? '' : tv('rider.town_loading');
      return;
    }
    const q = input.value;
    const hits = searchTowns(towns, q);
    townMsg.textContent = q.trim() && !hits.length ? tv('rider.town_none') : '';
    for (const town of hits) {
      const li = el('li');
      const b = el('button', 'r-town');
      b.type = 'button';
      b.dataset.code = town.code;
      b.append(el('span', 'r-town-name', town.name));
      if (town.pinyin) b.append(el('span', 'r-town-py', town.pinyin));
      b.addEventListener('click', () => chooseTown(town));
      li.append(b);
      townList.append(li);
    }
  }

  function renderList() {
    const lang = getLang();
    heading.textContent = tv('rider.heading');
    notice.replaceChildren();
    notice.className = 'r-notice';
    if (state === 'locating' || state === 'loading') {
      if (!result && !stale) list.replaceChildren(...skeletonCards(3));
      const p = el('p', 'r-loading', state === 'locating' ? tv('rider.locating') : tv('rider.loading'));
      notice.append(p);
      return;
    }
    if (state === 'choose') {
      list.replaceChildren();
      return;
    }
    if (state === 'error') {
      list.replaceChildren();
      notice.className = 'r-notice is-error';
      notice.append(el('p', 'r-notice-title', tv('rider.error')), el('p', undefined, errorText(lastError)), retryButton());
      return;
    }
    const shown = state === 'stale' ? stale!.result : result!;
    const evaluatedAt = new Date(shown.fetched_at);
    const shownPlace = state === 'stale' ? stale!.place : place!;
    if (state === 'stale') {
      notice.className = 'r-notice is-stale';
      notice.append(
        el('p', 'r-notice-title', tv('rider.stale', { time: formatSavedAt(stale!.saved_at, new Date(), lang) })),
        retryButton(),
      );
    }
    if (!shown.features.length) {
      list.replaceChildren();
      const empty = el('div', 'r-empty');
      empty.dataset.testid = 'empty';
      empty.append(
        el('p', 'r-notice-title', filters.openOnly ? tv('rider.empty_open') : tv('rider.empty_any')),
        el('p', undefined, tv('rider.empty_hint')),
      );
      const widen = el('button', 'r-btn r-btn-primary', tv('rider.widen'));
      widen.type = 'button';
      widen.addEventListener('click', () => {
        filters = { amenities: [], allDay: false, openOnly: false };
        saveFilters(filters);
        renderChips();
        void load();
      });
      empty.append(widen);
      notice.append(empty);
      return;
    }
    if (filters.allDay && shown.features.length < 5 && shown.pool >= ALL_DAY_POOL) {
      notice.append(el('p', 'r-hint', tv('rider.few_24h', { n: ALL_DAY_POOL })));
    }
    const cards = shown.features.map((f) => stationCard(f, { evaluatedAt, place: shownPlace, lang }));
    if (state === 'stale') for (const c of cards) c.classList.add('is-stale');
    list.replaceChildren(...cards);
    list.dataset.count = String(cards.length);
  }

  function retryButton(): HTMLButtonElement {
    const b = el('button', 'r-btn r-btn-primary', tv('rider.retry'));
    b.type = 'button';
    b.dataset.testid = 'retry';
    b.addEventListener('click', () => (place ? void load() : locate()));
    return b;
  }

  function errorText(err: unknown): string {
    if (err instanceof ApiRequestError) {
      if (err.status === 0) return tv('rider.error_network');
      return (getLang() === 'en' ? err.message_en : err.message_zh) || `HTTP ${err.status}`;
    }
    return err instanceof Error ? err.message : String(err);
  }

  function renderAll() {
    title();
    renderBar();
    renderChips();
    renderSearch();
    renderList();
  }

  // ---- behaviour ----
  async function load(): Promise<void> {
    if (!place) return;
    abort.abort();
    abort = new AbortController();
    const { signal } = abort;
    const at = place;
    setState('loading');
    renderList();
    try {
      const r = await fetchNearby(at, filters, new Date(), signal);
      if (signal.aborted || disposed) return;
      result = r;
      stale = null;
      saveLast({ saved_at: r.fetched_at, place: at, filters: { ...filters }, result: r });
      setState(r.features.length ? 'ready' : 'empty');
      riderMap?.show(r.features, at);
    } catch (err) {
      if (signal.aborted || disposed) return;
      lastError = err;
      // a dropped connection or a server that is down: the last good list is better than nothing
      const cached = err instanceof ApiRequestError && err.retryable ? loadLast() : null;
      if (cached) {
        stale = cached;
        setState('stale');
      } else setState('error');
    }
    renderList();
  }

  function showSearch(problem: typeof geoProblem) {
    geoProblem = problem;
    search.hidden = false;
    renderBar();
    renderSearch();
    if (!towns) {
      fetchTowns(abort.signal)
        .then((ts) => {
          towns = ts;
          renderTownResults();
        })
        .catch((err: unknown) => {
          if (disposed) return;
          townMsg.textContent = errorText(err);
        });
    }
  }

  function chooseTown(town: Town) {
    place = { kind: 'town', lng: town.lng, lat: town.lat, code: town.code, name: town.name, pinyin: town.pinyin };
    try {
      localStorage.setItem(PLACE_KEY, JSON.stringify(place));
    } catch {
      // not remembered
    }
    search.hidden = true;
    renderBar();
    void load();
    heading.focus();
  }

  function locate() {
    // Browsers expose geolocation only in a secure context (HTTPS or localhost) — see README "Rider view on a phone".
    if (!window.isSecureContext || !('geolocation' in navigator)) {
      fallBack(window.isSecureContext ? 'denied' : 'insecure');
      return;
    }
    setState('locating');
    renderBar();
    renderList();
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        if (disposed) return;
        place = { kind: 'gps', lng: pos.coords.longitude, lat: pos.coords.latitude, accuracy_m: pos.coords.accuracy };
        geoProblem = null;
        search.hidden = true;
        renderBar();
        void load();
      },
      () => {
        if (!disposed) fallBack('denied');
      },
      // coarse fix: GPS warm-up costs battery and seconds; a few hundred metres do not change the nearest five
      { enableHighAccuracy: false, timeout: GEO_TIMEOUT_MS, maximumAge: GEO_MAX_AGE_MS },
    );
  }

  /** No location: use the town picked last time if any, and offer the search either way. */
  function fallBack(problem: 'denied' | 'insecure') {
    const saved = readPlace();
    if (!saved) setState('choose');
    showSearch(problem);
    if (saved) {
      place = saved;
      renderBar();
      void load();
    } else {
      renderList();
      input.focus();
    }
  }

  input.addEventListener('input', renderTownResults);
  input.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && towns) {
      const first = searchTowns(towns, input.value)[0];
      if (first) chooseTown(first);
    }
  });
  locateBtn.addEventListener('click', () => locate());
  changeBtn.addEventListener('click', () => {
    if (search.hidden) {
      showSearch(geoProblem);
      input.focus();
    } else {
      search.hidden = true;
      renderBar();
    }
  });

  mapBtn.addEventListener('click', () => void toggleMap());
  async function toggleMap() {
    mapOpen = !mapOpen;
    mapBox.hidden = !mapOpen;
    mapBtn.setAttribute('aria-expanded', String(mapOpen));
    renderBar();
    if (!mapOpen || riderMap) {
      riderMap?.resize();
      const shown = state === 'stale' ? stale?.result : result;
      if (mapOpen && shown && place) riderMap?.show(shown.features, place);
      return;
    }
    if (!hasWebGl2()) {
      mapMsg.textContent = tv('rider.map_failed');
      return;
    }
    mapMsg.textContent = tv('rider.map_loading');
    try {
      const { openRiderMap } = await import('./map-panel.ts');
      const m = await openRiderMap(mapCanvas, getLang(), (id) => {
        const card = list.querySelector<HTMLElement>(`[data-facility-id="${id}"]`);
        card?.scrollIntoView({ block: 'nearest' });
        card?.focus();
      });
      if (disposed) {
        m.destroy();
        return;
      }
      riderMap = m;
      mapMsg.textContent = '';
      const shown = state === 'stale' ? stale?.result : result;
      if (shown && place) m.show(shown.features, place);
    } catch (err) {
      console.warn('rider map failed', err);
      mapMsg.textContent = tv('rider.map_failed');
    }
  }

  const offLang = onLangChange((lang) => {
    renderAll();
    riderMap?.setLanguage(lang);
  });

  setState('locating');
  renderAll();
  locate();

  return {
    unmount() {
      disposed = true;
      abort.abort();
      offLang();
      theme.stop();
      riderMap?.destroy();
      outlet.classList.remove('view-rider');
      document.documentElement.classList.remove('page-rider');
      root.remove();
    },
  };
}

const view: ViewModule = { titleKey: 'app.name', mount };
export const { titleKey } = view;
export { mount };
export type { RiderMessageKey };
