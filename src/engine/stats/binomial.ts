/**
 * Binomial distribution CDF, summed exactly from the probability mass function in log space
 * (ln C(n, j) from logGamma), so it stays accurate for the thousands of days a backtest may cover.
 */
import { logGamma } from './chiSquare';

function checkBinomial(name: string, n: number, p: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name}: trial count ${n} is not an integer >= 0`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${name}: probability ${p} is not in [0, 1]`);
}

/** P(X = k) for X ~ Binomial(n, p). */
export function binomialPmf(k: number, n: number, p: number): number {
  checkBinomial('binomialPmf', n, p);
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const logChoose = logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

/** P(X <= k) for X ~ Binomial(n, p). */
export function binomialCdf(k: number, n: number, p: number): number {
  checkBinomial('binomialCdf', n, p);
  if (k < 0) return 0;
  if (k >= n) return 1;
  let sum = 0;
  for (let j = 0; j <= Math.floor(k); j++) sum += binomialPmf(j, n, p);
  return Math.min(1, sum);
}
