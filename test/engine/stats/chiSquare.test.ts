import { describe, expect, it } from 'vitest';
import {
  chiSquareCdf,
  chiSquareSurvival,
  logGamma,
  regularizedGammaP,
  regularizedGammaQ,
} from '../../../src/engine/stats/chiSquare';
import { erfc } from '../../../src/engine/stats/normal';

/** Q(m, y) for integer m: e^-y sum_{j<m} y^j / j! (Poisson tail identity), independent of the incomplete gamma code. */
function upperGammaInteger(m: number, y: number): number {
  let term = 1;
  let sum = 1;
  for (let j = 1; j < m; j++) {
    term *= y / j;
    sum += term;
  }
  return Math.exp(-y) * sum;
}

describe('logGamma', () => {
  it('matches factorials, sqrt(pi) and the half-integer closed form', () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(logGamma(n + 1)).toBeCloseTo(Math.log((factorial *= n)), 12);
    }
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    // Gamma(10.5) = (19!! / 2^10) sqrt(pi)
    let doubleFactorial = 1;
    for (let j = 19; j > 1; j -= 2) doubleFactorial *= j;
    expect(logGamma(10.5)).toBeCloseTo(Math.log((doubleFactorial / 1024) * Math.sqrt(Math.PI)), 12);
    expect(() => logGamma(0)).toThrow(/must be > 0/);
  });
});

describe('regularized incomplete gamma', () => {
  it('equals the Poisson-sum closed form for integer shape on both sides of the series/fraction split', () => {
    for (const [m, y] of [[1, 0.3], [3, 1.2], [5, 15], [5, 2], [12, 30], [40, 35]]) {
      const expected = upperGammaInteger(m, y);
      expect(Math.abs(regularizedGammaQ(m, y) - expected) / expected).toBeLessThan(1e-12);
      expect(regularizedGammaP(m, y)).toBeCloseTo(1 - expected, 13);
    }
  });

  it('matches mpmath for a non-integer shape', () => {
    // mpmath gammainc(3.5, 0, 2.7, regularized=True), gammainc(3.5, 9, inf, regularized=True)
    expect(regularizedGammaP(3.5, 2.7)).toBeCloseTo(0.3887284570604207, 14);
    expect(regularizedGammaQ(3.5, 9)).toBeCloseTo(0.011970002354029551, 15);
  });
});

describe('chi-square distribution', () => {
  it('1 and 2 degrees of freedom use the closed forms (published critical values)', () => {
    // Chi-square(1) 95% point 3.841458820694124 = 1.959963984540054^2; chi-square(2) 95% point = 2 ln 20.
    expect(chiSquareSurvival(3.841458820694124, 1)).toBeCloseTo(0.05, 13);
    expect(chiSquareSurvival(2 * Math.log(20), 2)).toBeCloseTo(0.05, 15);
    expect(chiSquareCdf(1, 1)).toBeCloseTo(0.6826894921370859, 14); // P(|Z| <= 1)
    expect(chiSquareCdf(3, 2)).toBeCloseTo(1 - Math.exp(-1.5), 15);
  });

  it('general k agrees with independent closed forms (k = 3 odd, k = 4 and 10 even)', () => {
    const x = 7.3;
    // k = 3: Q = erfc(sqrt(x/2)) + sqrt(2x/pi) e^{-x/2}
    expect(chiSquareSurvival(x, 3)).toBeCloseTo(erfc(Math.sqrt(x / 2)) + Math.sqrt((2 * x) / Math.PI) * Math.exp(-x / 2), 14);
    expect(chiSquareSurvival(x, 4)).toBeCloseTo(Math.exp(-x / 2) * (1 + x / 2), 14);
    expect(chiSquareSurvival(30, 10)).toBeCloseTo(upperGammaInteger(5, 15), 15);
    expect(chiSquareCdf(30, 10) + chiSquareSurvival(30, 10)).toBeCloseTo(1, 15);
  });

  it('small p-values keep relative accuracy (no 1 - cdf cancellation)', () => {
    const x = 80;
    expect(Math.abs(chiSquareSurvival(x, 2) - Math.exp(-40)) / Math.exp(-40)).toBeLessThan(1e-13);
    expect(Math.abs(chiSquareSurvival(x, 4) - Math.exp(-40) * 41) / (Math.exp(-40) * 41)).toBeLessThan(1e-12);
    expect(chiSquareSurvival(0, 1)).toBe(1);
    expect(() => chiSquareCdf(1, 0)).toThrow(/degrees of freedom/);
  });
});
