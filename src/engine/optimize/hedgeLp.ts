import { highsRuntime } from './highs';
import { blockCount, esTailCount, scenarioRisk, type RiskObjective } from './scenarioRisk';

/**
 * The margin-optimal hedge as a linear programme solved by HiGHS.
 *
 * Trade in candidate j is h_j = b_j - s_j with b_j, s_j >= 0 (buys and sells, so trading cost c_j (b_j + s_j) is
 * linear) and lo_j <= h_j <= hi_j. Hedged P&L in scenario s is P_s + sum_j H_js h_j; its loss is the negative.
 * - min-max (grid margin, epigraph form): one z_b >= 0 per block b (risk group x scan table), minimise sum_b z_b +
 *   costs s.t. w_s (-P_s - sum_j H_js h_j - d_s) <= z_b(s) for all s, i.e. -w_s sum_j H_js h_j - z_b <= w_s (P_s + d_s);
 *   with one block, w = 1 and d = 0 this is z >= worst loss.
 * - ES (Rockafellar-Uryasev 2000): minimise zeta + sum_s u_s / k + costs
 *   s.t.  -sum_j H_js h_j - zeta - u_s <= P_s, u_s >= 0, zeta free; with k = ceil(S (1 - a)) the optimum over zeta
 *   is the mean of the k largest losses, the project's historical ES (stats/tailRisk.ts).
 * h = 0 is always feasible, so the optimum never exceeds the unhedged risk. When the optimum does not improve on
 * it by more than a relative 1e-9 (e.g. an already-flat book), the empty hedge is returned instead of one of the
 * many equivalent zero-benefit trades.
 */
export interface HedgeCandidate {
  symbol: string;
  /** Bounds on the signed hedge quantity (instrument units, see instrument.ts); minQuantity <= 0 <= maxQuantity usually. */
  minQuantity: number;
  maxQuantity: number;
  /** Trading cost in USD per unit traded, either direction (fees plus half the bid-ask spread). */
  costPerUnit: number;
}

export interface HedgeProblem {
  /** Book P&L per scenario (USD). */
  bookPnl: Float64Array;
  /** hedgePnl[j * S + s]: P&L (USD) of +1 unit of candidate j in scenario s (the kernel's perInstrument layout). */
  hedgePnl: Float64Array;
  candidates: HedgeCandidate[];
  objective: RiskObjective;
}

export interface HedgeSolution {
  /** Signed trade per candidate (0 where none). */
  quantities: Float64Array;
  /** Scenario risk (see scenarioRisk.ts) before and after the trades, and the trading cost (USD). */
  riskBefore: number;
  riskAfter: number;
  cost: number;
  /** HiGHS model status name ('optimal', or 'unchanged' when the empty hedge was kept). */
  status: string;
}

/** Trades smaller than this (units) are reported as zero: they are solver round-off, not decisions. */
const ZERO_TRADE = 1e-9;

