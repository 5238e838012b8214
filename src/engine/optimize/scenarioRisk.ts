import { historicalEs, tailCount } from '../stats/tailRisk';

/**
 * The two scenario risk measures the hedge optimiser minimises, evaluated on a P&L vector (USD per scenario).
 * - 'minmax': the grid (SPAN-like) margin, max(0, worst scenario loss).
 * - 'es': historical expected shortfall in the project's convention (stats/tailRisk.ts): the mean of the
 *   k = ceil(S (1 - confidence)) largest losses. The LP in hedgeLp.ts minimises exactly this quantity in the
 *   Rockafellar-Uryasev form with denominator k (see esTailCount), so before/after values match the solver's.
 */
export type RiskObjective = { kind: 'minmax' } | { kind: 'es'; confidence: number };

export function scenarioRisk(pnl: Float64Array, objective: RiskObjective): number {
  if (pnl.length === 0) return 0;
  if (objective.kind === 'es') return historicalEs(pnl, objective.confidence);
  let worst = 0;
  for (let s = 0; s < pnl.length; s++) if (-pnl[s] > worst) worst = -pnl[s];
  return worst;
}

/** Tail size k of the ES objective: min_z { z + sum_s max(0, L_s - z) / k } is the mean of the k largest losses. */
export function esTailCount(scenarios: number, confidence: number): number {
  return tailCount(scenarios, confidence);
}
