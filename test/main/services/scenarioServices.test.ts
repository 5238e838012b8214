/**
 * The scenarios services over a real store and worker pool: heatmap cells against closed forms written here
 * (inverse-perpetual P&L, Black-76 price differences with the preset's vol-shock rules), per-position P&L adding
 * up, coin collateral; correlations against hand values on seeded closes, the as-of cut-off, the rolling series,
 * argument errors naming the field; and a 90-day BTC/ETH correlation from the shared wide file against a Pearson
 * value computed straight from the CSV.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeribitSymbol } from '../../../src/engine/instrument';
import type { Book, MarketState } from '../../../src/engine/market';
import { normalCdf } from '../../../src/engine/stats/normal';
import { importFile } from '../../../src/main/importers';
import { ensureAsset, replacePortfolio } from '../../../src/main/store';
import type { HeatmapGroup } from '../../../src/shared/contract/scenarios';
import { sharedDataAvailable, sharedFile } from '../../support/sharedData';
import { testServiceRuntime } from '../../support/serviceRuntime';

const SPOT = 90_000;
const VOL = 0.5;
const VALUATION = Date.UTC(2026, 0, 6);
const ETH_SPOT = 3_000;
const market: MarketState = {
  valuationTime: VALUATION,
  reportingCurrency: 'USD',
  underlyings: { BTC: { underlying: 'BTC', spot: SPOT, rate: 0, vol: VOL }, ETH: { underlying: 'ETH', spot: ETH_SPOT, rate: 0, vol: 0.6 } },
};

const perp = parseDeribitSymbol('BTC-PERPETUAL');
const call = parseDeribitSymbol('BTC_USDC-27MAR26-100000-C');
const ethPerp = parseDeribitSymbol('ETH-PERPETUAL');
const books: Book[] = [
  { name: 'perp-only', positions: [{ instrument: perp, quantity: -20_000 }], collateral: {} },
  { name: 'one-call', positions: [{ instrument: call, quantity: 3 }], collateral: {} },
  { name: 'two-groups', positions: [{ instrument: perp, quantity: 1_000 }, { instrument: ethPerp, quantity: -30_000 }], collateral: {} },
  { name: 'mixed', positions: [{ instrument: perp, quantity: 5_000 }, { instrument: call, quantity: -2 }], collateral: { BTC: 1.5, USDC: 10_000 } },
];

/** Black-76 call with zero rate (forward = spot, no discounting), from the erf-based normal CDF. */
function black76Call(forward: number, strike: number, years: number, vol: number): number {
  const sd = vol * Math.sqrt(years);
  const d1 = Math.log(forward / strike) / sd + sd / 2;
  return forward * normalCdf(d1) - strike * normalCdf(d1 - sd);
}

/** Equal to 1e-10 relative (the kernel's normal CDF and the erf-based one differ by ~5e-12 relative). */
function expectClose(actual: number, expected: number): void {
  expect(Math.abs(actual - expected)).toBeLessThan(1e-10 * Math.max(1, Math.abs(expected)));
}

let runtime: ReturnType<typeof testServiceRuntime>;
const jobId = (n: number) => `scenario-test-${n}`;
let nextJob = 0;
const job = () => jobId(nextJob++);

beforeAll(() => {
  runtime = testServiceRuntime([]);
  for (const book of books) replacePortfolio(runtime.db, book, market);
});
afterAll(async () => {
  await runtime?.dispose();
});

function cell(group: HeatmapGroup, priceMove: number, volShock: number): number {
  const p = group.priceMoves.findIndex((m) => Math.abs(m - priceMove) < 1e-12);
  const v = group.volShocks.findIndex((s) => Math.abs(s - volShock) < 1e-12);
  expect(p, `price move ${priceMove} on the axis`).toBeGreaterThanOrEqual(0);
  expect(v, `vol shock ${volShock} on the axis`).toBeGreaterThanOrEqual(0);
  return group.pnl[p * group.volShocks.length + v];
}

