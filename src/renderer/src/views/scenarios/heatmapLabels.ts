/** Axis and cell labels of the scenario heatmap: signed percent moves, vol shocks in the preset's units, compact USD. */
import { formatNumber } from '../../format';

const sign = (x: number) => (x > 0 ? '+' : x < 0 ? '−' : '');

/** +0.04 -> "+4%", -0.6667 -> "−66.67%" (up to two decimals, none when whole). */
export function formatMove(move: number): string {
  const pct = Math.round(Math.abs(move) * 10_000) / 100;
  return `${sign(move)}${pct}%`;
}

/** Relative shocks scale the vol (+0.5 -> "+50%"); absolute ones add vol points (+0.1 -> "+10 pts"). */
export function formatVolShock(shock: number, mode: 'absolute' | 'relative'): string {
  if (mode === 'relative') return formatMove(shock);
  const points = Math.round(Math.abs(shock) * 10_000) / 100;
  return `${sign(shock)}${points} pts`;
}

/** Compact dollars for heatmap cells: -1234567 -> "−$1.23M", 15400 -> "+$15.4k". */
export function formatCompactUsd(value: number): string {
  const a = Math.abs(value);
  const body = a >= 1e9 ? `${formatNumber(a / 1e9, 2)}B` : a >= 1e6 ? `${formatNumber(a / 1e6, 2)}M` : a >= 1e3 ? `${formatNumber(a / 1e3, 1)}k` : formatNumber(a, 0);
  return `${a < 0.5 ? '' : sign(value)}$${body}`;
}
