/**
 * The dashboard's charts on ECharts 6, tree-shaken: only echarts/core plus the two chart types, the three
 * components and the canvas renderer used here. This module is imported dynamically by the dashboard, so no
 * other view (and not the dashboard's first paint) pays for it.
 */
import { init, use, type ComposeOption, type ECharts } from 'echarts/core';
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type Option = ComposeOption<BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

export interface ChartTheme {
  text: string;
  muted: string;
  axis: string;
  bar: string;
  barActive: string;
  font: number;
}

export const LIGHT: ChartTheme = { text: '#1d2730', muted: '#55626d', axis: '#d8dee3', bar: '#3182bd', barActive: '#b3261e', font: 12 };
export const DARK: ChartTheme = { text: '#e8eef5', muted: '#9fb0c2', axis: '#2a3a4d', bar: '#3fa7ff', barActive: '#ffb020', font: 18 };

const FONT = "'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

export interface BarDatum {
  code: string;
  name: string;
  value: number;
  text: string;
}

export interface Chart {
  resize(): void;
  dispose(): void;
}

function mount(container: HTMLElement, option: Option): ECharts {
  const chart = init(container, undefined, { renderer: 'canvas' });
  chart.setOption(option);
  return chart;
}

/** Horizontal bars, largest on top; the active region in the accent colour; a click reports its code. */
export function barChart(
  container: HTMLElement,
  data: readonly BarDatum[],
  opts: { theme: ChartTheme; active?: string | null; onClick?: (code: string) => void; percent?: boolean },
): Chart {
  const { theme } = opts;
  const rows = [...data].sort((a, b) => a.value - b.value);
  const chart = mount(container, {
    animation: false,
    textStyle: { fontFamily: FONT, color: theme.text, fontSize: theme.font },
    grid: { left: 8, right: 56, top: 6, bottom: 6, containLabel: true },
    tooltip: { trigger: 'item', formatter: (p) => { const d = rows[(p as { dataIndex: number }).dataIndex]; return `${d.name}：${d.text}`; } },
    xAxis: {
      type: 'value',
      axisLabel: { color: theme.muted, fontSize: theme.font - 1, formatter: opts.percent ? (v: number) => `${Math.round(v * 100)}%` : undefined },
      splitLine: { lineStyle: { color: theme.axis } },
    },
    yAxis: {
      type: 'category',
      data: rows.map((d) => d.name),
      axisLabel: { color: theme.text, fontSize: theme.font, width: 120, overflow: 'truncate' },
      axisLine: { lineStyle: { color: theme.axis } },
      axisTick: { show: false },
    },
    series: [{
      type: 'bar',
      barMaxWidth: 22,
      data: rows.map((d) => ({ value: d.value, itemStyle: { color: d.code === opts.active ? theme.barActive : theme.bar } })),
      label: { show: true, position: 'right', color: theme.muted, fontSize: theme.font - 1, formatter: (p) => rows[(p as { dataIndex: number }).dataIndex].text },
    }],
  });
  if (opts.onClick) {
    const cb = opts.onClick;
    chart.on('click', (p) => cb(rows[p.dataIndex].code));
  }
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}

export interface DonutDatum {
  name: string;
  value: number;
  color: string;
}

export function donutChart(container: HTMLElement, data: readonly DonutDatum[], opts: { theme: ChartTheme; center?: string }): Chart {
  const { theme } = opts;
  const chart = mount(container, {
    animation: false,
    textStyle: { fontFamily: FONT, color: theme.text, fontSize: theme.font },
    tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
    legend: {
      // plain, not scroll: a wall display has nobody to page through a legend
      type: 'plain',
      orient: 'vertical',
      right: 0,
      top: 'middle',
      textStyle: { color: theme.text, fontSize: theme.font - 1 },
      itemWidth: 12,
      itemHeight: 12,
      itemGap: Math.round(theme.font / 3),
      formatter: (name: string) => `${name}  ${data.find((d) => d.name === name)?.value ?? ''}`,
    },
    series: [{
      type: 'pie',
      radius: ['48%', '76%'],
      center: ['32%', '50%'],
      avoidLabelOverlap: true,
      label: { show: !!opts.center, position: 'center', formatter: () => opts.center ?? '', fontSize: theme.font + 2, color: theme.text, fontWeight: 'bold' },
      labelLine: { show: false },
      itemStyle: { borderColor: 'transparent', borderWidth: 1 },
      data: data.map((d) => ({ name: d.name, value: d.value, itemStyle: { color: d.color } })),
    }],
  });
  return { resize: () => chart.resize(), dispose: () => chart.dispose() };
}
