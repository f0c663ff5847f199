import { t } from '../i18n/index.ts';
import { BASEMAP_IDS, readBasemapSetting, saveBasemapSetting, type BasemapId, type BasemapSetting } from '../map/index.ts';
import type { MessageKey } from '../i18n/index.ts';

const LABEL: Record<BasemapId, MessageKey> = { none: 'basemap.none', osm: 'basemap.osm', tianditu: 'basemap.tianditu' };

/** A gear button opening the basemap setting (off by default; stored in localStorage). */
export function createSettings(onApply: (s: BasemapSetting) => void) {
  const root = document.createElement('div');
  root.className = 'settings';
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'icon-button';
  toggle.setAttribute('aria-expanded', 'false');
  toggle.setAttribute('aria-controls', 'map-settings');
  toggle.innerHTML =
    '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true"><path fill="currentColor" d="M3 6.5 9 4l6 2.5L21 4v13.5L15 20l-6-2.5L3 20zM9 6v9.7l6 2.5V8.4z"/></svg>';

  const panel = document.createElement('form');
  panel.className = 'settings-panel panel';
  panel.id = 'map-settings';
  panel.hidden = true;
  const fieldset = document.createElement('fieldset');
  const legend = document.createElement('legend');
  fieldset.append(legend);
  const current = readBasemapSetting();
  const radios = BASEMAP_IDS.map((id) => {
    const label = document.createElement('label');
    label.className = 'radio';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'basemap';
    input.value = id;
    input.checked = id === current.id;
    const span = document.createElement('span');
    label.append(input, span);
    fieldset.append(label);
    return { id, input, span };
  });
  const tkLabel = document.createElement('label');
  tkLabel.className = 'tk-field';
  const tkText = document.createElement('span');
  const tk = document.createElement('input');
  tk.type = 'text';
  tk.autocomplete = 'off';
  tk.spellcheck = false;
  tk.value = current.tk ?? '';
  tkLabel.append(tkText, tk);
  const note = document.createElement('p');
  note.className = 'settings-note';
  const apply = document.createElement('button');
  apply.type = 'submit';
  apply.className = 'button-primary';
  panel.append(fieldset, tkLabel, note, apply);
  root.append(toggle, panel);

  const selected = (): BasemapId => radios.find((r) => r.input.checked)?.id ?? 'none';
  const syncTk = () => { tkLabel.hidden = selected() !== 'tianditu'; };
  for (const r of radios) r.input.addEventListener('change', syncTk);

  const setOpen = (open: boolean) => {
    panel.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
  };
  toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      setOpen(false);
      toggle.focus();
    }
  });
  panel.addEventListener('submit', (e) => {
    e.preventDefault();
    const s: BasemapSetting = { id: selected(), tk: tk.value };
    saveBasemapSetting(s);
    onApply(readBasemapSetting(''));
    setOpen(false);
  });

  function render() {
    toggle.title = t('settings.open');
    toggle.setAttribute('aria-label', t('settings.open'));
    legend.textContent = t('basemap.label');
    for (const r of radios) r.span.textContent = t(LABEL[r.id]);
    tkText.textContent = t('basemap.tk');
    note.textContent = t('basemap.note');
    apply.textContent = t('basemap.apply');
    syncTk();
  }
  render();
  return { element: root, render };
}