describe('scenario heatmap', () => {
  it('perpetual-only book: every cell is the inverse-perp closed form, coin P&L q m (1/S0 - 1/S1) at the new spot', async () => {
    const result = await runtime.services.scenarioHeatmap({ jobId: job(), portfolio: 'perp-only', model: { kind: 'grid', preset: 'span-16' } });
    expect(result.volShiftMode).toBe('absolute');
    const [g] = result.groups;
    expect(g.underlying).toBe('BTC');
    // SPAN-16: 0, +-1/3, +-2/3, +-1 of the 15% scan range, and the extreme +-3 x range (rows 15-16).
    expect(g.priceMoves.map((m) => Math.round(m * 1e4) / 1e4)).toEqual([-0.45, -0.15, -0.1, -0.05, 0, 0.05, 0.1, 0.15, 0.45]);
    expect(g.volShocks.map((v) => Math.round(v * 1e4) / 1e4)).toEqual([-0.1, 0, 0.1]);
    for (const m of g.priceMoves) {
      const s1 = SPOT * (1 + m);
      const coinPnl = -20_000 * 10 * (1 / SPOT - 1 / s1);
      for (const v of g.volShocks) expect(cell(g, m, v)).toBeCloseTo(coinPnl * s1, 6);
    }
    // Short perp: the worst cell is the biggest up move.
    expect(g.priceMoves[g.worst.priceIndex]).toBeCloseTo(0.45, 12);
    expect(g.worst.pnl).toBeCloseTo(-20_000 * 10 * 0.45, 6);
    expect(g.presetScenarios).toHaveLength(16);
  });

  it('single linear call under SPAN-16 (absolute vol points): cell = 3 x (Black-76(S1, vol + shock) - Black-76(S0, vol))', async () => {
    const result = await runtime.services.scenarioHeatmap({ jobId: job(), portfolio: 'one-call', model: { kind: 'grid', preset: 'span-16' } });
    const [g] = result.groups;
    const years = (call.expiry! - VALUATION) / (365 * 86_400_000);
    const base = black76Call(SPOT, 100_000, years, VOL);
    for (const [m, v] of [[0, 0.1], [0.15, -0.1], [-0.45, 0], [0.05, 0.1]] as const) {
      expectClose(cell(g, m, v), 3 * (black76Call(SPOT * (1 + m), 100_000, years, VOL + v) - base));
    }
    expect(cell(g, 0, 0)).toBeCloseTo(0, 9);
  });

  it('single linear call under deribit-pm-like: relative shocks scaled by (30 / days)^0.3 within [0.5, 3]', async () => {
    const result = await runtime.services.scenarioHeatmap({ jobId: job(), portfolio: 'one-call', model: { kind: 'grid', preset: 'deribit-pm-like' } });
    expect(result.volShiftMode).toBe('relative');
    expect(result.volTermReferenceDays).toBe(30);
    const [g] = result.groups;
    // Risk matrix +-16% in 9 buckets and the extended table's -66% .. +500%; vol down 25%, same, up 50%.
    expect(g.priceMoves).toHaveLength(17);
    expect(g.volShocks.map((v) => Math.round(v * 1e4) / 1e4)).toEqual([-0.25, 0, 0.5]);
    expect(g.coreRange).toBeCloseTo(0.16, 12);
    const days = (call.expiry! - VALUATION) / 86_400_000;
    const scale = Math.min(3, Math.max(0.5, (30 / days) ** 0.3));
    const years = days / 365;
    const base = black76Call(SPOT, 100_000, years, VOL);
    for (const [m, v] of [[0.04, 0.5], [-0.16, -0.25], [2, 0.5], [0.08, 0]] as const) {
      const shockedVol = VOL * (1 + v * scale);
      expectClose(cell(g, m, v), 3 * (black76Call(SPOT * (1 + m), 100_000, years, shockedVol) - base));
    }
  });

  it('per-position P&L adds up to the cell, and coin collateral moves with its group', async () => {
    const result = await runtime.services.scenarioHeatmap({ jobId: job(), portfolio: 'mixed', model: { kind: 'grid', preset: 'okx-pm-like' } });
    const [g] = result.groups;
    const cells = g.pnl.length;
    expect(cells).toBe(g.priceMoves.length * g.volShocks.length);
    expect(g.positions.map((p) => p.symbol).sort()).toEqual(['BTC-PERPETUAL', 'BTC_USDC-27MAR26-100000-C', 'collateral:BTC']);
    for (let c = 0; c < cells; c++) {
      let sum = 0;
      for (let r = 0; r < g.positions.length; r++) sum += g.positionPnl[r * cells + c];
      expect(sum).toBeCloseTo(g.pnl[c], 6);
    }
    const collateralRow = g.positions.findIndex((p) => p.symbol === 'collateral:BTC');
    const p = g.priceMoves.findIndex((m) => Math.abs(m + 0.24) < 1e-12);
    expect(g.positionPnl[collateralRow * cells + p * g.volShocks.length]).toBeCloseTo(1.5 * SPOT * -0.24, 6);
    // The worst cell is the minimum.
    expect(g.worst.pnl).toBe(Math.min(...g.pnl));
  });

  it('one heatmap per underlying, each holding only its own positions', async () => {
    const result = await runtime.services.scenarioHeatmap({ jobId: job(), portfolio: 'two-groups', model: { kind: 'grid', preset: 'okx-pm-like' } });
    expect(result.groups.map((g) => g.underlying)).toEqual(['BTC', 'ETH']);
    const [btc, eth] = result.groups;
    expect(btc.positions.map((p) => p.symbol)).toEqual(['BTC-PERPETUAL']);
    expect(eth.positions.map((p) => p.symbol)).toEqual(['ETH-PERPETUAL']);
    expect(eth.spot).toBe(ETH_SPOT);
    // Short 30,000 ETH-PERPETUAL (1 USD each) at +24%: -30,000 x 0.24 in USD at the new spot.
    expect(cell(eth, 0.24, 0)).toBeCloseTo(-30_000 * 0.24, 6);
    expect(cell(btc, 0.24, 0)).toBeCloseTo(1_000 * 10 * 0.24, 6);
  });

  it('refuses a non-grid model and an unknown portfolio with messages naming them', async () => {
    await expect(runtime.services.scenarioHeatmap({ jobId: job(), portfolio: 'one-call', model: { kind: 'standard', preset: 'standard-deribit' } })).rejects.toThrow(/needs a grid model/);
    await expect(runtime.services.scenarioHeatmap({ jobId: job(), portfolio: 'one-call', model: { kind: 'grid', preset: 'nope' } })).rejects.toThrow(/unknown margin preset 'nope'/);
    await expect(runtime.services.scenarioHeatmap({ jobId: job(), portfolio: 'missing', model: { kind: 'grid', preset: 'span-16' } })).rejects.toThrow(/portfolio 'missing' does not exist/);
  });
});

