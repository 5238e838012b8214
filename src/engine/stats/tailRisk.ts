/**
 * Historical (empirical) VaR and expected shortfall of a P&L vector.
 *
 * Convention (exported as `tailRiskConventions`): inputs are P&L (profit > 0); losses are L = -P&L; VaR and ES are
 * reported as positive loss amounts. For n scenarios at confidence alpha, the tail holds k = ceil(n (1 - alpha))
 * scenarios; VaR is the k-th largest loss and ES the mean of the k largest losses (so ES >= VaR always, and both
 * are the same tail). n (1 - alpha) is rounded to 1e-9 before the ceiling so 1000 x (1 - 0.99) gives 10, not 11.
 * Weighted scenarios generalise this: sort losses descending, VaR is the first loss at which the cumulative weight
 * reaches 1 - alpha, ES the weight-averaged loss over the scenarios up to and including it. With equal weights
 * 1/n this is exactly the unweighted rule.
 */
import { selectInPlace } from './select';
import { assertFiniteArray } from './validate';

export const tailRiskConventions =
  'Inputs are P&L (profit positive), losses L = -P&L, VaR and ES are positive loss amounts. ' +
  'With n scenarios at confidence alpha the tail has k = ceil(n(1-alpha)) scenarios (n(1-alpha) rounded to 1e-9 ' +
  'first); VaR = the k-th largest loss, ES = the mean of the k largest losses. Weighted scenarios: losses sorted ' +
  'descending, VaR = the first loss where cumulative weight reaches 1-alpha, ES = weighted mean of the losses up to ' +
  'and including it (equal to the unweighted rule for weights 1/n).';

export interface TailRisk {
  /** Value at risk, a positive loss amount. */
  var: number;
  /** Expected shortfall (mean loss in the tail), a positive loss amount. */
  es: number;
  /** Scenarios in the tail (k); for weighted input, the number of scenarios averaged into ES. */
  tailCount: number;
}

function checkConfidence(name: string, alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${name}: confidence ${alpha} must be in (0, 1)`);
}

/** k = ceil(n (1 - alpha)), with n (1 - alpha) rounded to 1e-9 so binary round-off does not add a scenario. */
export function tailCount(n: number, alpha: number): number {
  checkConfidence('tailCount', alpha);
  const exact = n * (1 - alpha);
  return Math.max(1, Math.ceil(Math.round(exact * 1e9) / 1e9));
}

/**
 * VaR and ES of equally weighted scenarios in expected O(n) (quickselect). `scratch`, if given, must have the
 * length of `pnl` and is overwritten (pass one to avoid allocating in a loop); `pnl` itself is never modified.
 */
export function historicalTailRisk(pnl: Float64Array, alpha: number, scratch?: Float64Array): TailRisk {
  checkConfidence('historicalTailRisk', alpha);
  const n = pnl.length;
  if (n === 0) throw new RangeError('historicalTailRisk: the P&L vector is empty');
  assertFiniteArray('historicalTailRisk', pnl, 'pnl');
  if (scratch && scratch.length !== n) throw new RangeError(`historicalTailRisk: scratch length ${scratch.length} is not ${n}`);
  const work = scratch ?? new Float64Array(n);
  work.set(pnl);
  const k = tailCount(n, alpha);
  // The k worst P&Ls are the k smallest: select rank k-1, then a[0..k-1] are exactly those.
  const kthWorst = selectInPlace(work, k - 1);
  let sum = 0;
  for (let i = 0; i < k; i++) sum += work[i];
  return { var: -kthWorst, es: -sum / k, tailCount: k };
}

/** VaR only; same convention and cost as `historicalTailRisk`. */
export function historicalVar(pnl: Float64Array, alpha: number, scratch?: Float64Array): number {
  return historicalTailRisk(pnl, alpha, scratch).var;
}

/** ES only; same convention and cost as `historicalTailRisk`. */
export function historicalEs(pnl: Float64Array, alpha: number, scratch?: Float64Array): number {
  return historicalTailRisk(pnl, alpha, scratch).es;
}

/** VaR and ES of weighted scenarios (weights >= 0, normalised here to sum 1); O(n log n) for the sort. */
export function weightedTailRisk(pnl: Float64Array, weights: Float64Array, alpha: number): TailRisk {
  checkConfidence('weightedTailRisk', alpha);
  const n = pnl.length;
  if (n === 0) throw new RangeError('weightedTailRisk: the P&L vector is empty');
  if (weights.length !== n) throw new RangeError(`weightedTailRisk: ${weights.length} weights for ${n} scenarios`);
  assertFiniteArray('weightedTailRisk', pnl, 'pnl');
  let total = 0;
  for (let i = 0; i < n; i++) {
    if (!(weights[i] >= 0 && Number.isFinite(weights[i]))) {
      throw new RangeError(`weightedTailRisk: weights[${i}] = ${weights[i]} is not a finite weight >= 0`);
    }
    total += weights[i];
  }
  if (!(total > 0)) throw new RangeError('weightedTailRisk: weights sum to zero');
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => pnl[a] - pnl[b]);
  const target = 1 - alpha - 1e-12; // tolerance: cumulative sums of weights carry round-off
  let cumulative = 0;
  let weightedLoss = 0;
  for (let j = 0; ; j++) {
    const i = order[j];
    const w = weights[i] / total;
    cumulative += w;
    weightedLoss -= w * pnl[i];
    if (cumulative >= target || j === n - 1) return { var: -pnl[i], es: weightedLoss / cumulative, tailCount: j + 1 };
  }
}

/**
 * Empirical quantile with linear interpolation between order statistics (Hyndman and Fan 1996 type 7, the
 * default of R and NumPy): h = (n - 1) p, Q = x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)), 0-based.
 */
export function empiricalQuantile(values: Float64Array, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`empiricalQuantile: probability ${p} is not in [0, 1]`);
  const n = values.length;
  if (n === 0) throw new RangeError('empiricalQuantile: the vector is empty');
  assertFiniteArray('empiricalQuantile', values, 'values');
  const work = Float64Array.from(values);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const low = selectInPlace(work, lo);
  if (lo === n - 1 || h === lo) return low;
  // After selecting rank lo, the next order statistic is the minimum of the upper part.
  let next = Infinity;
  for (let i = lo + 1; i < n; i++) if (work[i] < next) next = work[i];
  return low + (h - lo) * (next - low);
}
