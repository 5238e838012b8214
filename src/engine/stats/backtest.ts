/**
 * VaR backtest statistics on a breach (exception) series.
 *
 * - Kupiec (1995) proportion of failures: with n days, x breaches, expected rate p = 1 - coverage,
 *   LR_pof = -2 ln[(1-p)^(n-x) p^x] + 2 ln[(1-x/n)^(n-x) (x/n)^x] ~ chi2(1).
 * - Christoffersen (1998) independence: transition counts n_ij (state i yesterday -> j today over the n-1 pairs),
 *   pi01 = n01/(n00+n01), pi11 = n11/(n10+n11), pi = (n01+n11)/(n-1),
 *   LR_ind = -2 ln[(1-pi)^(n00+n10) pi^(n01+n11)] + 2 ln[(1-pi01)^n00 pi01^n01 (1-pi11)^n10 pi11^n11] ~ chi2(1),
 *   and conditional coverage LR_cc = LR_pof + LR_ind ~ chi2(2), LR_pof taken over all n days.
 *   0 ln 0 = 0 throughout, so zero breaches, all breaches or no breach before the last day are handled.
 * - Basel Committee (1996) traffic light: with X ~ Binomial(n, 1 - coverage), x breaches are green if
 *   P(X <= x) < 0.95, yellow if < 0.9999, red otherwise (250 days at 99%: green 0-4, yellow 5-9, red 10+).
 */
import { binomialPmf } from './binomial';
import { chiSquareSurvival } from './chiSquare';

/** x ln y with 0 ln(anything) = 0. */
const xLogY = (x: number, y: number) => (x === 0 ? 0 : x * Math.log(y));

function checkCoverage(name: string, coverage: number): void {
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`${name}: coverage ${coverage} must be in (0, 1)`);
}

export interface LikelihoodRatio {
  lr: number;
  pValue: number;
}

export function kupiecPof(observations: number, breaches: number, coverage: number): LikelihoodRatio {
  checkCoverage('kupiecPof', coverage);
  if (!Number.isInteger(observations) || observations < 1) throw new RangeError(`kupiecPof: observations ${observations} must be an integer >= 1`);
  if (!Number.isInteger(breaches) || breaches < 0 || breaches > observations) {
    throw new RangeError(`kupiecPof: breaches ${breaches} must be an integer in [0, ${observations}]`);
  }
  const p = 1 - coverage;
  const rate = breaches / observations;
  const ok = observations - breaches;
  const lr = Math.max(0, -2 * (xLogY(ok, 1 - p) + xLogY(breaches, p)) + 2 * (xLogY(ok, 1 - rate) + xLogY(breaches, rate)));
  return { lr, pValue: chiSquareSurvival(lr, 1) };
}

export interface ChristoffersenResult {
  n00: number;
  n01: number;
  n10: number;
  n11: number;
  pof: LikelihoodRatio;
  independence: LikelihoodRatio;
  /** LR_cc = LR_pof + LR_ind with 2 degrees of freedom. */
  conditionalCoverage: LikelihoodRatio;
}

/** Breach series: truthy (or 1) on a day the loss exceeded VaR. */
export function christoffersen(breaches: ArrayLike<boolean | number>, coverage: number): ChristoffersenResult {
  checkCoverage('christoffersen', coverage);
  const n = breaches.length;
  if (n < 2) throw new RangeError(`christoffersen: need at least 2 days, got ${n}`);
  const counts = [0, 0, 0, 0]; // n00, n01, n10, n11
  let total = breaches[0] ? 1 : 0;
  for (let t = 1; t < n; t++) {
    const today = breaches[t] ? 1 : 0;
    counts[(breaches[t - 1] ? 2 : 0) + today]++;
    total += today;
  }
  const [n00, n01, n10, n11] = counts;
  const pi01 = n01 / (n00 + n01);
  const pi11 = n11 / (n10 + n11);
  const pi = (n01 + n11) / (n - 1);
  const restricted = xLogY(n00 + n10, 1 - pi) + xLogY(n01 + n11, pi);
  const unrestricted = xLogY(n00, 1 - pi01) + xLogY(n01, pi01) + xLogY(n10, 1 - pi11) + xLogY(n11, pi11);
  const lrInd = Math.max(0, -2 * (restricted - unrestricted));
  const pof = kupiecPof(n, total, coverage);
  const lrCc = pof.lr + lrInd;
  return {
    n00,
    n01,
    n10,
    n11,
    pof,
    independence: { lr: lrInd, pValue: chiSquareSurvival(lrInd, 1) },
    conditionalCoverage: { lr: lrCc, pValue: chiSquareSurvival(lrCc, 2) },
  };
}

export type TrafficLightZone = 'green' | 'yellow' | 'red';

export interface TrafficLightThresholds {
  /** Fewest breaches in the yellow zone. */
  yellowFrom: number;
  /** Fewest breaches in the red zone. */
  redFrom: number;
}

/** Zone boundaries for n days at the given coverage from the binomial CDF. */
export function trafficLightThresholds(observations: number, coverage: number): TrafficLightThresholds {
  checkCoverage('trafficLightThresholds', coverage);
  if (!Number.isInteger(observations) || observations < 1) throw new RangeError(`trafficLightThresholds: observations ${observations} must be an integer >= 1`);
  const p = 1 - coverage;
  let cdf = 0;
  let yellowFrom = observations + 1;
  for (let x = 0; x <= observations; x++) {
    cdf += binomialPmf(x, observations, p);
    if (yellowFrom > observations && cdf >= 0.95) yellowFrom = x;
    if (cdf >= 0.9999) return { yellowFrom, redFrom: x };
  }
  return { yellowFrom, redFrom: observations + 1 };
}

export function trafficLightZone(observations: number, breaches: number, coverage: number): TrafficLightZone {
  const { yellowFrom, redFrom } = trafficLightThresholds(observations, coverage);
  return breaches >= redFrom ? 'red' : breaches >= yellowFrom ? 'yellow' : 'green';
}
