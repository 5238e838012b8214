import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { historicalScenarios } from '../../../../src/engine/margin/var/historicalScenarios';
import { varMarginModel } from '../../../../src/engine/margin/var/model';
import { parseVarSpec, VAR_METHODS, type VarSpecInput } from '../../../../src/engine/margin/var/spec';
import type { Book } from '../../../../src/engine/market';
import { BTC, ETH, book, config, market, pos } from '../fixtures';
import { historyFromReturns, randomReturns } from './history';

const Z99 = 2.3263478740408408; // Phi^-1(0.99), published tables
const PHI_Z99 = Math.exp(-(Z99 * Z99) / 2) / Math.sqrt(2 * Math.PI);

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const ceilTail = (n: number, alpha: number) => Math.ceil(n * (1 - alpha) - 1e-9);

/** 300 daily returns of BTC and ETH, correlation 0.8, daily sd 3% and 4%. */
const returns = randomReturns(300, [0.03, 0.04], 0.8);
const history = historyFromReturns(['BTC', 'ETH'], [30_000, 2_000], returns);
const m = market();
const linear = book([pos('BTC_USDC', 2), pos('ETH_USDC-PERPETUAL', -10)]);
const options = book([pos('BTC-29MAR24-45000-C', -3), pos('BTC-29MAR24-35000-P', 2), pos('ETH-29MAR24-2500-P', -20), pos('ETH-PERPETUAL', 5000)]);

function run(b: Book, spec: VarSpecInput, cfg = config()) {
  return varMarginModel(parseVarSpec(spec), history).compute(b, m, cfg);
}

/** Hand P&L of the linear book over the overlapping h-day windows of the last `lookback` returns. */
function handLinearPnl(h: number, lookback: number, qBtc: number, qEth: number): { btc: number[]; eth: number[]; total: number[] } {
  const closes = (u: number, t: number) => history.closes[t * 2 + u];
  const T = history.dates.length;
  const first = T - 1 - lookback;
  const btc: number[] = [];
  const eth: number[] = [];
  for (let a = first; a + h < T; a++) {
    btc.push(qBtc * BTC * (closes(0, a + h) / closes(0, a) - 1));
    eth.push(qEth * ETH * (closes(1, a + h) / closes(1, a) - 1));
  }
  return { btc, eth, total: btc.map((x, i) => x + eth[i]) };
}

