import './overview.css';
import { FACILITY_TYPES, type FacilityType } from '../../api/facilities/types.ts';
import type { FacilityFeature } from '../api-client.ts';
import { getLang, onLangChange, t } from '../i18n/index.ts';
import { createMap, readBasemapSetting, type FitOptions, type MapController } from '../map/index.ts';
import type { MountedView, ViewContext, ViewModule } from '../shell/view.ts';
import { loadAllFacilities, loadRegions } from './data.ts';
import { createLegend } from './legend.ts';
import { facilityPopup } from './popup.ts';
import { createSettings } from './settings.ts';
import { createStatus } from './status.ts';

/** 盐城市 */
const CITY_CODE = '320900';
const PHONE = '(max-width: 640px)';

/**
 * Overview: the whole city on one map — county and town boundaries, every facility coloured by type, a legend
 * that filters by type, and a popup per site. The root carries data-state (loading | ready | error) and
 * data-facility-count for the browser test.
 */
async function mount({ outlet }: ViewContext): Promise<MountedView> {
  const root = document.createElement('div');
  root.className = 'overview';
  root.dataset.state = 'loading';
  const canvas = document.createElement('div');
  canvas.className = 'overview-map';
  const phone = matchMedia(PHONE).matches;

  let map: MapController | null = null;
  let facilities: FacilityFeature[] = [];
  let openFacility: FacilityFeature | null = null;
  let loaded = 0;
  let phase: 'map' | 'regions' | 'facilities' = 'map';
  let abort = new AbortController();

  const legend = createLegend({
    collapsed: phone,
    onChange: (visible) => {
      map?.setVisibleTypes(FACILITY_TYPES.filter((ty) => visible.has(ty)));
      if (openFacility && !visible.has(openFacility.properties.type)) map?.closePopup();
    },
  });
  const status = createStatus();
  const settings = createSettings((s) => map?.setBasemap(s));
  root.append(canvas, legend.element, settings.element, status.element);
  outlet.replaceChildren(root);

  const fitPadding = (): FitOptions['padding'] =>
    matchMedia(PHONE).matches
      ? { top: 16, right: 48, bottom: 64, left: 16 }
      : { top: 24, right: 64, bottom: 56, left: Math.min(300, legend.element.offsetWidth + 40) };

  const loadingText = () =>
    phase === 'map' ? t('loading.map') : phase === 'regions' ? t('loading.regions') : t('loading.facilities', { n: loaded });

  function openPopup(f: FacilityFeature) {
    if (!map || !f.geometry) return;
    openFacility = f;
    map.showPopup(f.geometry.coordinates, facilityPopup(f.properties, getLang()), {
      facilityId: f.properties.id,
      onClose: () => { if (openFacility === f) openFacility = null; },
    });
  }

  // The map and the data load in parallel; the map failing (no WebGL2) is not retryable, the API is.
  const mapReady = createMap(canvas, { lang: getLang(), basemap: readBasemapSetting() }).then((m) => {
    map = m;
    m.onFacilityClick((f) => openPopup(f));
    return m;
  });

  async function load() {
    abort.abort();
    abort = new AbortController();
    const { signal } = abort;
    root.dataset.state = 'loading';
    loaded = 0;
    phase = 'map';
    status.set({ kind: 'loading', text: loadingText });
    const regionsP = loadRegions(signal);
    const facilitiesP = loadAllFacilities(signal, (n) => {
      loaded = n;
      if (phase === 'facilities') status.render();
    });
    // keep an early rejection from being reported as unhandled while we wait for the map
    regionsP.catch(() => {});
    facilitiesP.catch(() => {});
    let m: MapController;
    try {
      m = await mapReady;
    } catch (err) {
      console.warn('map failed', err);
      root.dataset.state = 'error';
      status.set({ kind: 'error', error: new Error(t('error.map')), retry: null });
      return;
    }
    try {
      phase = 'regions';
      status.render();
      m.setRegions(await regionsP);
      m.fitRegion(CITY_CODE, { padding: fitPadding() });
      phase = 'facilities';
      status.render();
      facilities = await facilitiesP;
      m.setFacilities(facilities);
      const counts = new Map<FacilityType, number>();
      for (const f of facilities) counts.set(f.properties.type, (counts.get(f.properties.type) ?? 0) + 1);
      legend.setCounts(counts);
      root.dataset.facilityCount = String(facilities.length);
      root.dataset.state = 'ready';
      status.set({ kind: 'idle' });
    } catch (err) {
      if (signal.aborted) return;
      root.dataset.state = 'error';
      status.set({ kind: 'error', error: err, retry: () => void load() });
    }
  }

  const offLang = onLangChange((lang) => {
    legend.render();
    status.render();
    settings.render();
    map?.setLanguage(lang);
    if (openFacility) openPopup(openFacility);
  });

  void load();

  return {
    unmount() {
      abort.abort();
      offLang();
      status.destroy();
      map?.destroy();
      root.remove();
    },
  };
}

const view: ViewModule = { titleKey: 'view.overview', mount };
export const { titleKey } = view;
export { mount };
