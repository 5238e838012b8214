/** Sample covariance and correlation of a time-major return panel (returns[t * N + i]), and cov -> corr scaling. */
import { assertFiniteArray, panelRows } from './validate';

/** Demeaned sample covariance with divisor rows - 1 (unbiased), N x N row-major. */
export function sampleCovariance(returns: Float64Array, assets: number): Float64Array {
  const rows = panelRows('sampleCovariance', returns, assets);
  if (rows < 2) throw new RangeError(`sampleCovariance: need at least 2 observations, got ${rows}`);
  assertFiniteArray('sampleCovariance', returns, 'returns');
  const mean = new Float64Array(assets);
  for (let t = 0; t < rows; t++) for (let i = 0; i < assets; i++) mean[i] += returns[t * assets + i];
  for (let i = 0; i < assets; i++) mean[i] /= rows;
  const cov = new Float64Array(assets * assets);
  for (let t = 0; t < rows; t++) {
    const o = t * assets;
    for (let i = 0; i < assets; i++) {
      const di = returns[o + i] - mean[i];
      for (let j = i; j < assets; j++) cov[i * assets + j] += di * (returns[o + j] - mean[j]);
    }
  }
  for (let i = 0; i < assets; i++) {
    for (let j = i; j < assets; j++) {
      cov[i * assets + j] /= rows - 1;
      cov[j * assets + i] = cov[i * assets + j];
    }
  }
  return cov;
}

/** corr_ij = cov_ij / sqrt(cov_ii cov_jj); a zero or negative variance is an error naming the asset. */
export function covarianceToCorrelation(cov: Float64Array, n: number): Float64Array {
  if (cov.length !== n * n) throw new RangeError(`covarianceToCorrelation: matrix length ${cov.length} is not ${n} x ${n}`);
  const sd = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = cov[i * n + i];
    if (!(v > 0)) throw new RangeError(`covarianceToCorrelation: variance of asset ${i} is ${v}, not > 0`);
    sd[i] = Math.sqrt(v);
  }
  const corr = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) corr[i * n + j] = i === j ? 1 : cov[i * n + j] / (sd[i] * sd[j]);
  }
  return corr;
}

export function sampleCorrelation(returns: Float64Array, assets: number): Float64Array {
  return covarianceToCorrelation(sampleCovariance(returns, assets), assets);
}
