import { describe, expect, it } from 'vitest';
import { erf, erfc, normalCdf, normalPdf, normalQuantile } from '../../../src/engine/stats/normal';

// Reference values computed with mpmath at 30 significant digits (ncdf, erfc, sqrt(2) erfinv(2p - 1)).
const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected);

describe('standard normal', () => {
  it('CDF matches high-precision values, including deep lower tail', () => {
    const cases: [number, number][] = [
      [0.3, 0.6179114221889527],
      [1, 0.8413447460685429],
      [2, 0.9772498680518208],
      [-1, 0.15865525393145705],
      [-5, 2.866515718791939e-7],
      [-10, 7.619853024160525e-24],
      [-20, 2.7536241186062337e-89],
      [5, 0.9999997133484281],
    ];
    // Phi's relative condition number in the tail is about x^2 (d ln Phi / dx ~ |x|), so rounding x / sqrt 2
    // alone costs ~x^2 ulp: the bound scales with it.
    for (const [x, p] of cases) expect(relativeError(normalCdf(x), p)).toBeLessThan(1e-15 * Math.max(10, x * x));
    expect(normalCdf(0)).toBe(0.5);
  });

  it('erfc keeps relative accuracy in the tail and erf is odd', () => {
    const cases: [number, number][] = [
      [0.2, 0.7772974107895215],
      [1.5, 0.033894853524689274],
      [3, 2.209049699858544e-5],
      [6, 2.1519736712498913e-17],
    ];
    for (const [x, v] of cases) expect(relativeError(erfc(x), v)).toBeLessThan(1e-14);
    expect(erf(-0.7)).toBe(-erf(0.7));
    expect(erfc(-1.5)).toBeCloseTo(2 - 0.033894853524689274, 15);
  });

  it('pdf is exp(-x^2/2)/sqrt(2 pi)', () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 16);
    expect(normalPdf(1.3)).toBeCloseTo(Math.exp(-0.845) / Math.sqrt(2 * Math.PI), 16);
  });

  it('quantile matches published percentage points to 1e-14 relative', () => {
    const cases: [number, number][] = [
      [0.975, 1.9599639845400543],
      [0.99, 2.326347874040841],
      [0.999, 3.0902323061678136],
      [0.01, -2.326347874040841],
      [0.3, -0.5244005127080408],
      [1e-10, -6.361340902404057],
    ];
    for (const [p, z] of cases) expect(relativeError(normalQuantile(p), z)).toBeLessThan(1e-14);
    expect(normalQuantile(0.5)).toBe(0);
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
  });

  it('quantile inverts the CDF across 300 orders of magnitude', () => {
    for (const p of [1e-300, 1e-100, 1e-30, 1e-12, 1e-5, 0.02, 0.07, 0.2, 0.45]) {
      expect(relativeError(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-12);
    }
  });

  it('rejects probabilities outside [0, 1]', () => {
    expect(() => normalQuantile(1.2)).toThrow(/not in \[0, 1\]/);
    expect(() => normalQuantile(Number.NaN)).toThrow(/not in \[0, 1\]/);
  });
});
