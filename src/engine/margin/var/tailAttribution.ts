import { historicalTailRisk, tailCount } from '../../stats/tailRisk';

/**
 * Attribution of a scenario VaR/ES to the rows of a P&L matrix (instruments and collateral), rows[r * S + s].
 * - standalone_r: the measure of row r alone;
 * - incremental_r: measure(total) - measure(total - row r), with measures floored at 0 like the margin;
 * - component_r (Euler allocation for scenario measures): for ES, minus row r's mean P&L over the k tail scenarios
 *   of the total; for VaR, minus its P&L in the VaR scenario (the k-th worst). Components sum to the total measure
 *   exactly, because the total P&L is the sum of the rows scenario by scenario.
 * The tail is the k = ceil(S (1 - alpha)) lowest total P&Ls (stats/tailRisk.ts), ties broken by scenario index.
 */
export type TailMeasure = 'var' | 'es';

export function measureOf(pnl: Float64Array, measure: TailMeasure, alpha: number, scratch?: Float64Array): number {
  const r = historicalTailRisk(pnl, alpha, scratch);
  return measure === 'es' ? r.es : r.var;
}

/** Indices of the k = ceil(S(1 - alpha)) worst scenarios, worst first (ties: lower index first). */
export function tailScenarios(pnl: Float64Array, alpha: number): Uint32Array {
  const k = tailCount(pnl.length, alpha);
  const order = Uint32Array.from({ length: pnl.length }, (_, i) => i).sort((a, b) => pnl[a] - pnl[b] || a - b);
  return order.slice(0, k);
}

/** The loss the tail scenarios stand for: mean loss over them (ES) or the loss in the last one (VaR). */
export function tailLoss(rowPnl: (s: number) => number, tail: Uint32Array, measure: TailMeasure): number {
  if (measure === 'var') return -rowPnl(tail[tail.length - 1]);
  let sum = 0;
  for (let j = 0; j < tail.length; j++) sum += rowPnl(tail[j]);
  return -sum / tail.length;
}

export interface RowAttribution {
  standalone: Float64Array;
  incremental: Float64Array;
}

/** Standalone and incremental measures of each row of `rows` (R x S) against the total P&L vector. */
export function standaloneAndIncremental(total: Float64Array, rows: Float64Array, measure: TailMeasure, alpha: number): RowAttribution {
  const S = total.length;
  const R = rows.length / S;
  const scratch = new Float64Array(S);
  const without = new Float64Array(S);
  const totalMeasure = Math.max(0, measureOf(total, measure, alpha, scratch));
  const standalone = new Float64Array(R);
  const incremental = new Float64Array(R);
  for (let r = 0; r < R; r++) {
    const row = rows.subarray(r * S, (r + 1) * S);
    standalone[r] = Math.max(0, measureOf(row, measure, alpha, scratch));
    for (let s = 0; s < S; s++) without[s] = total[s] - row[s];
    incremental[r] = totalMeasure - Math.max(0, measureOf(without, measure, alpha, scratch));
  }
  return { standalone, incremental };
}
