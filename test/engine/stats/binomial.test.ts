import { describe, expect, it } from 'vitest';
import { binomialCdf, binomialPmf } from '../../../src/engine/stats/binomial';

describe('binomial distribution', () => {
  it('pmf equals C(n,k) p^k (1-p)^(n-k) computed by hand', () => {
    // C(10, 3) = 120
    expect(binomialPmf(3, 10, 0.2)).toBeCloseTo(120 * 0.2 ** 3 * 0.8 ** 7, 15);
    expect(binomialPmf(0, 250, 0.01)).toBeCloseTo(0.99 ** 250, 15);
    expect(binomialPmf(11, 10, 0.2)).toBe(0);
    expect(binomialPmf(0, 5, 0)).toBe(1);
  });

  it('reproduces the Basel (1996) backtesting table for 250 days at 99% coverage', () => {
    // "Supervisory framework for the use of backtesting", Table 2: cumulative probability by exceptions.
    const published = [8.11, 28.58, 54.32, 75.81, 89.22, 95.88, 98.63, 99.6, 99.89, 99.97, 99.99];
    published.forEach((percent, k) => expect(binomialCdf(k, 250, 0.01) * 100).toBeCloseTo(percent, 2));
  });

  it('is 0 below zero, 1 at n and rejects a bad probability', () => {
    expect(binomialCdf(-1, 10, 0.3)).toBe(0);
    expect(binomialCdf(10, 10, 0.3)).toBe(1);
    expect(() => binomialCdf(2, 10, 1.5)).toThrow(/not in \[0, 1\]/);
  });
});
