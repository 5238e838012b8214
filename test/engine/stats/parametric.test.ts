import { describe, expect, it } from 'vitest';
import {
  cornishFisherQuantile,
  cornishFisherVar,
  deltaGammaMoments,
  deltaGammaVar,
  deltaNormalRisk,
} from '../../../src/engine/stats/parametric';
import { Random } from '../../../src/engine/stats/random';

const Z99 = 2.326347874040841; // published 99% standard normal quantile

describe('delta-normal', () => {
  it('VaR = sigma z, ES = sigma phi(z) / (1 - a), shifted by the mean', () => {
    const { var: v, es } = deltaNormalRisk(1e6, 0.99);
    expect(v).toBeCloseTo(1e6 * Z99, 6);
    expect(es).toBeCloseTo((1e6 * Math.exp(-0.5 * Z99 * Z99)) / Math.sqrt(2 * Math.PI) / 0.01, 6);
    expect(es / 1e6).toBeCloseTo(2.665214220345804, 12); // scipy norm.pdf(z) / 0.01
    const shifted = deltaNormalRisk(2, 0.99, 0.5);
    expect(shifted.var).toBeCloseTo(2 * Z99 - 0.5, 12);
  });
});

describe('Cornish-Fisher', () => {
  it('is the normal quantile with zero skew and kurtosis', () => {
    expect(cornishFisherQuantile(-Z99, 0, 0)).toBe(-Z99);
    expect(cornishFisherVar({ mean: 0, variance: 4, skewness: 0, excessKurtosis: 0 }, 0.99)).toBeCloseTo(2 * Z99, 12);
  });

  it('approximates the 99% quantile of a chi-square(50) loss (true 76.1539, scipy chi2.ppf)', () => {
    // P&L = -X, X ~ chi2(50): mean -50, variance 100, skewness -sqrt(8/50), excess kurtosis 12/50.
    const v = cornishFisherVar({ mean: -50, variance: 100, skewness: -Math.sqrt(8 / 50), excessKurtosis: 12 / 50 }, 0.99);
    expect(Math.abs(v - 76.1538912490127)).toBeLessThan(0.05);
    expect(Math.abs(v - (50 + 10 * Z99))).toBeGreaterThan(2); // the adjustment matters: normal VaR is 73.26
  });
});

/** E[x^m] for x ~ N(0, s^2): (m-1)!! s^m for even m, 0 for odd. */
function gaussianMoment(m: number, s: number): number {
  if (m % 2 === 1) return 0;
  let doubleFactorial = 1;
  for (let j = m - 1; j > 1; j -= 2) doubleFactorial *= j;
  return doubleFactorial * s ** m;
}

/** Mean, central moments 2-4 of Q = d x + g x^2 / 2 by expanding E[Q^k] binomially over Gaussian moments. */
function oneDimensionalMoments(d: number, g: number, s: number) {
  const choose = (k: number, j: number) => {
    let c = 1;
    for (let i = 1; i <= j; i++) c = (c * (k - j + i)) / i;
    return c;
  };
  const raw = [1];
  for (let k = 1; k <= 4; k++) {
    let sum = 0;
    for (let j = 0; j <= k; j++) {
      const c = choose(k, j);
      sum += c * d ** j * (g / 2) ** (k - j) * gaussianMoment(j + 2 * (k - j), s);
    }
    raw.push(sum);
  }
  const mu = raw[1];
  const m2 = raw[2] - mu * mu;
  const m3 = raw[3] - 3 * mu * raw[2] + 2 * mu ** 3;
  const m4 = raw[4] - 4 * mu * raw[3] + 6 * mu * mu * raw[2] - 3 * mu ** 4;
  return { mean: mu, variance: m2, skewness: m3 / m2 ** 1.5, excessKurtosis: m4 / (m2 * m2) - 3 };
}

describe('delta-gamma moments', () => {
  it('pure gamma in 1-D is a scaled chi-square(1): skew sqrt 8, excess kurtosis 12', () => {
    const m = deltaGammaMoments(Float64Array.of(0), Float64Array.of(2), Float64Array.of(0.04));
    expect(m.mean).toBeCloseTo(0.04, 15); // g s^2 / 2
    expect(m.variance).toBeCloseTo(0.5 * 4 * 0.04 ** 2, 15); // g^2 s^4 / 2
    expect(m.skewness).toBeCloseTo(Math.sqrt(8), 12);
    expect(m.excessKurtosis).toBeCloseTo(12, 11);
  });

  it('1-D delta plus gamma matches moments expanded from Gaussian raw moments', () => {
    for (const [d, g, s] of [[1.5, -3, 0.2], [-0.7, 10, 0.05], [2, 0.5, 1]]) {
      const expected = oneDimensionalMoments(d, g, s);
      const m = deltaGammaMoments(Float64Array.of(d), Float64Array.of(g), Float64Array.of(s * s));
      expect(m.mean).toBeCloseTo(expected.mean, 12);
      expect(m.variance / expected.variance).toBeCloseTo(1, 12);
      expect(m.skewness).toBeCloseTo(expected.skewness, 10);
      expect(m.excessKurtosis).toBeCloseTo(expected.excessKurtosis, 9);
    }
  });

  it('2-D correlated case agrees with a seeded Monte Carlo', () => {
    const delta = Float64Array.of(1, -2);
    const gamma = Float64Array.of(4, -1, -1, 6);
    const cov = Float64Array.of(0.04, 0.018, 0.018, 0.09); // sd 0.2 and 0.3, correlation 0.3
    const m = deltaGammaMoments(delta, gamma, cov);
    const l11 = 0.2;
    const l21 = 0.018 / 0.2;
    const l22 = Math.sqrt(0.09 - l21 * l21);
    const rng = Random.seeded(31);
    const n = 400_000;
    const q = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const a = rng.normal();
      const b = rng.normal();
      const x = l11 * a;
      const y = l21 * a + l22 * b;
      q[i] = delta[0] * x + delta[1] * y + 0.5 * (4 * x * x - 2 * x * y + 6 * y * y);
    }
    const mean = q.reduce((s, v) => s + v, 0) / n;
    let m2 = 0;
    let m3 = 0;
    for (const v of q) {
      m2 += (v - mean) ** 2;
      m3 += (v - mean) ** 3;
    }
    m2 /= n;
    m3 /= n;
    expect(Math.abs(m.mean - mean)).toBeLessThan(5 * Math.sqrt(m.variance / n));
    expect(m2 / m.variance).toBeCloseTo(1, 2);
    expect(Math.abs(m3 / m2 ** 1.5 - m.skewness)).toBeLessThan(0.05);
  });

  it('delta-gamma VaR with zero gamma is delta-normal VaR', () => {
    const cov = Float64Array.of(0.04, 0.018, 0.018, 0.09);
    const delta = Float64Array.of(1, -2);
    const sd = Math.sqrt(0.04 - 4 * 0.018 + 4 * 0.09);
    expect(deltaGammaVar(delta, new Float64Array(4), cov, 0.99)).toBeCloseTo(deltaNormalRisk(sd, 0.99).var, 12);
    expect(() => deltaGammaMoments(delta, new Float64Array(3), cov)).toThrow(/2 x 2/);
  });
});
