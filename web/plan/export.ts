/**
 * Export of what the planner is looking at: GeoJSON (features with their figures), CSV (the view's main table)
 * and XLSX (every table of the view plus a parameters sheet). exceljs is imported only when an XLSX is asked
 * for, so its ~1 MB never weighs on the planner's first load.
 */

export type Cell = string | number | boolean | null;

export interface ExportTable {
  /** sheet name (≤ 31 characters, Excel's limit) */
  name: string;
  columns: readonly { key: string; header: string }[];
  rows: readonly Record<string, Cell>[];
}

export interface GeoFeature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, Cell | readonly string[]>;
}

export interface ExportView {
  /** file name without extension */
  file: string;
  params: readonly [label: string, value: Cell][];
  tables: readonly ExportTable[];
  features: () => Promise<GeoFeature[]>;
}

/** A text cell starting with one of these is a formula to Excel and LibreOffice (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

function csvField(v: Cell): string {
  if (v === null) return '';
  if (typeof v !== 'string') return String(v);
  const safe = FORMULA_START.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(t: ExportTable): string {
  const lines = [t.columns.map((c) => csvField(c.header)).join(',')];
  for (const r of t.rows) lines.push(t.columns.map((c) => csvField(r[c.key] ?? null)).join(','));
  // BOM: without it Excel on Windows reads UTF-8 Chinese as mojibake; CRLF is what RFC 4180 specifies
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // the click has started the download; revoking later keeps slow browsers from losing it
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function exportGeoJson(view: ExportView): Promise<void> {
  const features = await view.features();
  const fc = {
    type: 'FeatureCollection',
    // WGS84 lng/lat, as RFC 7946 requires; the parameters travel with the data so the file explains itself
    metadata: Object.fromEntries(view.params),
    features,
  };
  download(new Blob([JSON.stringify(fc)], { type: 'application/geo+json' }), `${view.file}.geojson`);
}

export function exportCsv(view: ExportView): void {
  const main = view.tables[0];
  if (!main) return;
  download(new Blob([toCsv(main)], { type: 'text/csv;charset=utf-8' }), `${view.file}.csv`);
}

export async function exportXlsx(view: ExportView, paramsSheet: string): Promise<void> {
  const mod = await import('exceljs');
  // exceljs ships a UMD bundle for browsers: the namespace arrives as the default export
  const ExcelJS = ((mod as unknown as { default?: typeof mod }).default ?? mod) as typeof mod;
  const wb = new ExcelJS.Workbook();
  wb.created = new Date();
  for (const t of view.tables) {
    const ws = wb.addWorksheet(sheetName(t.name));
    ws.columns = t.columns.map((c) => ({ header: c.header, key: c.key, width: Math.max(10, Math.min(40, c.header.length * 2 + 4)) }));
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    for (const r of t.rows) ws.addRow(Object.fromEntries(t.columns.map((c) => [c.key, r[c.key] ?? null])));
  }
  const ps = wb.addWorksheet(sheetName(paramsSheet));
  ps.columns = [{ width: 24 }, { width: 48 }];
  for (const [k, v] of view.params) ps.addRow([k, v]);
  const buf = await wb.xlsx.writeBuffer();
  download(new Blob([buf], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }), `${view.file}.xlsx`);
}

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]. */
function sheetName(s: string): string {
  return s.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
}

/** Gap areas as MultiPolygons of their H3 cells (h3-js is already loaded with deck.gl's H3 layer). */
export async function h3Outline(cells: readonly string[]): Promise<{ type: 'MultiPolygon'; coordinates: number[][][][] }> {
  const { cellsToMultiPolygon } = await import('h3-js');
  return { type: 'MultiPolygon', coordinates: cellsToMultiPolygon([...cells], true) };
}
