import { describe, expect, it } from 'vitest';
import { backtestReport, summariseBreaches } from '../../../src/engine/backtest/summary';

describe('summariseBreaches', () => {
  it('matches hand counts on a 5-day series', () => {
    const s = summariseBreaches({
      dates: ['d1', 'd2', 'd3', 'd4', 'd5'],
      margin: Float64Array.of(10, 10, 20, 20, 40),
      loss: Float64Array.of(12, -5, 30, 5, 8),
      breach: Uint8Array.of(1, 0, 1, 0, 0),
    });
    expect(s).toMatchObject({ observations: 5, breaches: 2, breachRate: 0.4, breachDates: ['d1', 'd3'], averageMargin: 20 });
    // loss days: 12, 30, 5, 8 -> mean 13.75; shortfalls 2 and 10
    expect(s.averageLossOnLossDays).toBe(13.75);
    expect(s.coverageRatio).toBeCloseTo(20 / 13.75, 14);
    expect(s.averageShortfall).toBe(6);
    expect(s.worstShortfall).toBe(10);
  });
});

describe('backtestReport on a hand-made series', () => {
  // 20 days at 95% coverage, breaches on days 2, 3 and 7 (0-based).
  const breach = Uint8Array.from([0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  const margin = Float64Array.from({ length: 20 }, (_, t) => 100 + 10 * Math.sin(t));
  const loss = Float64Array.from(breach, (b, t) => (b ? margin[t] + 5 : margin[t] - 50));
  const series = { dates: Array.from({ length: 20 }, (_, t) => `d${t}`), margin, loss, breach };
  const report = backtestReport(series, 0.95);

  it('Kupiec POF equals the closed form computed independently (Python math, 1e-9)', () => {
    // LR = -2[17 ln .95 + 3 ln .05] + 2[17 ln .85 + 3 ln .15]; p = erfc(sqrt(LR/2)) for chi2(1).
    expect(report.kupiec.lr).toBeCloseTo(2.81000213826103, 9);
    expect(report.kupiec.pValue).toBeCloseTo(0.0936782508519142, 9);
  });

  it('Christoffersen uses transition counts n00=14, n01=2, n10=2, n11=1 (hand count)', () => {
    expect(report.christoffersen.independence.lr).toBeCloseTo(0.6984381946682294, 9);
    expect(report.christoffersen.independence.pValue).toBeCloseTo(0.4033089815922548, 9);
    expect(report.christoffersen.conditionalCoverage.lr).toBeCloseTo(3.5084403329292595, 9);
    // chi2(2) survival = exp(-x/2)
    expect(report.christoffersen.conditionalCoverage.pValue).toBeCloseTo(0.17304213374736815, 9);
  });

  it('traffic light for n=20 at 95%: binomial CDF reaches 0.95 at 3 and 0.9999 at 6, so 3 breaches is yellow', () => {
    expect(report.trafficLight).toEqual({ zone: 'yellow', yellowFrom: 3, redFrom: 6 });
    expect(report.breaches).toBe(3);
    expect(report.averageShortfall).toBe(5);
  });

  it('procyclicality: APC buffer and stressed weight never increase the peak-to-trough ratio of this series', () => {
    const p = report.procyclicality!;
    // Independent: largest rise from an earlier trough of 100 + 10 sin t over t = 0..19.
    let trough = Infinity, best = 1;
    for (const m of margin) { trough = Math.min(trough, m); best = Math.max(best, m / trough); }
    expect(p.base.peakToTrough).toBeCloseTo(best, 12);
    expect(p.apcBuffer.peakToTrough).toBeLessThanOrEqual(p.base.peakToTrough);
    expect(p.apcStressedWeight.peakToTrough).toBeLessThanOrEqual(p.base.peakToTrough);
    expect(p.apcLookbackFloor).toBeNull();
  });
});
