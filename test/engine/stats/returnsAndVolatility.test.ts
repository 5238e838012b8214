import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { logReturns, overlappingLogReturns } from '../../../src/engine/stats/returns';
import { ewmaCovariance, ewmaVariance } from '../../../src/engine/stats/ewma';
import { covarianceToCorrelation, sampleCorrelation, sampleCovariance } from '../../../src/engine/stats/covariance';
import {
  devolatilise,
  filteredHistoricalReturns,
  revolatilise,
} from '../../../src/engine/stats/filteredHistoricalSimulation';
import { sharedDataAvailable, sharedFile } from '../../support/sharedData';

describe('returns', () => {
  it('log and overlapping h-day log returns by hand', () => {
    const prices = [100, 110, 99, 120];
    expect(Array.from(logReturns(prices))).toEqual([Math.log(1.1), Math.log(0.9), Math.log(120 / 99)]);
    const two = overlappingLogReturns(prices, 2);
    expect(two.length).toBe(2);
    expect(two[0]).toBeCloseTo(Math.log(0.99), 15);
    expect(two[1]).toBeCloseTo(Math.log(120 / 110), 15);
    expect(overlappingLogReturns(prices, 4).length).toBe(0);
  });

  it('names the series and index of a bad price', () => {
    expect(() => logReturns([1, 2, 0, 3], 'btc close')).toThrow(/btc close\[2\] = 0 is not a positive finite price/);
    expect(() => overlappingLogReturns([1, 2], 0)).toThrow(/horizon/);
  });
});

describe('EWMA variance (RiskMetrics)', () => {
  it('follows the recursion with the documented timing and explicit seed', () => {
    const r = Float64Array.from([0.01, -0.02, 0.03]);
    const { variance, forecast } = ewmaVariance(r, { lambda: 0.94, seedVariance: 1e-4 });
    // sigma2_0 = seed; sigma2_1 = 0.94e-4 + 0.06 * 1e-4; sigma2_2 = 0.94 sigma2_1 + 0.06 * 4e-4; forecast adds 9e-4.
    const s1 = 0.94 * 1e-4 + 0.06 * 1e-4;
    const s2 = 0.94 * s1 + 0.06 * 4e-4;
    expect(variance[0]).toBe(1e-4);
    expect(variance[1]).toBeCloseTo(s1, 18);
    expect(variance[2]).toBeCloseTo(s2, 18);
    expect(forecast).toBeCloseTo(0.94 * s2 + 0.06 * 9e-4, 18);
  });

  it('default seed is the mean square of the first seedWindow returns', () => {
    const r = Float64Array.from([0.02, -0.04, 0.01, 0.05]);
    expect(ewmaVariance(r, { lambda: 0.97, seedWindow: 2 }).variance[0]).toBeCloseTo((4e-4 + 16e-4) / 2, 18);
    expect(ewmaVariance(r, { lambda: 0.97 }).variance[0]).toBeCloseTo((4e-4 + 16e-4 + 1e-4 + 25e-4) / 4, 18);
    expect(() => ewmaVariance(r, { lambda: 1 })).toThrow(/lambda/);
    expect(() => ewmaVariance(Float64Array.from([0.1, Number.NaN]), { lambda: 0.94 })).toThrow(/returns\[1\]/);
  });

  it('forecast equals the closed-form weighted sum lambda^n seed + (1-lambda) sum lambda^(n-1-t) r_t^2', () => {
    const r = Float64Array.from({ length: 50 }, (_, t) => 0.01 * Math.sin(t + 1));
    const lambda = 0.94;
    let expected = lambda ** 50 * 2e-4;
    for (let t = 0; t < 50; t++) expected += (1 - lambda) * lambda ** (49 - t) * r[t] ** 2;
    expect(ewmaVariance(r, { lambda, seedVariance: 2e-4 }).forecast).toBeCloseTo(expected, 17);
  });

  it('EWMA covariance diagonal equals the univariate EWMA and the off-diagonal follows r_i r_j', () => {
    const panel = Float64Array.from([0.01, 0.02, -0.03, -0.01, 0.02, 0.04, 0.005, -0.02]); // 4 rows x 2 assets
    const cov = ewmaCovariance(panel, 2, { lambda: 0.94, seedWindow: 2 });
    const a = Float64Array.from([0.01, -0.03, 0.02, 0.005]);
    const b = Float64Array.from([0.02, -0.01, 0.04, -0.02]);
    expect(cov[0]).toBeCloseTo(ewmaVariance(a, { lambda: 0.94, seedWindow: 2 }).forecast, 18);
    expect(cov[3]).toBeCloseTo(ewmaVariance(b, { lambda: 0.94, seedWindow: 2 }).forecast, 18);
    let c = (a[0] * b[0] + a[1] * b[1]) / 2;
    for (let t = 0; t < 4; t++) c = 0.94 * c + 0.06 * a[t] * b[t];
    expect(cov[1]).toBeCloseTo(c, 18);
    expect(cov[2]).toBe(cov[1]);
    expect(() => ewmaCovariance(panel, 3, { lambda: 0.94 })).toThrow(/not a multiple of 3/);
  });
});

