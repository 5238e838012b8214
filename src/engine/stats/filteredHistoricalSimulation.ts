/**
 * Filtered historical simulation (Barone-Adesi, Giannopoulos and Vosper, "VaR without correlations for portfolios
 * of derivative securities", J. Futures Markets 19 (1999); the Eurex Prisma method): each historical return is
 * divided by the conditional volatility of its own day and multiplied by today's,
 *   r*_t = r_t * sigma_today / sigma_t,
 * so old quiet periods are scaled up to current conditions and vice versa. sigma_t is the conditional volatility
 * of r_t (sqrt of `variance[t]` from ewmaVariance or garchVariance), sigma_today the forecast for tomorrow
 * (sqrt of `forecast`). An optional stressed floor replaces sigma_today by max(sigma_today, floor), e.g. a volatility
 * observed in a stressed period, so scenarios never shrink below stressed conditions (anti-procyclicality).
 */
import { assertFiniteArray } from './validate';

function checkVolatilities(name: string, returns: Float64Array, sigma: Float64Array): void {
  if (sigma.length !== returns.length) throw new RangeError(`${name}: ${sigma.length} volatilities for ${returns.length} returns`);
  assertFiniteArray(name, returns, 'returns');
  for (let t = 0; t < sigma.length; t++) {
    if (!(sigma[t] > 0 && Number.isFinite(sigma[t]))) throw new RangeError(`${name}: sigma[${t}] = ${sigma[t]} is not a positive volatility`);
  }
}

/** Standardised residuals z_t = r_t / sigma_t. */
export function devolatilise(returns: Float64Array, sigma: Float64Array): Float64Array {
  checkVolatilities('devolatilise', returns, sigma);
  const z = new Float64Array(returns.length);
  for (let t = 0; t < z.length; t++) z[t] = returns[t] / sigma[t];
  return z;
}

/** r*_t = z_t * sigma_today. */
export function revolatilise(standardised: Float64Array, sigmaToday: number): Float64Array {
  if (!(sigmaToday > 0 && Number.isFinite(sigmaToday))) throw new RangeError(`revolatilise: sigmaToday ${sigmaToday} is not a positive volatility`);
  const out = new Float64Array(standardised.length);
  for (let t = 0; t < out.length; t++) out[t] = standardised[t] * sigmaToday;
  return out;
}

/** r*_t = r_t * max(sigma_today, stressedFloor) / sigma_t. */
export function filteredHistoricalReturns(
  returns: Float64Array,
  sigma: Float64Array,
  sigmaToday: number,
  stressedFloor = 0,
): Float64Array {
  if (!(stressedFloor >= 0 && Number.isFinite(stressedFloor))) throw new RangeError(`filteredHistoricalReturns: stressedFloor ${stressedFloor} must be >= 0`);
  return revolatilise(devolatilise(returns, sigma), Math.max(sigmaToday, stressedFloor));
}