export async function solveMarginOptimalHedge(problem: HedgeProblem): Promise<HedgeSolution> {
  const { bookPnl, hedgePnl, candidates, objective } = problem;
  const S = bookPnl.length;
  const J = candidates.length;
  if (hedgePnl.length !== J * S) throw new RangeError(`hedgePnl has ${hedgePnl.length} entries, expected ${J} candidates x ${S} scenarios`);
  candidates.forEach((c, j) => {
    if (!(c.minQuantity <= c.maxQuantity)) throw new RangeError(`hedge candidate ${j} (${c.symbol}): minQuantity ${c.minQuantity} > maxQuantity ${c.maxQuantity}`);
    if (!(c.costPerUnit >= 0)) throw new RangeError(`hedge candidate ${j} (${c.symbol}): costPerUnit must be >= 0, got ${c.costPerUnit}`);
  });
  if (objective.kind === 'minmax') {
    for (const [name, v] of [['block', objective.block], ['weight', objective.weight], ['dampener', objective.dampener]] as const) {
      if (v && v.length !== S) throw new RangeError(`min-max ${name} has ${v.length} entries for ${S} scenarios`);
    }
    if (objective.weight?.some((w) => !(w >= 0))) throw new RangeError('min-max weights must be >= 0');
    if (objective.block?.some((b) => !(b >= 0))) throw new RangeError('min-max blocks must be >= 0');
  }
  if (objective.kind === 'es' && !(objective.confidence > 0 && objective.confidence < 1)) {
    throw new RangeError(`ES confidence must be in (0, 1), got ${objective.confidence}`);
  }
  const riskBefore = scenarioRisk(bookPnl, objective);
  const empty: HedgeSolution = { quantities: new Float64Array(J), riskBefore, riskAfter: riskBefore, cost: 0, status: 'unchanged' };
  if (J === 0 || S === 0) return empty;

  const highs = await highsRuntime();
  const es = objective.kind === 'es';
  // Columns: b_0..b_{J-1}, s_0..s_{J-1}, then z_0..z_{B-1} (min-max) or zeta, u_0..u_{S-1} (ES).
  const zCol = 2 * J;
  const B = objective.kind === 'minmax' ? blockCount(objective) : 1;
  const numCols = 2 * J + B + (es ? S : 0);
  const colCost = new Float64Array(numCols);
  const colLower = new Float64Array(numCols);
  const colUpper = new Float64Array(numCols).fill(highs.infinity);
  candidates.forEach((c, j) => {
    colCost[j] = colCost[J + j] = c.costPerUnit;
    colLower[j] = Math.max(0, c.minQuantity);
    colUpper[j] = Math.max(0, c.maxQuantity);
    colLower[J + j] = Math.max(0, -c.maxQuantity);
    colUpper[J + j] = Math.max(0, -c.minQuantity);
  });
  colCost.fill(1, zCol, zCol + B);
  if (es) {
    colLower[zCol] = -highs.infinity;
    colCost.fill(1 / esTailCount(S, objective.confidence), zCol + 1);
  }
  const minmax = objective.kind === 'minmax' ? objective : undefined;

  const perRow = 2 * J + 1 + (es ? 1 : 0);
  const starts = new Int32Array(S + 1);
  const indices = new Int32Array(S * perRow);
  const values = new Float64Array(S * perRow);
  const rowLower = new Float64Array(S).fill(-highs.infinity);
  const rowUpper = new Float64Array(S);
  let k = 0;
  for (let s = 0; s < S; s++) {
    starts[s] = k;
    const w = minmax?.weight?.[s] ?? 1;
    for (let j = 0; j < J; j++) {
      const h = w * hedgePnl[j * S + s];
      indices[k] = j;
      values[k++] = -h;
      indices[k] = J + j;
      values[k++] = h;
    }
    indices[k] = zCol + (minmax?.block?.[s] ?? 0);
    values[k++] = -1;
    if (es) {
      indices[k] = zCol + 1 + s;
      values[k++] = -1;
    }
    rowUpper[s] = w * (bookPnl[s] + (minmax?.dampener?.[s] ?? 0));
  }
  starts[S] = k;

  const model = highs.createModel({
    numCols,
    numRows: S,
    colCost,
    colLower,
    colUpper,
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: S, numCols, starts, indices: indices.subarray(0, k), values: values.subarray(0, k) },
  });
  try {
    model.options.set({ output_flag: false });
    model.run();
    const status = model.getModelStatus();
    if (status !== highs.constants.modelStatus.optimal) {
      const name = Object.entries(highs.constants.modelStatus).find(([, v]) => v === status)?.[0] ?? String(status);
      throw new Error(`hedge LP did not solve to optimality: ${name}`);
    }
    const x = model.getSolution().colValue;
    const quantities = new Float64Array(J);
    let cost = 0;
    for (let j = 0; j < J; j++) {
      const q = x[j] - x[J + j];
      quantities[j] = Math.abs(q) < ZERO_TRADE ? 0 : q;
      cost += candidates[j].costPerUnit * Math.abs(quantities[j]);
    }
    const hedged = Float64Array.from(bookPnl);
    for (let j = 0; j < J; j++) {
      const q = quantities[j];
      if (q !== 0) for (let s = 0; s < S; s++) hedged[s] += q * hedgePnl[j * S + s];
    }
    const riskAfter = scenarioRisk(hedged, objective);
    if (riskAfter + cost >= riskBefore - 1e-9 * Math.max(1, Math.abs(riskBefore))) return empty;
    return { quantities, riskBefore, riskAfter, cost, status: 'optimal' };
  } finally {
    model.dispose();
  }
}
