/**
 * ECharts option of the scenario heatmap: price moves across, vol shocks up the side, each cell the group P&L in
 * USD on a diverging scale centred on 0 (symmetric, so white/grey means no P&L whatever the book), the worst
 * visible cell outlined in the loss colour and the selected cell in the accent colour.
 */
import type { HeatmapGroup } from '../../../../shared/contract/scenarios';
import { chartColors, type ChartColors } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { formatCurrency } from '../../format';
import type { ThemeMode } from '../../theme';
import { formatCompactUsd, formatMove, formatVolShock } from './heatmapLabels';

export interface CellRef {
  priceIndex: number;
  volIndex: number;
}

export interface HeatmapView {
  group: HeatmapGroup;
  /** Indices into group.priceMoves shown as columns. */
  priceIndices: number[];
  volShiftMode: 'absolute' | 'relative';
  worst: CellRef;
  selected: CellRef | null;
}

export const cellPnl = (g: HeatmapGroup, c: CellRef) => g.pnl[c.priceIndex * g.volShocks.length + c.volIndex];

/** The lowest-P&L cell among the shown columns. */
export function worstVisibleCell(g: HeatmapGroup, priceIndices: number[]): CellRef {
  let worst: CellRef = { priceIndex: priceIndices[0], volIndex: 0 };
  for (const p of priceIndices) {
    for (let v = 0; v < g.volShocks.length; v++) if (cellPnl(g, { priceIndex: p, volIndex: v }) < cellPnl(g, worst)) worst = { priceIndex: p, volIndex: v };
  }
  return worst;
}

/**
 * Label colour readable on a cell of |value| / scale `intensity`: the light theme's strong reds and greens take
 * white text, its pale middle dark text; the dark theme's scale runs from a dark middle, so its text colour fits all.
 */
export function cellLabelColor(intensity: number, colors: ChartColors, theme: ThemeMode): string {
  return theme === 'light' && intensity > 0.5 ? '#ffffff' : colors.text;
}

export function heatmapOption(view: HeatmapView, theme: ThemeMode): ChartOption {
  const colors = chartColors(theme);
  const background = colors.surface;
  const { group: g, priceIndices, volShiftMode, worst, selected } = view;
  let maxAbs = 0;
  for (const p of priceIndices) for (let v = 0; v < g.volShocks.length; v++) maxAbs = Math.max(maxAbs, Math.abs(cellPnl(g, { priceIndex: p, volIndex: v })));
  if (maxAbs === 0) maxAbs = 1;
  const same = (a: CellRef | null, p: number, v: number) => a !== null && a.priceIndex === p && a.volIndex === v;
  const data = priceIndices.flatMap((p, x) =>
    g.volShocks.map((_, v) => {
      const border = same(selected, p, v) ? colors.accent : same(worst, p, v) ? colors.negative : undefined;
      const value = cellPnl(g, { priceIndex: p, volIndex: v });
      return {
        value: [x, v, value],
        cell: { priceIndex: p, volIndex: v },
        itemStyle: border ? { borderColor: border, borderWidth: 3 } : { borderColor: background, borderWidth: 1 },
        label: { color: cellLabelColor(Math.abs(value) / maxAbs, colors, theme) },
      };
    }),
  );
  const scenarioLabels = (p: number, v: number) =>
    g.presetScenarios.filter((s) => s.priceIndex === p && s.volIndex === v).map((s) => `${s.table}: ${s.label}${s.weight !== 1 ? ` (weight ${s.weight})` : ''}`);
  return {
    animation: false,
    textStyle: { color: colors.text },
    grid: { left: 84, right: 16, top: 34, bottom: 48 },
    tooltip: {
      formatter: (params: { data: { cell: CellRef; value: [number, number, number] } }) => {
        const { cell, value } = params.data;
        const labels = scenarioLabels(cell.priceIndex, cell.volIndex);
        return [
          `Spot ${formatMove(g.priceMoves[cell.priceIndex])}, vol ${formatVolShock(g.volShocks[cell.volIndex], volShiftMode)}`,
          `<b>${formatCurrency(value[2], 'USD')}</b>`,
          labels.length > 0 ? `Preset scenario: ${labels.join('; ')}` : 'Not one of the preset’s own scenarios',
        ].join('<br>');
      },
    },
    xAxis: {
      type: 'category',
      name: 'Spot move',
      nameLocation: 'middle',
      nameGap: 28,
      data: priceIndices.map((p) => formatMove(g.priceMoves[p])),
      axisLabel: { color: colors.text, hideOverlap: true },
      axisLine: { lineStyle: { color: colors.grid } },
      splitArea: { show: false },
    },
    yAxis: {
      type: 'category',
      name: volShiftMode === 'relative' ? 'Vol shock (% of vol)' : 'Vol shock (vol pts)',
      nameLocation: 'middle',
      nameGap: 66,
      data: g.volShocks.map((v) => formatVolShock(v, volShiftMode)),
      axisLabel: { color: colors.text },
      axisLine: { lineStyle: { color: colors.grid } },
    },
    visualMap: {
      type: 'continuous',
      min: -maxAbs,
      max: maxAbs,
      calculable: false,
      orient: 'horizontal',
      right: 16,
      top: 0,
      itemHeight: 240,
      itemWidth: 12,
      text: [`gain ${formatCompactUsd(maxAbs)}`, `loss ${formatCompactUsd(-maxAbs)}`],
      textStyle: { color: colors.muted },
      inRange: { color: colors.diverging },
    },
    series: [
      {
        type: 'heatmap',
        data,
        label: {
          show: true,
          formatter: (params: { data: { value: [number, number, number] } }) => formatCompactUsd(params.data.value[2]),
          fontSize: 11,
        },
        emphasis: { itemStyle: { borderColor: colors.accent, borderWidth: 2 } },
      },
    ],
  };
}
