/**
 * ECharts options of the Correlations view: the matrix heatmap (colour scale fixed at -1..1, cells labelled with
 * two decimals, pairs without enough common returns drawn grey as "n/a") and the rolling pair correlation line.
 */
import type { CorrelationMatrixResult, RollingCorrelationResult } from '../../../../shared/contract/scenarios';
import { chartColors, type ChartColors } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { formatNumber } from '../../format';
import type { ThemeMode } from '../../theme';
import { cellLabelColor } from '../scenarios/heatmapOption';

export function correlationHeatmapOption(result: CorrelationMatrixResult, theme: ThemeMode): ChartOption {
  const colors = chartColors(theme);
  const background = colors.surface;
  const names = result.underlyings;
  const n = names.length;
  // A pair without enough common returns gets a value outside [-1, 1], which the visual map draws grey ("n/a").
  const NO_VALUE = 2;
  const data: { value: [number, number, number]; pair: [string, string]; count: number; label: { color: string } }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = result.matrix[i * n + j];
      // Row i is drawn top-down: y = n - 1 - i puts the first underlying at the top.
      data.push({
        value: [j, n - 1 - i, v ?? NO_VALUE],
        pair: [names[i], names[j]],
        count: result.observations[i * n + j],
        label: { color: cellLabelColor(v === null ? 0 : Math.abs(v), colors, theme) },
      });
    }
  }
  const label = { show: true, fontSize: n > 14 ? 9 : 11 };
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 56, right: 12, top: 12, bottom: 84 },
    tooltip: {
      formatter: (p: { data: { pair: [string, string]; count: number; value: [number, number, number] } }) => {
        const missing = p.data.value[2] === NO_VALUE;
        return `${p.data.pair[0]} / ${p.data.pair[1]}: <b>${missing ? 'n/a' : formatNumber(p.data.value[2], 3)}</b><br>${p.data.count} common daily returns${missing ? ` (fewer than ${result.minObservations})` : ''}<br>Click to chart this pair over time`;
      },
    },
    xAxis: { type: 'category', data: names, axisLabel: { color: colors.text, interval: 0, rotate: n > 12 ? 45 : 0 }, axisLine: { lineStyle: { color: colors.grid } } },
    yAxis: { type: 'category', data: [...names].reverse(), axisLabel: { color: colors.text, interval: 0 }, axisLine: { lineStyle: { color: colors.grid } } },
    visualMap: {
      type: 'continuous',
      min: -1,
      max: 1,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 4,
      itemHeight: 240,
      itemWidth: 12,
      text: ['+1', '−1'],
      textStyle: { color: colors.muted },
      inRange: { color: colors.diverging },
      outOfRange: { color: colors.grid },
    },
    series: [
      {
        type: 'heatmap',
        data,
        itemStyle: { borderColor: background, borderWidth: 1 },
        label: { ...label, formatter: (p: { data: { value: [number, number, number] } }) => (p.data.value[2] === NO_VALUE ? 'n/a' : formatNumber(p.data.value[2], 2)) },
      },
    ],
  };
}

export function rollingOption(result: RollingCorrelationResult, title: string, colors: ChartColors): ChartOption {
  return {
    animation: false,
    textStyle: { color: colors.text },
    title: { text: title, left: 8, top: 0, textStyle: { color: colors.text, fontSize: 13, fontWeight: 600 } },
    grid: { left: 48, right: 16, top: 36, bottom: 64 },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v, 3) : 'n/a') },
    xAxis: { type: 'category', data: result.dates, axisLabel: { color: colors.text, hideOverlap: true }, axisLine: { lineStyle: { color: colors.grid } } },
    yAxis: { type: 'value', min: -1, max: 1, interval: 0.5, axisLabel: { color: colors.text }, splitLine: { lineStyle: { color: colors.grid } } },
    dataZoom: [
      { type: 'inside' },
      { type: 'slider', height: 18, bottom: 8, textStyle: { color: colors.muted }, borderColor: colors.grid },
    ],
    series: [
      {
        type: 'line',
        name: `${result.pair[0]} / ${result.pair[1]}`,
        data: result.values,
        showSymbol: false,
        connectNulls: false,
        lineStyle: { color: colors.accent, width: 1.5 },
        itemStyle: { color: colors.accent },
        markLine: { silent: true, symbol: 'none', data: [{ yAxis: 0 }], lineStyle: { color: colors.muted, type: 'dashed' }, label: { show: false } },
      },
    ],
  };
}
