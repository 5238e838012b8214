/**
 * Pairwise-complete return correlations for panels with missing values (underlyings listed on different dates).
 * Each pair (i, j) is estimated from the rows where BOTH returns exist, so a long history (BTC) is not cut to the
 * shortest one (AVAX); the price is that a matrix built pair by pair need not be positive semi-definite when the
 * pairs use different rows (minEigenvalue reports it). With a complete panel the matrix is a (weighted) Gram
 * matrix and therefore PSD.
 *
 * Methods over the rows of a window:
 * - sample: Pearson correlation, each series demeaned over the pair's common rows.
 * - ewma: RiskMetrics zero-mean exponentially weighted correlation as of the window's last row: the k-th most
 *   recent common observation weighs lambda^k (the newest weighs 1). It equals the recursion
 *   S = lambda S + (1 - lambda) x y started from S = 0 at the window's first row; the (1 - lambda) factors and the
 *   weight normalisation cancel in the ratio.
 * Panel layout is time-major: returns[t * assets + i]; NaN marks a missing return.
 */
import { symmetricEigen } from './linearAlgebra';

export type CorrelationMethod = { kind: 'sample' } | { kind: 'ewma'; lambda: number };

/** Fewer common observations than this give NaN (two points always correlate +-1; a handful say nothing). */
export const MIN_PAIR_OBSERVATIONS = 5;

export interface CorrelationMatrix {
  /** n x n row-major; NaN where a pair has fewer than MIN_PAIR_OBSERVATIONS common rows or a flat series. */
  matrix: Float64Array;
  /** Common observation count of each pair (the diagonal: the asset's own count). */
  observations: Int32Array;
  /** Smallest eigenvalue when every entry is finite (>= 0 up to rounding for a PSD matrix); NaN otherwise. */
  minEigenvalue: number;
}

function checkMethod(method: CorrelationMethod): void {
  if (method.kind === 'ewma' && !(method.lambda > 0 && method.lambda < 1)) {
    throw new RangeError(`correlation: EWMA lambda ${method.lambda} must be in (0, 1)`);
  }
}

function checkPanel(returns: Float64Array, assets: number): number {
  if (!Number.isInteger(assets) || assets < 1) throw new RangeError(`correlation: asset count ${assets} must be an integer >= 1`);
  if (returns.length % assets !== 0) throw new RangeError(`correlation: panel length ${returns.length} is not a multiple of ${assets} assets`);
  return returns.length / assets;
}

/**
 * Daily log returns of a date-major close panel (closes[t * assets + i], NaN where not listed): row t of the result
 * is ln(close[t + 1] / close[t]), NaN unless both closes are positive and finite. rows - 1 rows.
 */
export function logReturnPanel(closes: Float64Array, assets: number): Float64Array {
  const rows = checkPanel(closes, assets);
  const out = new Float64Array(Math.max(0, rows - 1) * assets);
  for (let t = 0; t + 1 < rows; t++) {
    for (let i = 0; i < assets; i++) {
      const a = closes[t * assets + i];
      const b = closes[(t + 1) * assets + i];
      out[t * assets + i] = a > 0 && b > 0 && Number.isFinite(a) && Number.isFinite(b) ? Math.log(b / a) : Number.NaN;
    }
  }
  return out;
}

/** Correlation of columns i and j over rows [from, to) and the number of common rows used. */
export function pairCorrelation(
  returns: Float64Array,
  assets: number,
  i: number,
  j: number,
  from: number,
  to: number,
  method: CorrelationMethod,
): { value: number; count: number } {
  let count = 0;
  let sx = 0;
  let sy = 0;
  if (method.kind === 'sample') {
    for (let t = from; t < to; t++) {
      const x = returns[t * assets + i];
      const y = returns[t * assets + j];
      if (Number.isNaN(x) || Number.isNaN(y)) continue;
      count++;
      sx += x;
      sy += y;
    }
  }
  const mx = method.kind === 'sample' && count > 0 ? sx / count : 0;
  const my = method.kind === 'sample' && count > 0 ? sy / count : 0;
  const decay = method.kind === 'ewma' ? method.lambda : 1;
  let sxx = 0;
  let syy = 0;
  let sxy = 0;
  let weight = 1;
  count = 0;
  // Newest row first so the EWMA weight is lambda^(observations after this one).
  for (let t = to - 1; t >= from; t--) {
    const x = returns[t * assets + i];
    const y = returns[t * assets + j];
    if (Number.isNaN(x) || Number.isNaN(y)) continue;
    count++;
    const dx = x - mx;
    const dy = y - my;
    sxx += weight * dx * dx;
    syy += weight * dy * dy;
    sxy += weight * dx * dy;
    weight *= decay;
  }
  if (count < MIN_PAIR_OBSERVATIONS || !(sxx > 0) || !(syy > 0)) return { value: Number.NaN, count };
  // Clamp rounding just outside [-1, 1] (e.g. identical series).
  return { value: Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy))), count };
}

/** The pairwise-complete correlation matrix of the panel rows [from, to). */
export function correlationMatrix(returns: Float64Array, assets: number, method: CorrelationMethod, from = 0, to = checkPanel(returns, assets)): CorrelationMatrix {
  const rows = checkPanel(returns, assets);
  checkMethod(method);
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to && to <= rows)) {
    throw new RangeError(`correlation: row range [${from}, ${to}) is outside the panel's ${rows} rows`);
  }
  const n = assets;
  const matrix = new Float64Array(n * n);
  const observations = new Int32Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const { value, count } = pairCorrelation(returns, n, i, j, from, to, method);
      matrix[i * n + j] = matrix[j * n + i] = i === j && !Number.isNaN(value) ? 1 : value;
      observations[i * n + j] = observations[j * n + i] = count;
    }
  }
  const minEigenvalue = matrix.every(Number.isFinite) ? symmetricEigen(matrix, n).values[0] : Number.NaN;
  return { matrix, observations, minEigenvalue };
}

/**
 * Correlation of columns i and j over time: value[t] uses the rows (t - window, t] (window = null: every row up
 * to t, an expanding window). NaN where the window holds fewer than `minObservations` common rows (e.g. the
 * window length, so that every point rests on a full window rather than a noisy first few days).
 */
export function rollingCorrelation(
  returns: Float64Array,
  assets: number,
  i: number,
  j: number,
  window: number | null,
  method: CorrelationMethod,
  minObservations = MIN_PAIR_OBSERVATIONS,
): Float64Array {
  const rows = checkPanel(returns, assets);
  checkMethod(method);
  if (window !== null && !(Number.isInteger(window) && window >= 2)) throw new RangeError(`correlation: rolling window ${window} must be an integer >= 2`);
  for (const c of [i, j]) if (!(Number.isInteger(c) && c >= 0 && c < assets)) throw new RangeError(`correlation: column ${c} is outside 0..${assets - 1}`);
  const out = new Float64Array(rows);
  for (let t = 0; t < rows; t++) {
    const from = window === null ? 0 : Math.max(0, t + 1 - window);
    const { value, count } = pairCorrelation(returns, assets, i, j, from, t + 1, method);
    out[t] = count >= minObservations ? value : Number.NaN;
  }
  return out;
}
