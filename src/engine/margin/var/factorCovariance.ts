import type { CloseHistory } from '../../backtest/history';
import { sampleCovariance } from '../../stats/covariance';
import { ewmaCovariance } from '../../stats/ewma';
import { factorWindow, type FactorWindow } from './riskFactors';
import type { VarSpec } from './spec';

/**
 * Covariance of the risk factors over the MPOR for the parametric and Monte Carlo methods. Factors are the daily
 * log returns of each underlying and, for underlyings with a full implied-vol series, the daily log change of that
 * vol. The daily covariance (EWMA forecast or sample) is scaled to the MPOR by h (square root of time, zero drift).
 */
export interface FactorCovariance {
  /** Factor names: the underlyings, then '<underlying> vol' for each vol factor. */
  names: string[];
  /** volFactor[u]: index of underlying u's vol factor, -1 when its vol follows the spot-vol beta. */
  volFactor: Int32Array;
  /** MPOR covariance, F x F row-major. */
  cov: Float64Array;
  window: FactorWindow;
  description: string;
}

export function mporCovariance(history: CloseHistory, underlyings: string[], spec: VarSpec): FactorCovariance {
  const w = factorWindow(history, underlyings, spec.lookbackDays + 1);
  const U = underlyings.length;
  const volFactor = new Int32Array(U).fill(-1);
  const names = [...underlyings];
  underlyings.forEach((name, u) => {
    if (w.hasVolSeries[u]) volFactor[u] = names.push(`${name} vol`) - 1;
  });
  const F = names.length;
  const T = w.dates.length - 1;
  if (T < 2) throw new RangeError(`VaR ${spec.method}: ${w.dates.length} aligned closes of ${underlyings.join(', ')}; need at least 3 for a covariance`);
  const panel = new Float64Array(T * F);
  for (let t = 0; t < T; t++) {
    for (let u = 0; u < U; u++) {
      panel[t * F + u] = Math.log(w.closes[(t + 1) * U + u] / w.closes[t * U + u]);
      if (volFactor[u] >= 0) panel[t * F + volFactor[u]] = Math.log(w.vols[(t + 1) * U + u] / w.vols[t * U + u]);
    }
  }
  const daily = spec.covariance === 'ewma' ? ewmaCovariance(panel, F, { lambda: spec.ewmaLambda }) : sampleCovariance(panel, F);
  const cov = daily.map((c) => c * spec.mporDays);
  const estimator = spec.covariance === 'ewma' ? `EWMA (lambda ${spec.ewmaLambda}) forecast` : 'sample (demeaned, n-1)';
  return {
    names,
    volFactor,
    cov,
    window: w,
    description: `${estimator} covariance of ${T} daily factor returns (${names.join(', ')}) over ${w.dates[0]}..${w.dates[T]}, scaled by the ${spec.mporDays}-day MPOR (square root of time).`,
  };
}