describe('historical simulation', () => {
  it('a linear book: VaR and ES equal the hand quantile of sorted hand-built P&L, components are the positions tail P&L', () => {
    const h = 2;
    const lookback = 250;
    const hand = handLinearPnl(h, lookback, 2, -10);
    const n = hand.total.length;
    expect(n).toBe(lookback - h + 1);
    const order = hand.total.map((_, i) => i).sort((i, j) => hand.total[i] - hand.total[j]);
    const k = ceilTail(n, 0.99);
    expect(k).toBe(3);
    const tail = order.slice(0, k);
    const handVar = -hand.total[order[k - 1]];
    const handEs = -sum(tail.map((i) => hand.total[i])) / k;

    const v = run(linear, { measure: 'var', method: 'historical', confidence: 0.99, mporDays: h, lookbackDays: lookback });
    const e = run(linear, { measure: 'es', method: 'historical', confidence: 0.99, mporDays: h, lookbackDays: lookback });
    expect(v.initialMargin).toBeCloseTo(handVar, 6);
    expect(e.initialMargin).toBeCloseTo(handEs, 6);
    expect(e.initialMargin).toBeGreaterThan(v.initialMargin);
    expect(e.maintenanceMargin).toBeCloseTo(0.75 * e.initialMargin, 9);

    const btcComponent = -sum(tail.map((i) => hand.btc[i])) / k;
    const byRow = new Map(e.positions.map((p) => [p.symbol, p]));
    expect(byRow.get('BTC_USDC')!.component).toBeCloseTo(btcComponent, 6);
    expect(sum(e.positions.map((p) => p.component))).toBeCloseTo(e.initialMargin, 6);
    expect(sum(e.components.map((c) => c.amount))).toBeCloseTo(e.initialMargin, 6);
    // standalone = the hand ES of the BTC leg alone; incremental = ES(book) - ES(ETH leg alone)
    const esOf = (xs: number[]) => -sum([...xs].sort((a, b) => a - b).slice(0, k)) / k;
    expect(byRow.get('BTC_USDC')!.standalone).toBeCloseTo(esOf(hand.btc), 6);
    expect(byRow.get('BTC_USDC')!.incremental).toBeCloseTo(handEs - Math.max(0, esOf(hand.eth)), 6);
    // the VaR component is the position's loss in the VaR scenario
    const varRow = new Map(v.positions.map((p) => [p.symbol, p]));
    expect(varRow.get('ETH_USDC-PERPETUAL')!.component).toBeCloseTo(-hand.eth[order[k - 1]], 6);
    expect(e.conventions.join(' ')).toMatch(/k = ceil\(n\(1-alpha\)\)/);
    expect(e.scenarios).toHaveLength(k);
    expect(sum(e.scenarios.map((s) => s.countedLoss))).toBeCloseTo(e.initialMargin, 6);
  });

  it('moves vols with the implied-vol series where it exists and by the spot-vol beta elsewhere', () => {
    const vols = [Array.from({ length: 301 }, (_, t) => 0.5 + 0.1 * Math.sin(t / 7)), Array.from({ length: 301 }, () => Number.NaN)];
    const h = historyFromReturns(['BTC', 'ETH'], [30_000, 2_000], returns, vols);
    const spec = parseVarSpec({ mporDays: 3, lookbackDays: 100, spotVolBeta: -0.4 });
    const set = historicalScenarios(h, ['BTC', 'ETH'], spec);
    const T = h.dates.length;
    const a = T - 1 - 100 + 5; // scenario 5
    expect(set.batch.volShift[5 * 2]).toBeCloseTo(vols[0][a + 3] / vols[0][a] - 1, 14);
    const ethRatio = h.closes[(a + 3) * 2 + 1] / h.closes[a * 2 + 1];
    expect(set.batch.volShift[5 * 2 + 1]).toBeCloseTo(Math.pow(ethRatio, -0.4) - 1, 14);
    expect(set.batch.timeShiftDays).toBe(3);
    // A missing day in the series takes the previous day's vol.
    const gappy = vols.map((col) => [...col]);
    gappy[0][a + 3] = Number.NaN;
    const withGap = historicalScenarios(historyFromReturns(['BTC', 'ETH'], [30_000, 2_000], returns, gappy), ['BTC', 'ETH'], spec);
    expect(withGap.batch.volShift[5 * 2]).toBeCloseTo(vols[0][a + 2] / vols[0][a] - 1, 14);
  });
});

