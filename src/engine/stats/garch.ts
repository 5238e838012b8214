/**
 * GARCH(1,1) (Bollerslev, J. Econometrics 31 (1986)) for zero-mean returns:
 *   h_t = omega + alpha r_{t-1}^2 + beta h_{t-1},   omega > 0, alpha >= 0, beta >= 0, alpha + beta < 1.
 * h_t is the variance of r_t given returns before t (same timing as ewma.ts); h_0 = the sample mean of r^2
 * unless given. Fit: Gaussian quasi-maximum likelihood (Bollerslev and Wooldridge 1992),
 *   log L = -1/2 sum_t [ln(2 pi) + ln h_t + r_t^2 / h_t],
 * maximised by Nelder-Mead over unconstrained parameters: omega = exp(u0), persistence alpha + beta =
 * MAX_PERSISTENCE * logistic(u1), alpha = persistence * logistic(u2), which enforces positivity and stationarity.
 */
import { nelderMead } from './nelderMead';
import type { VariancePath } from './ewma';
import { assertFiniteArray } from './validate';

export interface Garch11Params {
  omega: number;
  alpha: number;
  beta: number;
}

export interface Garch11Fit extends Garch11Params, VariancePath {
  logLikelihood: number;
  /** alpha + beta. */
  persistence: number;
  /** omega / (1 - alpha - beta). */
  longRunVariance: number;
  converged: boolean;
  evaluations: number;
}

/** Upper bound on alpha + beta inside the fit, keeping the fitted process strictly stationary. */
export const MAX_PERSISTENCE = 0.9999;

const LOG_2PI = Math.log(2 * Math.PI);

function meanSquare(returns: Float64Array): number {
  let s = 0;
  for (let t = 0; t < returns.length; t++) s += returns[t] * returns[t];
  return s / returns.length;
}

function checkReturns(name: string, returns: Float64Array, minimum: number): void {
  if (returns.length < minimum) throw new RangeError(`${name}: need at least ${minimum} returns, got ${returns.length}`);
  assertFiniteArray(name, returns, 'returns');
}

/** Conditional variance path h_0..h_{n-1} and the forecast h_n for given parameters. */
export function garchVariance(returns: Float64Array, params: Garch11Params, initialVariance?: number): VariancePath {
  checkReturns('garchVariance', returns, 1);
  const { omega, alpha, beta } = params;
  if (!(omega > 0 && alpha >= 0 && beta >= 0)) {
    throw new RangeError(`garchVariance: parameters omega=${omega}, alpha=${alpha}, beta=${beta} need omega > 0, alpha >= 0, beta >= 0`);
  }
  const variance = new Float64Array(returns.length);
  let h = initialVariance ?? meanSquare(returns);
  for (let t = 0; t < returns.length; t++) {
    variance[t] = h;
    h = omega + alpha * returns[t] * returns[t] + beta * h;
  }
  return { variance, forecast: h };
}

/** Gaussian log-likelihood of the returns under the parameters (allocation free). */
export function garchLogLikelihood(returns: Float64Array, params: Garch11Params, initialVariance?: number): number {
  const { omega, alpha, beta } = params;
  let h = initialVariance ?? meanSquare(returns);
  let sum = 0;
  for (let t = 0; t < returns.length; t++) {
    const r2 = returns[t] * returns[t];
    sum += Math.log(h) + r2 / h;
    h = omega + alpha * r2 + beta * h;
  }
  return -0.5 * (returns.length * LOG_2PI + sum);
}

const logistic = (u: number) => 1 / (1 + Math.exp(-u));
const logit = (p: number) => Math.log(p / (1 - p));

function toParams(u: Float64Array): Garch11Params {
  const persistence = MAX_PERSISTENCE * logistic(u[1]);
  const alpha = persistence * logistic(u[2]);
  return { omega: Math.exp(u[0]), alpha, beta: persistence - alpha };
}

/**
 * QMLE fit. Starts from alpha = 0.08, beta = 0.90 with omega matching the sample variance, then restarts the
 * simplex at its own optimum until the likelihood stops improving (guards against early simplex collapse).
 */
export function fitGarch11(returns: Float64Array): Garch11Fit {
  checkReturns('fitGarch11', returns, 20);
  const h0 = meanSquare(returns);
  if (!(h0 > 0)) throw new RangeError('fitGarch11: all returns are zero');
  const startAlpha = 0.08;
  const startPersistence = 0.98;
  let u: Float64Array = Float64Array.from([
    Math.log(h0 * (1 - startPersistence)),
    logit(startPersistence / MAX_PERSISTENCE),
    logit(startAlpha / startPersistence),
  ]);
  const objective = (x: Float64Array) => -garchLogLikelihood(returns, toParams(x), h0);
  let best = Infinity;
  let evaluations = 0;
  let converged = false;
  for (let restart = 0; restart < 5; restart++) {
    const result = nelderMead(objective, u, { step: 0.5, tolerance: 1e-12 });
    evaluations += result.evaluations;
    converged = result.converged;
    u = result.x;
    const improved = best - result.value;
    best = Math.min(best, result.value);
    if (improved < 1e-9) break;
  }
  const params = toParams(u);
  const persistence = params.alpha + params.beta;
  return {
    ...params,
    ...garchVariance(returns, params, h0),
    logLikelihood: -best,
    persistence,
    longRunVariance: params.omega / (1 - persistence),
    converged,
    evaluations,
  };
}
