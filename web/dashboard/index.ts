import './dashboard.css';
import type { MountedView, ViewContext, ViewModule } from '../shell/view.ts';

/**
 * /dashboard — the leaders' view, in three modes chosen by the query string:
 *   (none)      interactive dashboard: KPIs, choropleth with drill-down, grids, parks, charts
 *   ?screen=1   big screen: 1920×1080, dark, rotating counties, no controls
 *   ?report=1   printable report for ?region=… (print stylesheet + window.print())
 * Each mode's code is its own chunk, and the chart library loads only when a chart is drawn.
 */
async function mount({ outlet }: ViewContext): Promise<MountedView> {
  const q = new URLSearchParams(location.search);
  if (q.get('screen') === '1') return (await import('./screen.ts')).mountScreen(outlet);
  if (q.get('report') === '1') return (await import('./report.ts')).mountReport(outlet);
  return (await import('./dashboard.ts')).mountDashboard(outlet);
}

const view: ViewModule = { titleKey: 'view.dashboard', mount };
export const { titleKey } = view;
export { mount };