describe('every method', () => {
  it.each(VAR_METHODS)('%s: doubling the book doubles VaR and ES', (method) => {
    for (const measure of ['var', 'es'] as const) {
      const spec = { method, measure, lookbackDays: 250, monteCarlo: { paths: 2000 } };
      const one = run(options, spec);
      const two = run(book(options.positions.map((p) => ({ ...p, quantity: 2 * p.quantity }))), spec);
      expect(one.initialMargin).toBeGreaterThan(0);
      expect(two.initialMargin / one.initialMargin).toBeCloseTo(2, 9);
      expect(sum(one.components.map((c) => c.amount))).toBeCloseTo(one.initialMargin, 5);
      expect(sum(one.positions.map((p) => p.component))).toBeCloseTo(one.initialMargin, 5);
    }
  });

  it('margin is never negative, maintenance never above initial (random books)', () => {
    const symbols = ['BTC_USDC', 'ETH-PERPETUAL', 'BTC-29MAR24-45000-C', 'ETH-29MAR24-2500-P', 'BTC-PERPETUAL'];
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: symbols.length, maxLength: symbols.length }),
        fc.constantFrom(...VAR_METHODS),
        fc.constantFrom('var' as const, 'es' as const),
        (qty, method, measure) => {
          const b = book(symbols.map((s, i) => pos(s, s.endsWith('PERPETUAL') && s.startsWith('BTC-') ? 100 * qty[i] : qty[i])));
          const r = run(b, { method, measure, lookbackDays: 120, monteCarlo: { paths: 500, chunkPaths: 250 } });
          expect(r.initialMargin).toBeGreaterThanOrEqual(0);
          expect(r.maintenanceMargin).toBeGreaterThanOrEqual(0);
          expect(r.maintenanceMargin).toBeLessThanOrEqual(r.initialMargin);
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it('a book that makes money in every scenario needs no margin (IM 0, components 0)', () => {
    const up = historyFromReturns(['BTC', 'ETH'], [30_000, 2_000], [Array(60).fill(0.01), Array(60).fill(0.02)]);
    const r = varMarginModel(parseVarSpec({ lookbackDays: 50 }), up).compute(book([pos('BTC_USDC', 1)]), m, config());
    expect(r.initialMargin).toBe(0);
    expect(r.components.every((c) => c.amount === 0)).toBe(true);
  });
});

describe('collateral and cross-margin', () => {
  it('coin collateral moves with the scenario: 1 BTC collateral alone has the ES of 1 BTC spot; a short perp hedges it to 0', () => {
    const cfg = config({ collateral: { assets: {}, defaultHaircut: 0, moveWithScenario: true } });
    const coin = run(book([], { BTC: 1 }), { lookbackDays: 250 }, cfg);
    const spot = run(book([pos('BTC_USDC', 1)]), { lookbackDays: 250 });
    expect(coin.initialMargin).toBeCloseTo(spot.initialMargin, 8);
    expect(coin.positions.map((p) => p.symbol)).toEqual(['collateral BTC']);
    const hedged = run(book([pos('BTC_USDC-PERPETUAL', -1)], { BTC: 1 }), { lookbackDays: 250 }, cfg);
    expect(hedged.initialMargin).toBeCloseTo(0, 6); // -x + x up to the forward's round-off
    const still = run(book([], { BTC: 1 }), { lookbackDays: 250 });
    expect(still.initialMargin).toBe(0);
  });

  it('correlated underlyings offset: long BTC / short ETH needs less than the sum of the legs', () => {
    const r = run(linear, { lookbackDays: 250 });
    const legs = sum(r.positions.map((p) => p.standalone));
    expect(r.initialMargin).toBeLessThan(0.8 * legs);
  });
});

describe('filtered historical simulation', () => {
  it('returns of constant size have a constant EWMA vol, so FHS-EWMA equals plain historical simulation', () => {
    const signs = randomReturns(200, [1, 1], 0, 3).map((col) => col.map((z) => (z >= 0 ? 0.02 : -0.02)));
    const flat = historyFromReturns(['BTC', 'ETH'], [30_000, 2_000], signs);
    const hs = varMarginModel(parseVarSpec({ method: 'historical', lookbackDays: 150 }), flat).compute(linear, m, config());
    const fhs = varMarginModel(parseVarSpec({ method: 'fhs-ewma', lookbackDays: 150 }), flat).compute(linear, m, config());
    expect(fhs.initialMargin).toBeCloseTo(hs.initialMargin, 6);
  });

  it('rescales to today\'s vol: after a calm final month FHS needs less than historical simulation, the stressed floor restores it', () => {
    const calm = randomReturns(400, [0.03, 0.04], 0.8, 9).map((col) => col.map((x, t) => (t >= 340 ? x / 4 : x)));
    const h = historyFromReturns(['BTC', 'ETH'], [30_000, 2_000], calm);
    const spec = { lookbackDays: 300 };
    const hs = varMarginModel(parseVarSpec({ ...spec, method: 'historical' }), h).compute(linear, m, config());
    const fhs = varMarginModel(parseVarSpec({ ...spec, method: 'fhs-ewma' }), h).compute(linear, m, config());
    const floored = varMarginModel(parseVarSpec({ ...spec, method: 'fhs-ewma', stressedPeriod: { from: h.dates[100], to: h.dates[300] } }), h).compute(linear, m, config());
    expect(fhs.initialMargin).toBeLessThan(0.6 * hs.initialMargin);
    expect(floored.initialMargin).toBeGreaterThan(fhs.initialMargin * 2);
  });
});

/** Hand sample covariance (n - 1) of the last `lookback` daily returns. */
function handCovariance(lookback: number): number[][] {
  const r = returns.map((col) => col.slice(-lookback));
  const mean = r.map((col) => sum(col) / lookback);
  return [0, 1].map((i) => [0, 1].map((j) => sum(r[i].map((x, t) => (x - mean[i]) * (r[j][t] - mean[j]))) / (lookback - 1)));
}

describe('parametric and Monte Carlo', () => {
  const lookback = 250;
  const h = 2;
  const cov = handCovariance(lookback);
  const d = [2 * BTC, -10 * ETH]; // cash deltas of the linear book
  const sigma = Math.sqrt(h * (d[0] * d[0] * cov[0][0] + 2 * d[0] * d[1] * cov[0][1] + d[1] * d[1] * cov[1][1]));

  it('delta-normal VaR/ES of a linear book = z sigma and sigma phi(z)/(1-a) with the hand sample covariance; Euler components', () => {
    const spec = { method: 'parametric' as const, covariance: 'sample' as const, lookbackDays: lookback, mporDays: h };
    const v = run(linear, { ...spec, measure: 'var' });
    const e = run(linear, { ...spec, measure: 'es' });
    expect(v.initialMargin / (Z99 * sigma)).toBeCloseTo(1, 9);
    expect(e.initialMargin / ((sigma * PHI_Z99) / 0.01)).toBeCloseTo(1, 9);
    // Euler: c_i = z d_i (C d)_i h / sigma
    const cBtc = (Z99 * d[0] * h * (cov[0][0] * d[0] + cov[0][1] * d[1])) / sigma;
    expect(v.positions.find((p) => p.symbol === 'BTC_USDC')!.component / cBtc).toBeCloseTo(1, 6);
    expect(sum(v.positions.map((p) => p.component)) / v.initialMargin).toBeCloseTo(1, 8);
  });

  it('Monte Carlo ES of a low-vol linear book converges to the delta-normal ES; same seed gives identical bits', () => {
    // Returns / 10 keep exp(x) - 1 within 1% of x in the tail, so the delta-normal ES is the reference.
    const calm = historyFromReturns(['BTC', 'ETH'], [30_000, 2_000], returns.map((col) => col.map((x) => x / 10)));
    const spec = parseVarSpec({ method: 'montecarlo', covariance: 'sample', lookbackDays: lookback, mporDays: h, monteCarlo: { paths: 20_000, seed: 42 } });
    const model = varMarginModel(spec, calm);
    const mc = model.compute(linear, m, config());
    const reference = (sigma / 10) * PHI_Z99 / 0.01;
    expect(mc.initialMargin / reference).toBeGreaterThan(0.97);
    expect(mc.initialMargin / reference).toBeLessThan(1.03);
    expect(model.compute(linear, m, config()).initialMargin).toBe(mc.initialMargin);
    const other = varMarginModel(parseVarSpec({ ...spec, monteCarlo: { ...spec.monteCarlo, seed: 43 } }), calm).compute(linear, m, config());
    expect(other.initialMargin).not.toBe(mc.initialMargin);
  });

  it('Student-t paths: 99% VaR of one coin = t_5(0.99) sqrt(3/5) sd = 2.6064 sd (t table 3.36493)', () => {
    const one = historyFromReturns(['BTC'], [30_000], [returns[0].map((x) => x / 10)]);
    const spec = parseVarSpec({ method: 'montecarlo', measure: 'var', covariance: 'sample', lookbackDays: lookback, mporDays: 1, monteCarlo: { paths: 50_000, distribution: 'student-t', degreesOfFreedom: 5 } });
    const r = varMarginModel(spec, one).compute(book([pos('BTC_USDC', -1)]), m, config());
    const col = returns[0].slice(-lookback).map((x) => x / 10);
    const mean = sum(col) / lookback;
    const sd = Math.sqrt(sum(col.map((x) => (x - mean) ** 2)) / (lookback - 1));
    const expected = BTC * (Math.exp(3.36493 * Math.sqrt(3 / 5) * sd) - 1);
    expect(r.initialMargin / expected).toBeGreaterThan(0.96);
    expect(r.initialMargin / expected).toBeLessThan(1.04);
  });
});