describe('sample covariance and correlation', () => {
  it('matches a hand computation', () => {
    // x = 1,2,3,4 ; y = 2,4,5,9: mean 2.5 and 5; cov = [(−1.5)(−3)+(−.5)(−1)+(.5)(0)+(1.5)(4)]/3 = 11/3
    const panel = Float64Array.from([1, 2, 2, 4, 3, 5, 4, 9]);
    const cov = sampleCovariance(panel, 2);
    expect(cov[0]).toBeCloseTo(5 / 3, 15);
    expect(cov[1]).toBeCloseTo(11 / 3, 15);
    expect(cov[3]).toBeCloseTo(26 / 3, 15); // deviations −3, −1, 0, 4
    const corr = sampleCorrelation(panel, 2);
    expect(corr[0]).toBe(1);
    expect(corr[1]).toBeCloseTo(11 / Math.sqrt(5 * 26), 15);
    expect(() => covarianceToCorrelation(Float64Array.from([0, 0, 0, 1]), 2)).toThrow(/asset 0/);
  });
});

describe('filtered historical simulation', () => {
  it('scales each return by sigma_today / sigma_t, with the stressed floor', () => {
    const r = Float64Array.from([0.02, -0.06, 0.01]);
    const sigma = Float64Array.from([0.01, 0.03, 0.02]);
    expect(Array.from(devolatilise(r, sigma))).toEqual([2, -2, 0.5]);
    expect(Array.from(revolatilise(Float64Array.from([2, -2, 0.5]), 0.04))).toEqual([0.08, -0.08, 0.02]);
    const scaled = filteredHistoricalReturns(r, sigma, 0.015);
    expect(scaled[0]).toBeCloseTo(0.03, 16);
    const floored = filteredHistoricalReturns(r, sigma, 0.015, 0.025);
    expect(floored[1]).toBeCloseTo(-0.05, 16); // -2 x max(0.015, 0.025)
    expect(() => devolatilise(r, Float64Array.from([0.01, 0, 0.02]))).toThrow(/sigma\[1\] = 0/);
  });

  it('on real BTC data, EWMA-devolatilised returns have unit variance and lighter clustering', () => {
    if (!sharedDataAvailable()) return;
    const rows = readFileSync(sharedFile('btc_usdt_binance_1d.csv'), 'utf8').trim().split('\n').slice(1);
    const close = rows.map((line) => Number(line.split(',')[4]));
    const r = logReturns(close, 'btc_usdt_binance_1d.csv close');
    const { variance } = ewmaVariance(r, { lambda: 0.94 });
    const z = devolatilise(r, variance.map(Math.sqrt));
    const meanSquare = z.reduce((s, x) => s + x * x, 0) / z.length;
    // EWMA(0.94) standardised crypto returns have variance near 1 (RiskMetrics' own diagnostic), not exactly 1.
    expect(meanSquare).toBeGreaterThan(0.8);
    expect(meanSquare).toBeLessThan(1.3);
    // Volatility clustering: lag-1 autocorrelation of squared returns drops after filtering.
    const acf1 = (x: Float64Array) => {
      const sq = x.map((v) => v * v);
      const m = sq.reduce((s, v) => s + v, 0) / sq.length;
      let num = 0;
      let den = 0;
      for (let t = 0; t < sq.length; t++) {
        den += (sq[t] - m) ** 2;
        if (t > 0) num += (sq[t] - m) * (sq[t - 1] - m);
      }
      return num / den;
    };
    expect(acf1(z)).toBeLessThan(acf1(r));
  });
});
