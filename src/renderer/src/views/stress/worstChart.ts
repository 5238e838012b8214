/**
 * Bar chart option of the worst stress scenarios: the N lowest book P&Ls (USD), worst on top, red where equity
 * after the shock falls below the maintenance margin, with a line at the loss that uses up today's excess.
 */
import type { StressReport } from '../../../../shared/contract/stress';
import type { ChartColors } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { formatCurrency } from '../../format';

export const WORST_SHOWN = 12;

/** "$1.2M" style axis labels. */
function compactUsd(value: number): string {
  const abs = Math.abs(value);
  const [scaled, unit] = abs >= 1e9 ? [value / 1e9, 'B'] : abs >= 1e6 ? [value / 1e6, 'M'] : abs >= 1e3 ? [value / 1e3, 'k'] : [value, ''];
  const decimals = Math.abs(scaled) >= 100 || unit === '' ? 0 : 1;
  return `${scaled < 0 ? '-' : ''}$${Math.abs(scaled).toFixed(decimals)}${unit}`;
}

export function worstScenarios(report: StressReport, n = WORST_SHOWN): StressReport['scenarios'] {
  return [...report.scenarios].sort((a, b) => a.pnl - b.pnl).slice(0, n);
}

export function worstChartOption(report: StressReport, colors: ChartColors): ChartOption {
  // ECharts draws the first category at the bottom: reverse so the worst is on top.
  const worst = worstScenarios(report).reverse();
  return {
    animation: false,
    grid: { left: 8, right: 56, top: 28, bottom: 28, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const p = (params as { dataIndex: number }[])[0];
        const s = worst[p.dataIndex];
        return `${s.scenario}<br/>P&L ${formatCurrency(s.pnl, 'USD')}<br/>equity after ${formatCurrency(s.equityAfter, 'USD')} (${s.survives ? 'survives' : 'FAILS'})`;
      },
    },
    xAxis: {
      type: 'value',
      // Always show the failure line: the axis reaches the loss that uses up the excess.
      min: (extent: { min: number }) => Math.min(extent.min, -report.excess, 0) * 1.05,
      name: 'Book P&L (USD)',
      nameLocation: 'middle',
      nameGap: 22,
      nameTextStyle: { color: colors.muted },
      axisLabel: { color: colors.muted, formatter: compactUsd, hideOverlap: true },
      splitLine: { lineStyle: { color: colors.grid } },
    },
    yAxis: {
      type: 'category',
      data: worst.map((s) => s.scenario),
      axisLabel: { color: colors.text, width: 200, overflow: 'truncate' },
      axisLine: { lineStyle: { color: colors.grid } },
    },
    series: [
      {
        type: 'bar',
        name: 'P&L',
        data: worst.map((s) => ({ value: s.pnl, itemStyle: { color: s.survives ? colors.accent : colors.negative } })),
        markLine: {
          symbol: 'none',
          silent: true,
          lineStyle: { color: colors.negative, type: 'dashed' },
          label: { color: colors.negative, formatter: 'fails beyond', position: 'end' },
          data: [{ xAxis: -report.excess }],
        },
      },
    ],
  };
}
