/** Short texts of backtest models, runs and amounts for headers, lists and chart axes. */
import type { BacktestModel } from '../../../../shared/contract/backtest';
import { formatUtcDate } from '../../format';

/** "preset · span-16", "preset · deribit-pm-like ×1.25", "es · historical 99% · 2d · 750d". */
export function backtestModelLabel(model: BacktestModel): string {
  if (model.kind === 'preset') return `preset · ${model.name}${model.scanScale !== 1 ? ` ×${model.scanScale}` : ''}`;
  const s = model.spec;
  return `${s.measure} · ${s.method} ${+(s.confidence * 100).toFixed(2)}% · ${s.mporDays}d · ${s.lookbackDays}d`;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });

/** Axis labels: 1234567 -> "1.2M". */
export function formatCompact(value: number): string {
  return compact.format(value);
}

/** UTC epoch ms as "27 Nov 2026 04:12" (UTC). */
export function formatUtcDateTime(timestamp: number): string {
  const d = new Date(timestamp);
  return `${formatUtcDate(timestamp)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** The dates a run covered: "2025-07-06 → 2026-01-06", open ends shown as "start"/"end" of history. */
export function runWindow(run: { from: string | null; to: string | null }): string {
  return `${run.from ?? 'start'} → ${run.to ?? 'end'}`;
}
