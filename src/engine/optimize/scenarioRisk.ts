import { historicalEs, tailCount } from '../stats/tailRisk';

/**
 * The two scenario risk measures the hedge optimiser minimises, evaluated on a P&L vector (USD per scenario).
 * - 'minmax': the grid (SPAN-like) margin. Scenarios fall into blocks (one per risk group and scan table, default
 *   one block); each counts weight_s x max(0, loss_s - dampener_s) (margin/groupRisk.ts countedLoss) and the risk
 *   is the sum over blocks of the block's worst counted loss. With one block, unit weights and no dampener this is
 *   max(0, worst scenario loss).
 * - 'es': historical expected shortfall in the project's convention (stats/tailRisk.ts): the mean of the
 *   k = ceil(S (1 - confidence)) largest losses. The LP in hedgeLp.ts minimises exactly this quantity in the
 *   Rockafellar-Uryasev form with denominator k (see esTailCount), so before/after values match the solver's.
 */
export interface MinMaxObjective {
  kind: 'minmax';
  /** Block of each scenario, 0..B-1 (default all 0). */
  block?: Int32Array;
  /** Weight and dampener (USD) per scenario (defaults 1 and 0). */
  weight?: Float64Array;
  dampener?: Float64Array;
}
export type RiskObjective = MinMaxObjective | { kind: 'es'; confidence: number };

/** Number of blocks of a min-max objective. */
export function blockCount(objective: MinMaxObjective): number {
  let b = 0;
  if (objective.block) for (const x of objective.block) b = Math.max(b, x + 1);
  return Math.max(1, b);
}

export function scenarioRisk(pnl: Float64Array, objective: RiskObjective): number {
  if (pnl.length === 0) return 0;
  if (objective.kind === 'es') return historicalEs(pnl, objective.confidence);
  const worst = new Float64Array(blockCount(objective));
  for (let s = 0; s < pnl.length; s++) {
    const counted = (objective.weight?.[s] ?? 1) * (-pnl[s] - (objective.dampener?.[s] ?? 0));
    const b = objective.block?.[s] ?? 0;
    if (counted > worst[b]) worst[b] = counted;
  }
  return worst.reduce((a, x) => a + x, 0);
}

/** Tail size k of the ES objective: min_z { z + sum_s max(0, L_s - z) / k } is the mean of the k largest losses. */
export function esTailCount(scenarios: number, confidence: number): number {
  return tailCount(scenarios, confidence);
}
