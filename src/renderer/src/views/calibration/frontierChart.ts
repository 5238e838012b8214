/**
 * ECharts option of a calibration frontier: one point per parameter value at (average margin, lowest coverage over
 * the books), joined in parameter order, coloured by whether it meets the target, the target coverage as a
 * horizontal line and the chosen value drawn larger and labelled.
 */
import type { CalibrationRunView } from '../../../../shared/contract/backtest';
import type { ChartColors } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { formatCurrency, formatPercent } from '../../format';
import { formatCompact } from '../backtest/modelText';

export function frontierChartOption(run: CalibrationRunView, colors: ChartColors): ChartOption {
  const axis = { axisLine: { lineStyle: { color: colors.grid } }, axisLabel: { color: colors.muted }, splitLine: { lineStyle: { color: colors.grid } }, nameTextStyle: { color: colors.muted } };
  const point = (p: CalibrationRunView['points'][number]) => {
    const chosen = p.value === run.best;
    return {
      value: [p.averageMargin, p.minCoverage, p.value],
      symbolSize: chosen ? 18 : 9,
      itemStyle: { color: chosen ? colors.accent : p.meetsTarget ? colors.positive : colors.negative, borderColor: chosen ? colors.text : undefined, borderWidth: chosen ? 2 : 0 },
      label: { show: true, position: 'top', color: chosen ? colors.accent : colors.muted, fontWeight: chosen ? 'bold' : 'normal', formatter: chosen ? `${p.value} (chosen)` : String(p.value) },
    };
  };
  const coverages = run.points.map((p) => p.minCoverage).concat(run.target.coverage);
  const low = Math.min(...coverages);
  return {
    animation: false,
    textStyle: { color: colors.text },
    tooltip: {
      trigger: 'item',
      formatter: (params: { value: [number, number, number] }) =>
        `${run.param} = ${params.value[2]}<br/>average margin ${formatCurrency(params.value[0], 'USD')}<br/>lowest coverage ${formatPercent(params.value[1])}`,
    },
    grid: { left: 78, right: 36, top: 36, bottom: 48 },
    xAxis: { type: 'value', name: 'Average margin (USD)', nameLocation: 'middle', nameGap: 28, scale: true, ...axis, axisLabel: { color: colors.muted, formatter: formatCompact } },
    yAxis: {
      type: 'value',
      name: 'Lowest coverage over the books',
      nameLocation: 'middle',
      nameGap: 56,
      scale: true,
      max: 1,
      min: Math.max(0, Math.floor((low - 0.005) * 100) / 100),
      ...axis,
      axisLabel: { color: colors.muted, formatter: (v: number) => formatPercent(v, 1) },
    },
    series: [
      {
        name: 'Frontier',
        type: 'line',
        data: run.points.map(point),
        lineStyle: { color: colors.muted, width: 1 },
        symbol: 'circle',
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: colors.accent, type: 'dashed' },
          label: { color: colors.accent, formatter: `target ${formatPercent(run.target.coverage)}`, position: 'insideEndTop' },
          data: [{ yAxis: run.target.coverage }],
        },
      },
    ],
  };
}
