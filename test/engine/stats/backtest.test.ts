import { describe, expect, it } from 'vitest';
import { christoffersen, kupiecPof, trafficLightThresholds, trafficLightZone } from '../../../src/engine/stats/backtest';

// LR statistics are written out in the tests from the formulas; p-values are mpmath values (30 digits) of
// erfc(sqrt(LR/2)) (1 d.o.f.) and exp(-LR/2) (2 d.o.f.).
describe('Kupiec proportion of failures', () => {
  it('250 days, 8 breaches at 99%', () => {
    const lr = -2 * (242 * Math.log(0.99) + 8 * Math.log(0.01)) + 2 * (242 * Math.log(242 / 250) + 8 * Math.log(8 / 250));
    const r = kupiecPof(250, 8, 0.99);
    expect(r.lr).toBeCloseTo(lr, 12);
    expect(r.lr).toBeCloseTo(7.733550724494534, 12);
    expect(r.pValue).toBeCloseTo(0.005420405194127754, 12);
  });

  it('zero breaches uses 0 ln 0 = 0: LR = -2 n ln(1 - p)', () => {
    const r = kupiecPof(250, 0, 0.99);
    expect(r.lr).toBeCloseTo(-2 * 250 * Math.log(0.99), 12);
    expect(r.pValue).toBeCloseTo(0.02498150305344977, 12);
  });

  it('exactly the expected rate gives LR 0 and p-value 1; bad input is rejected', () => {
    const r = kupiecPof(1000, 10, 0.99);
    expect(r.lr).toBeCloseTo(0, 12);
    expect(r.pValue).toBeCloseTo(1, 9);
    expect(() => kupiecPof(10, 11, 0.99)).toThrow(/breaches 11/);
    expect(() => kupiecPof(10, 1, 99)).toThrow(/coverage/);
  });
});

describe('Christoffersen independence and conditional coverage', () => {
  // Day:      0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19
  const series = [0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1];
  // Transitions by hand: 0->1 on days 2, 7, 12, 19 (n01 = 4); 1->1 on day 3 (n11 = 1);
  // 1->0 on days 4, 8, 13 (n10 = 3); the other 11 of the 19 pairs are 0->0 (n00 = 11). 5 breaches in 20 days.

  it('counts transitions and matches the hand-derived statistics', () => {
    const r = christoffersen(series, 0.95);
    expect([r.n00, r.n01, r.n10, r.n11]).toEqual([11, 4, 3, 1]);
    const pi01 = 4 / 15;
    const pi11 = 1 / 4;
    const pi = 5 / 19;
    const lrInd =
      -2 * (14 * Math.log(1 - pi) + 5 * Math.log(pi)) +
      2 * (11 * Math.log(1 - pi01) + 4 * Math.log(pi01) + 3 * Math.log(1 - pi11) + 1 * Math.log(pi11));
    expect(r.independence.lr).toBeCloseTo(lrInd, 12);
    expect(r.independence.lr).toBeCloseTo(0.0045605552630006655, 12);
    expect(r.independence.pValue).toBeCloseTo(0.9461582807436365, 10);
    const lrPof = -2 * (15 * Math.log(0.95) + 5 * Math.log(0.05)) + 2 * (15 * Math.log(0.75) + 5 * Math.log(0.25));
    expect(r.pof.lr).toBeCloseTo(lrPof, 12);
    expect(r.pof.pValue).toBeCloseTo(0.002695787109621065, 12);
    expect(r.conditionalCoverage.lr).toBeCloseTo(9.007276337677093, 12);
    expect(r.conditionalCoverage.pValue).toBeCloseTo(0.011068653564982643, 12);
  });

  it('handles no breaches, a breach only on the last day, and all breaches', () => {
    const none = christoffersen(new Array(100).fill(false), 0.99);
    expect([none.n00, none.n01, none.n10, none.n11]).toEqual([99, 0, 0, 0]);
    expect(none.independence.lr).toBe(0);
    expect(none.conditionalCoverage.lr).toBeCloseTo(-2 * 100 * Math.log(0.99), 12);
    const last = christoffersen([...new Array(99).fill(0), 1], 0.99);
    expect([last.n10, last.n11]).toEqual([0, 0]);
    expect(Number.isFinite(last.independence.lr)).toBe(true);
    const all = christoffersen(new Array(10).fill(1), 0.99);
    expect(all.n11).toBe(9);
    expect(all.independence.lr).toBe(0);
    expect(all.pof.lr).toBeCloseTo(-2 * 10 * Math.log(0.01), 12);
  });
});

describe('Basel traffic light', () => {
  it('250 days at 99%: green 0-4, yellow 5-9, red 10+ (Basel 1996)', () => {
    expect(trafficLightThresholds(250, 0.99)).toEqual({ yellowFrom: 5, redFrom: 10 });
    expect([0, 4, 5, 9, 10, 30].map((x) => trafficLightZone(250, x, 0.99))).toEqual(['green', 'green', 'yellow', 'yellow', 'red', 'red']);
  });

  it('thresholds grow with the sample and the tail probability', () => {
    const longer = trafficLightThresholds(500, 0.99);
    expect(longer.yellowFrom).toBeGreaterThan(5);
    expect(trafficLightThresholds(250, 0.975).yellowFrom).toBeGreaterThan(5);
  });
});
