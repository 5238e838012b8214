import { describe, expect, it } from 'vitest';
import { parseDeribitSymbol } from '../../src/engine/instrument';
import type { MarketState, Position } from '../../src/engine/market';
import { bucketLabels, expiryBucket, riskReport } from '../../src/engine/risk';
import { valuePosition } from '../../src/engine/valuation';

const NOW = Date.UTC(2024, 0, 8, 11, 19, 41);
const market: MarketState = {
  valuationTime: NOW,
  reportingCurrency: 'USD',
  underlyings: {
    BTC: { underlying: 'BTC', spot: 46000, rate: 0, vol: 0.5 },
    ETH: {
      underlying: 'ETH',
      spot: 2220,
      rate: 0,
      vol: [
        { expiry: Date.UTC(2024, 0, 12, 8), strikes: [2000, 2200, 2400], vols: [0.8, 0.6, 0.65] },
        // total variance 0.1^2 x 0.22y = 0.0022 is below the January smile's 0.6^2 x 0.0106y = 0.0038: calendar arbitrage
        { expiry: Date.UTC(2024, 2, 29, 8), strikes: [2200], vols: [0.1] },
      ],
    },
  },
};
const positions: Position[] = [
  { instrument: parseDeribitSymbol('BTC-29MAR24-50000-C'), quantity: 2 },
  { instrument: parseDeribitSymbol('BTC-PERPETUAL'), quantity: -5000 },
  { instrument: parseDeribitSymbol('ETH-12JAN24-2200-P'), quantity: 10 },
  { instrument: parseDeribitSymbol('ETH_USDC-29MAR24-2400-C'), quantity: -4 },
  { instrument: parseDeribitSymbol('BTC-27DEC24'), quantity: 300 },
];

describe('risk report', () => {
  it('labels expiry buckets by days to expiry, undated for spot and perpetuals', () => {
    expect(expiryBucket(undefined)).toBe('undated');
    expect(expiryBucket(3.8)).toBe('0-7d');
    expect(expiryBucket(7)).toBe('0-7d');
    expect(expiryBucket(80)).toBe('30-90d');
    expect(expiryBucket(400)).toBe('>365d');
    expect(bucketLabels([10, 100])).toEqual(['0-10d', '10-100d', '>100d', 'undated']);
  });

  it('rows equal single-position valuation; totals per underlying and per bucket add up the rows', () => {
    const report = riskReport(positions, market);
    report.positions.forEach((row, i) => expect(row).toEqual(valuePosition(positions[i], market)));
    for (const u of ['BTC', 'ETH']) {
      const rows = report.positions.filter((p) => p.underlying === u);
      const sum = (f: (p: (typeof rows)[0]) => number) => rows.reduce((a, p) => a + f(p), 0);
      expect(report.byUnderlying[u].delta).toBeCloseTo(sum((p) => p.delta), 12);
      expect(report.byUnderlying[u].vegaPerPoint).toBeCloseTo(sum((p) => p.vegaPerPoint), 10);
      expect(report.byUnderlying[u].valueCoin).toBeCloseTo(sum((p) => p.valueCoin ?? 0), 12);
      const buckets = report.byExpiryBucket.filter((b) => b.underlying === u);
      expect(buckets.reduce((a, b) => a + b.totals.thetaPerDay, 0)).toBeCloseTo(report.byUnderlying[u].thetaPerDay, 10);
    }
    expect(report.byExpiryBucket.map((b) => `${b.underlying} ${b.bucket}`)).toEqual(['BTC 30-90d', 'BTC 180-365d', 'BTC undated', 'ETH 0-7d', 'ETH 30-90d']);
    expect(report.bookUsd.cashDelta).toBeCloseTo(report.byUnderlying.BTC.cashDelta + report.byUnderlying.ETH.cashDelta, 8);
  });

  it('perpetual hedge: -5000 contracts x 10 USD is a delta of -50000/46000 BTC', () => {
    const report = riskReport([positions[1]], market);
    expect(report.byUnderlying.BTC.delta).toBeCloseTo(-50000 / 46000, 12);
    expect(report.byUnderlying.BTC.cashDelta).toBeCloseTo(-50000, 8);
  });

  it('passes calendar-arbitrage warnings of the surfaces through and names the bad position', () => {
    expect(riskReport(positions, market).warnings.some((w) => /^ETH: total variance falls from 0\.0038/.test(w))).toBe(true);
    const bad = [...positions, { instrument: parseDeribitSymbol('BTC-PERPETUAL'), quantity: Number.NaN }];
    expect(() => riskReport(bad, market)).toThrow(/position 5 \(BTC-PERPETUAL\): .*quantity NaN is not a number/);
  });
});
