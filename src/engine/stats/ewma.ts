/**
 * Exponentially weighted (RiskMetrics) variance and covariance; J.P. Morgan/Reuters, RiskMetrics Technical
 * Document, 4th ed. (1996), section 5.2: zero-mean returns, sigma^2_t = lambda sigma^2_{t-1} + (1 - lambda) r^2_{t-1},
 * lambda = 0.94 for daily and 0.97 for monthly data.
 *
 * Timing convention: variance[t] is the variance of r_t conditional on r_0..r_{t-1} (it uses returns strictly
 * before t), and `forecast` is the variance of the next, not yet observed, return. This is the sigma_t that filtered
 * historical simulation divides r_t by.
 * Seed convention: variance[0] = the mean of r^2 over the first `seedWindow` returns (default 30, capped at n), or
 * an explicit `seedVariance`. The default seed reads returns of the seed window, a documented look-ahead confined to
 * the warm-up (its weight decays as lambda^t); pass `seedVariance` to avoid it.
 */
import { assertFiniteArray, panelRows } from './validate';

export const RISKMETRICS_DAILY_LAMBDA = 0.94;
export const RISKMETRICS_MONTHLY_LAMBDA = 0.97;

export interface EwmaOptions {
  lambda: number;
  /** Explicit variance for t = 0 (univariate only). */
  seedVariance?: number;
  /** Returns averaged for the default seed; 30 unless given. */
  seedWindow?: number;
}

export interface VariancePath {
  /** variance[t]: variance of r_t given returns before t. */
  variance: Float64Array;
  /** Variance of the return after the last one (tomorrow's). */
  forecast: number;
}

function checkLambda(name: string, lambda: number): void {
  if (!(lambda > 0 && lambda < 1)) throw new RangeError(`${name}: lambda ${lambda} must be in (0, 1)`);
}

function seedWindowOf(name: string, n: number, seedWindow = 30): number {
  if (!Number.isInteger(seedWindow) || seedWindow < 1) throw new RangeError(`${name}: seedWindow ${seedWindow} must be an integer >= 1`);
  return Math.min(n, seedWindow);
}

export function ewmaVariance(returns: Float64Array, options: EwmaOptions): VariancePath {
  const { lambda, seedVariance } = options;
  checkLambda('ewmaVariance', lambda);
  const n = returns.length;
  if (n === 0) throw new RangeError('ewmaVariance: the return series is empty');
  assertFiniteArray('ewmaVariance', returns, 'returns');
  let v: number;
  if (seedVariance !== undefined) {
    if (!(seedVariance > 0 && Number.isFinite(seedVariance))) throw new RangeError(`ewmaVariance: seedVariance ${seedVariance} must be > 0`);
    v = seedVariance;
  } else {
    const m = seedWindowOf('ewmaVariance', n, options.seedWindow);
    v = 0;
    for (let t = 0; t < m; t++) v += returns[t] * returns[t];
    v /= m;
  }
  const variance = new Float64Array(n);
  for (let t = 0; t < n; t++) {
    variance[t] = v;
    v = lambda * v + (1 - lambda) * returns[t] * returns[t];
  }
  return { variance, forecast: v };
}

/**
 * EWMA covariance forecast (N x N, row-major) for a time-major return panel (returns[t * N + i]):
 * Sigma = lambda Sigma + (1 - lambda) r_t r_t' over all rows, seeded with the zero-mean second-moment matrix of the
 * first `seedWindow` rows. The result is the covariance of the next return vector.
 */
export function ewmaCovariance(returns: Float64Array, assets: number, options: Omit<EwmaOptions, 'seedVariance'>): Float64Array {
  const { lambda } = options;
  checkLambda('ewmaCovariance', lambda);
  const rows = panelRows('ewmaCovariance', returns, assets);
  if (rows === 0) throw new RangeError('ewmaCovariance: the return panel is empty');
  assertFiniteArray('ewmaCovariance', returns, 'returns');
  const m = seedWindowOf('ewmaCovariance', rows, options.seedWindow);
  const cov = new Float64Array(assets * assets);
  for (let t = 0; t < m; t++) addOuterProduct(cov, returns, t * assets, assets, 1 / m);
  for (let t = 0; t < rows; t++) {
    for (let k = 0; k < cov.length; k++) cov[k] *= lambda;
    addOuterProduct(cov, returns, t * assets, assets, 1 - lambda);
  }
  return cov;
}

/** cov += weight * r r' for the row of `panel` starting at `offset` (upper triangle mirrored). */
function addOuterProduct(cov: Float64Array, panel: Float64Array, offset: number, n: number, weight: number): void {
  for (let i = 0; i < n; i++) {
    const ri = weight * panel[offset + i];
    for (let j = i; j < n; j++) {
      const v = ri * panel[offset + j];
      cov[i * n + j] += v;
      if (j !== i) cov[j * n + i] += v;
    }
  }
}
