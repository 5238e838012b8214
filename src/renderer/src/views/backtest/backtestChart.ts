/**
 * ECharts option of a backtest's daily series: the margin set at each close (line), the loss realised over the
 * following MPOR (bars; gains below zero), breaches marked where the loss exceeded the margin, the 10-year-floor
 * margin when the run computed it, and a zoom slider for long histories.
 */
import type { DailySeries } from '../../../../shared/contract/backtest';
import type { ChartColors } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { formatCurrency } from '../../format';
import { formatCompact } from './modelText';

export function backtestChartOption(series: DailySeries, colors: ChartColors): ChartOption {
  const breaches = series.dates.flatMap((d, i) => (series.breach[i] ? [[d, series.loss[i]]] : []));
  const axis = { axisLine: { lineStyle: { color: colors.grid } }, axisLabel: { color: colors.muted }, splitLine: { lineStyle: { color: colors.grid } } };
  const lines: object[] = [
    { name: 'Margin', type: 'line', data: series.margin, showSymbol: false, lineStyle: { width: 1.6 }, color: colors.accent, z: 3 },
    { name: 'Realised loss', type: 'bar', data: series.loss, color: colors.muted, barMaxWidth: 8, large: true },
    { name: 'Breach', type: 'scatter', data: breaches, symbol: 'diamond', symbolSize: 10, color: colors.negative, z: 4 },
  ];
  if (series.floorMargin) lines.push({ name: '10-year floor', type: 'line', data: series.floorMargin, showSymbol: false, lineStyle: { width: 1, type: 'dashed' }, color: colors.positive });
  return {
    animation: false,
    textStyle: { color: colors.text },
    legend: { top: 0, textStyle: { color: colors.text } },
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatCurrency(v, 'USD') : String(v)),
    },
    grid: { left: 64, right: 24, top: 34, bottom: 64 },
    xAxis: { type: 'category', data: series.dates, ...axis, splitLine: { show: false } },
    yAxis: { type: 'value', name: 'USD', nameTextStyle: { color: colors.muted }, ...axis, axisLabel: { color: colors.muted, formatter: formatCompact } },
    dataZoom: [
      { type: 'inside' },
      { type: 'slider', height: 18, bottom: 8, textStyle: { color: colors.muted }, borderColor: colors.grid },
    ],
    series: lines,
  };
}
