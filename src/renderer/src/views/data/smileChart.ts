/**
 * The ECharts option of the option-chain smile: mark IV in vol points against strike (USD) or log-moneyness
 * ln(K/F), one line per expiry shown, the forward marked on the strike axis when a single expiry is shown.
 */
import type { SmileExpiry } from '../../../../shared/contract/data';
import type { ChartColors } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { formatNumber, formatUtcDate } from '../../format';

export type SmileAxis = 'strike' | 'moneyness';

export function smileOption(expiries: SmileExpiry[], axis: SmileAxis, colors: ChartColors): ChartOption {
  const single = expiries.length === 1 ? expiries[0] : undefined;
  const axisStyle = { axisLine: { lineStyle: { color: colors.muted } }, axisLabel: { color: colors.muted }, splitLine: { lineStyle: { color: colors.grid } }, nameTextStyle: { color: colors.muted } };
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 64, right: 24, top: expiries.length > 1 ? 56 : 24, bottom: 56 },
    legend: expiries.length > 1 ? { type: 'scroll', top: 0, textStyle: { color: colors.text }, pageTextStyle: { color: colors.muted } } : undefined,
    tooltip: {
      trigger: 'item',
      formatter: (p: { seriesName: string; data: { value: [number, number]; strike: number; right: string; k: number } }) =>
        `${p.seriesName}<br/>strike ${formatNumber(p.data.strike, 0)} (${p.data.right}), ln(K/F) ${formatNumber(p.data.k, 3)}<br/>IV ${formatNumber(p.data.value[1], 1)} vol points`,
    },
    xAxis: {
      type: 'value',
      scale: true,
      name: axis === 'strike' ? 'Strike (USD)' : 'Log-moneyness ln(K/F)',
      nameLocation: 'middle',
      nameGap: 30,
      ...axisStyle,
    },
    yAxis: { type: 'value', scale: true, name: 'Mark IV (vol points)', nameLocation: 'middle', nameGap: 44, ...axisStyle },
    series: expiries.map((e) => ({
      type: 'line',
      name: `${formatUtcDate(e.expiry)} (F ${formatNumber(e.forward, 0)})`,
      showSymbol: true,
      symbolSize: 5,
      data: e.points.map((p) => ({ value: [axis === 'strike' ? p.strike : p.logMoneyness, p.iv * 100], strike: p.strike, right: p.right, k: p.logMoneyness })),
      ...(single
        ? {
            color: colors.accent,
            markLine: {
              symbol: 'none',
              silent: true,
              label: { formatter: axis === 'strike' ? `forward ${formatNumber(single.forward, 0)}` : 'at the money', color: colors.muted },
              lineStyle: { color: colors.muted, type: 'dashed' },
              data: [{ xAxis: axis === 'strike' ? single.forward : 0 }],
            },
          }
        : {}),
    })),
  };
}