describe('correlations on seeded closes', () => {
  /** Closes from returns: P0 = 100, P_t = P_{t-1} e^{r_t}; day 0 = 2025-01-01. */
  function seed(asset: string, returns: number[], startDay = 0) {
    ensureAsset(runtime.db, asset);
    const insert = runtime.db.prepare("INSERT OR REPLACE INTO price_bars (asset, interval, ts, close, source) VALUES (?, '1d', ?, ?, 'test')");
    let price = 100;
    const day0 = Date.UTC(2025, 0, 1) + startDay * 86_400_000;
    insert.run(asset, day0, price);
    returns.forEach((r, t) => {
      price *= Math.exp(r);
      insert.run(asset, day0 + (t + 1) * 86_400_000, price);
    });
  }

  beforeAll(() => {
    // XA/XB: the textbook pair (correlation sqrt(0.6)) over 2025-01-02 .. 01-06, then a wild day on 01-07.
    seed('XA', [0.01, 0.02, 0.03, 0.04, 0.05, 0.5]);
    seed('XB', [0.02, 0.04, 0.05, 0.04, 0.05, -0.5]);
    // XC listed two days later: only 3 returns in common with the others up to 01-06 -> too few.
    seed('XC', [0.01, -0.01, 0.02, 0.03], 2);
  });

  it('lists the stored underlyings with their ranges', async () => {
    const universe = await runtime.services.correlationUniverse({});
    const xa = universe.underlyings.find((u) => u.name === 'XA');
    expect(xa).toEqual({ name: 'XA', firstDate: '2025-01-01', lastDate: '2025-01-07', days: 7 });
  });

  it('as-of 2025-01-06: the textbook value, unit diagonal, nulls for a pair with too few common returns', async () => {
    const r = await runtime.services.correlationMatrix({ jobId: job(), window: '30d', method: 'sample', lambda: 0.94, asOf: '2025-01-06', underlyings: ['XA', 'XB', 'XC'] });
    expect(r.asOf).toBe('2025-01-06');
    expect(r.fromDate).toBe('2025-01-02');
    expect(r.matrix[0]).toBe(1);
    expect(r.matrix[1]).toBeCloseTo(Math.sqrt(0.6), 12);
    expect(r.matrix[3]).toBeCloseTo(Math.sqrt(0.6), 12);
    expect(r.observations[1]).toBe(5);
    expect(r.observations[2]).toBe(3);
    expect(r.matrix[2]).toBeNull();
    expect(r.matrix[8]).toBeNull();
    expect(r.minEigenvalue).toBeNull();
  });

  it('uses no data after the as-of day; without it the wild last day flips the sign', async () => {
    const later = await runtime.services.correlationMatrix({ jobId: job(), window: 'full', method: 'sample', lambda: 0.94, underlyings: ['XA', 'XB'] });
    expect(later.asOf).toBe('2025-01-07');
    expect(later.matrix[1]!).toBeLessThan(0);
    const ewma = await runtime.services.correlationMatrix({ jobId: job(), window: 'full', method: 'ewma', lambda: 0.9, asOf: '2025-01-06', underlyings: ['XA', 'XB'] });
    // Zero-mean EWMA over the 5 returns, newest weight 1: computed here by the forward recursion.
    const x = [0.01, 0.02, 0.03, 0.04, 0.05];
    const y = [0.02, 0.04, 0.05, 0.04, 0.05];
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    x.forEach((xi, t) => {
      sxy = 0.9 * sxy + 0.1 * xi * y[t];
      sxx = 0.9 * sxx + 0.1 * xi * xi;
      syy = 0.9 * syy + 0.1 * y[t] * y[t];
    });
    expect(ewma.matrix[1]).toBeCloseTo(sxy / Math.sqrt(sxx * syy), 12);
  });

  it('rolling correlation: one point per day from the first with enough common returns', async () => {
    // Expanding window: the first point needs MIN_PAIR_OBSERVATIONS (5) returns.
    const r = await runtime.services.rollingCorrelation({ jobId: job(), window: 'full', method: 'sample', lambda: 0.94, pair: ['XA', 'XB'], asOf: '2025-01-07' });
    expect(r.dates).toEqual(['2025-01-06', '2025-01-07']);
    expect(r.values[0]).toBeCloseTo(Math.sqrt(0.6), 12);
    expect(r.values[1]!).toBeLessThan(0);
    // A 30-day window needs 30 common returns per point: six days of history give none.
    const windowed = await runtime.services.rollingCorrelation({ jobId: job(), window: '30d', method: 'sample', lambda: 0.94, pair: ['XA', 'XB'] });
    expect(windowed.dates).toEqual([]);
  });

  it('names the bad field: unknown underlying, same pair twice, as-of before the data', async () => {
    await expect(runtime.services.correlationMatrix({ jobId: job(), window: '30d', method: 'sample', lambda: 0.94, underlyings: ['XA', 'NOPE'] })).rejects.toThrow(/no daily closes in the store for NOPE/);
    await expect(runtime.services.rollingCorrelation({ jobId: job(), window: '30d', method: 'sample', lambda: 0.94, pair: ['XA', 'XA'] })).rejects.toThrow(/pair: pick two different/);
    await expect(runtime.services.correlationMatrix({ jobId: job(), window: '30d', method: 'sample', lambda: 0.94, asOf: '2020-01-01', underlyings: ['XA', 'XB'] })).rejects.toThrow(/asOf 2020-01-01/);
  });
});

