/**
 * The two scenario risk measures the hedge optimiser minimises, evaluated on a P&L vector (USD per scenario).
 * - 'minmax': the grid (SPAN-like) margin, max(0, worst scenario loss).
 * - 'es': expected shortfall at `confidence` in the Rockafellar-Uryasev form,
 *   ES = min_z { z + sum_s max(0, L_s - z) / ((1 - confidence) * S) }, minimised at z = the confidence-quantile of
 *   the losses L = -pnl (Rockafellar & Uryasev 2002, Theorem 10). This is the exact objective of the LP in hedgeLp.ts,
 *   so before/after values are comparable with the solver's.
 */
export type RiskObjective = { kind: 'minmax' } | { kind: 'es'; confidence: number };

export function scenarioRisk(pnl: Float64Array, objective: RiskObjective): number {
  const n = pnl.length;
  if (n === 0) return 0;
  if (objective.kind === 'minmax') {
    let worst = 0;
    for (let s = 0; s < n; s++) if (-pnl[s] > worst) worst = -pnl[s];
    return worst;
  }
  const alpha = objective.confidence;
  const losses = Float64Array.from(pnl, (p) => -p).sort();
  const z = losses[Math.min(n - 1, Math.max(0, Math.ceil(alpha * n) - 1))];
  let excess = 0;
  for (let s = 0; s < n; s++) if (losses[s] > z) excess += losses[s] - z;
  return z + excess / ((1 - alpha) * n);
}
