/**
 * Parametric VaR/ES on P&L (same sign convention as tailRisk.ts: VaR and ES are positive losses).
 *
 * - Delta-normal: P&L ~ N(mu, sigma^2): VaR = -mu + sigma z_a, ES = -mu + sigma phi(z_a) / (1 - a), z_a = Phi^-1(a).
 * - Cornish-Fisher (Cornish and Fisher 1937; Zangari, RiskMetrics Monitor Q4 1996): the standardised quantile
 *   z + (z^2 - 1) S/6 + (z^3 - 3z) K/24 - (2z^3 - 5z) S^2/36 for skewness S and excess kurtosis K.
 * - Delta-gamma moments of Q = d'x + x'Gx/2 with x ~ N(0, C) (Mina and Ulmer, "Delta-gamma four ways", RiskMetrics
 *   1999; Britten-Jones and Schaefer, Review of Finance 3 (1999)): cumulants
 *   k1 = tr(GC)/2, k2 = d'Cd + tr((GC)^2)/2, k3 = 3 d'CGCd + tr((GC)^3), k4 = 12 d'C(GC)^2 d + 3 tr((GC)^4),
 *   i.e. k_r = (r-1)!/2 tr((GC)^r) + r!/2 d'C(GC)^(r-2)d for r >= 2.
 */
import { normalPdf, normalQuantile } from './normal';

function checkConfidence(name: string, alpha: number): void {
  if (!(alpha > 0 && alpha < 1)) throw new RangeError(`${name}: confidence ${alpha} must be in (0, 1)`);
}

export interface ParametricRisk {
  var: number;
  es: number;
}

/** VaR and ES of a normal P&L with mean `mean` and standard deviation `sd`. */
export function deltaNormalRisk(sd: number, alpha: number, mean = 0): ParametricRisk {
  checkConfidence('deltaNormalRisk', alpha);
  if (!(sd >= 0 && Number.isFinite(sd))) throw new RangeError(`deltaNormalRisk: standard deviation ${sd} must be finite and >= 0`);
  const z = normalQuantile(alpha);
  return { var: -mean + sd * z, es: -mean + (sd * normalPdf(z)) / (1 - alpha) };
}

/** Cornish-Fisher adjusted standard quantile for skewness `skew` and excess kurtosis `excessKurtosis`. */
export function cornishFisherQuantile(z: number, skew: number, excessKurtosis: number): number {
  const z2 = z * z;
  return (
    z + ((z2 - 1) * skew) / 6 + ((z2 * z - 3 * z) * excessKurtosis) / 24 - ((2 * z2 * z - 5 * z) * skew * skew) / 36
  );
}

export interface Moments {
  mean: number;
  variance: number;
  skewness: number;
  excessKurtosis: number;
}

/** VaR of a P&L with the given moments: minus its Cornish-Fisher (1 - alpha) quantile. */
export function cornishFisherVar(moments: Moments, alpha: number): number {
  checkConfidence('cornishFisherVar', alpha);
  const z = cornishFisherQuantile(normalQuantile(1 - alpha), moments.skewness, moments.excessKurtosis);
  return -(moments.mean + Math.sqrt(moments.variance) * z);
}

/** C = A B for n x n row-major matrices. */
function multiply(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const c = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) c[i * n + j] += aik * b[k * n + j];
    }
  }
  return c;
}

const trace = (a: Float64Array, n: number) => {
  let t = 0;
  for (let i = 0; i < n; i++) t += a[i * n + i];
  return t;
};

/** u' M v. */
function bilinear(u: Float64Array, m: Float64Array, v: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += m[i * n + j] * v[j];
    s += u[i] * row;
  }
  return s;
}

/**
 * Mean, variance, skewness and excess kurtosis of Q = delta'x + x'Gamma x / 2 for x ~ N(0, cov): delta (n),
 * gamma and cov (n x n, row-major, symmetric). Units: P&L per unit of the factor x (e.g. USD per log-return).
 */
export function deltaGammaMoments(delta: Float64Array, gamma: Float64Array, cov: Float64Array): Moments {
  const n = delta.length;
  if (gamma.length !== n * n || cov.length !== n * n) {
    throw new RangeError(`deltaGammaMoments: ${n} deltas need ${n} x ${n} gamma and covariance, got lengths ${gamma.length} and ${cov.length}`);
  }
  const gc = multiply(gamma, cov, n);
  const gc2 = multiply(gc, gc, n);
  const gc3 = multiply(gc2, gc, n);
  const gc4 = multiply(gc2, gc2, n);
  const covDelta = new Float64Array(n); // C d
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) covDelta[i] += cov[i * n + j] * delta[j];
  const k1 = trace(gc, n) / 2;
  const k2 = bilinear(delta, cov, delta, n) + trace(gc2, n) / 2;
  const k3 = 3 * bilinear(covDelta, gamma, covDelta, n) + trace(gc3, n);
  // d'C (GC)^2 d = (Cd)' G C G (Cd)
  const k4 = 12 * bilinear(covDelta, multiply(gc, gamma, n), covDelta, n) + 3 * trace(gc4, n);
  if (!(k2 > 0)) return { mean: k1, variance: 0, skewness: 0, excessKurtosis: 0 };
  return { mean: k1, variance: k2, skewness: k3 / k2 ** 1.5, excessKurtosis: k4 / (k2 * k2) };
}

/** Delta-gamma VaR: Cornish-Fisher applied to the delta-gamma moments. */
export function deltaGammaVar(delta: Float64Array, gamma: Float64Array, cov: Float64Array, alpha: number): number {
  return cornishFisherVar(deltaGammaMoments(delta, gamma, cov), alpha);
}