describe.skipIf(!sharedDataAvailable())('correlations on the shared daily closes', () => {
  it('BTC/ETH 90-day sample correlation as of 2025-06-30 equals Pearson on the CSV log returns', async () => {
    const rt = testServiceRuntime([]);
    try {
      await importFile('prices', rt.db, sharedFile('crypto_daily_close_wide_binance_usdt.csv'));
      const lines = readFileSync(sharedFile('crypto_daily_close_wide_binance_usdt.csv'), 'utf8').trim().split('\n').slice(1);
      const rows = lines.map((l) => l.split(',')).filter((c) => c[0] <= '2025-06-30');
      const last91 = rows.slice(-91);
      const ret = (col: number) => last91.slice(1).map((c, t) => Math.log(Number(c[col]) / Number(last91[t][col])));
      const x = ret(1);
      const y = ret(2);
      const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
      const mx = mean(x);
      const my = mean(y);
      const cov = x.reduce((s, v, t) => s + (v - mx) * (y[t] - my), 0);
      const expected = cov / Math.sqrt(x.reduce((s, v) => s + (v - mx) ** 2, 0) * y.reduce((s, v) => s + (v - my) ** 2, 0));
      const r = await rt.services.correlationMatrix({ jobId: 'shared-btc-eth', window: '90d', method: 'sample', lambda: 0.94, asOf: '2025-06-30', underlyings: ['BTC', 'ETH'] });
      expect(r.fromDate).toBe(last91[1][0]);
      expect(r.observations[1]).toBe(90);
      expect(r.matrix[1]).toBeCloseTo(expected, 12);
      // Rolling 90 days: the first point is the 90th common return (BTC and ETH both start 2017-08-17).
      const rolling = await rt.services.rollingCorrelation({ jobId: 'shared-rolling', window: '90d', method: 'sample', lambda: 0.94, pair: ['BTC', 'ETH'], asOf: '2025-06-30' });
      expect(rolling.dates[0]).toBe('2017-11-15');
      expect(rolling.dates.at(-1)).toBe('2025-06-30');
      expect(rolling.values.at(-1)).toBeCloseTo(expected, 12);
      // All ten coins, full history, pairwise-complete: report whether it is PSD.
      const all = await rt.services.correlationMatrix({ jobId: 'shared-all', window: 'full', method: 'ewma', lambda: 0.94 });
      expect(all.underlyings.slice(0, 2)).toEqual(['BTC', 'ETH']);
      expect(all.underlyings).toHaveLength(10);
      expect(all.matrix.every((v) => v !== null && v >= -1 && v <= 1)).toBe(true);
      expect(all.minEigenvalue).not.toBeNull();
    } finally {
      await rt.dispose();
    }
  });
});
