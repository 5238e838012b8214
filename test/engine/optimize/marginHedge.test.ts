import { describe, expect, it } from 'vitest';
import { parseDeribitSymbol } from '../../../src/engine/instrument';
import type { Book, MarketState } from '../../../src/engine/market';
import { loadPreset, modelFromPreset } from '../../../src/engine/margin/presets';
import type { GridPreset } from '../../../src/engine/margin/presets/schema';
import { engineValuation } from '../../../src/engine/margin/valuationAdapter';
import { esHedgeScenarios, gridHedgeScenarios, initialMarginOf, optimiseHedge, type HedgeCandidateInstrument } from '../../../src/engine/optimize/marginHedge';
import { scenarioBatch } from '../../../src/engine/scenario';
import { historicalEs } from '../../../src/engine/stats/tailRisk';
import { compileBook, revalue } from '../../../src/engine/kernel';

const T0 = Date.UTC(2024, 0, 1, 8);
const market: MarketState = {
  valuationTime: T0,
  reportingCurrency: 'USD',
  underlyings: { BTC: { underlying: 'BTC', spot: 40_000, rate: 0, carry: 0, vol: 0.6 }, ETH: { underlying: 'ETH', spot: 2_500, rate: 0, carry: 0, vol: 0.7 } },
};
const config = { valuation: engineValuation(), liquidation: false };
const pos = (symbol: string, quantity: number) => ({ instrument: parseDeribitSymbol(symbol), quantity });
const cand = (symbol: string, bound: number, cost = 0): HedgeCandidateInstrument => ({ instrument: parseDeribitSymbol(symbol), minQuantity: -bound, maxQuantity: bound, costPerUnit: cost });

describe('margin-optimal hedge with the grid model (span-16 preset)', () => {
  const preset = loadPreset('span-16') as GridPreset;
  const model = modelFromPreset(preset);
  const marginOf = initialMarginOf(model, market, config);

  it('short puts and long ETH: margin after (recomputed by the grid model) is below margin before', async () => {
    const book: Book = { name: 'b', positions: [pos('BTC-29MAR24-36000-P', -20), pos('ETH_USDC-PERPETUAL', 40)], collateral: { USDC: 2_000_000 } };
    const candidates = [cand('BTC_USDC-PERPETUAL', 50, 2), cand('BTC_USDC-29MAR24', 50, 3), cand('ETH_USDC-PERPETUAL', 100, 0.2), cand('BTC-29MAR24-32000-P', 40, 20)];
    const r = await optimiseHedge(book, candidates, gridHedgeScenarios(preset, book, market, config, candidates), marginOf);
    expect(r.accepted).toBe(true);
    expect(r.trades.length).toBeGreaterThan(0);
    expect(r.marginAfter).toBeLessThan(r.marginBefore);
    expect(r.marginAfter).toBe(marginOf({ ...book, positions: [...book.positions, ...r.trades.map((t) => pos(t.symbol, t.quantity))] }));
    // The LP's blocked min-max equals the model's scan margin on the unhedged book (pure scan tables, no add-ons here).
    expect(r.lp.riskBefore).toBeLessThanOrEqual(r.marginBefore + 1e-6);
  });

  it('an already-flat book gets an empty hedge', async () => {
    const book: Book = { name: 'flat', positions: [], collateral: { USDC: 1_000 } };
    const candidates = [cand('BTC_USDC-PERPETUAL', 50, 0), cand('BTC-29MAR24-32000-P', 40, 0)];
    const r = await optimiseHedge(book, candidates, gridHedgeScenarios(preset, book, market, config, candidates), marginOf);
    expect(r.trades).toEqual([]);
    expect(r.marginAfter).toBe(r.marginBefore);
  });
});

describe('margin-optimal hedge with historical ES', () => {
  it('long linear BTC hedged by the same perpetual at zero cost: trade = -quantity, ES after 0', async () => {
    const rows = Array.from({ length: 200 }, (_, s) => ({ spotMultiplier: [Math.exp(0.05 * Math.sin(s * 1.3)), Math.exp(0.06 * Math.cos(s))], volShift: [0, 0] }));
    const batch = scenarioBatch(['BTC', 'ETH'], rows);
    const book: Book = { name: 'b', positions: [pos('BTC_USDC-PERPETUAL', 3)], collateral: {} };
    const candidates = [cand('BTC_USDC-PERPETUAL', 10), cand('ETH_USDC-PERPETUAL', 100)];
    const esOf = (b: Book) => historicalEs(revalue(compileBook(b.positions, market), batch).pnl, 0.975);
    const r = await optimiseHedge(book, candidates, esHedgeScenarios(book, market, batch, 0.975, candidates), esOf);
    expect(r.trades.find((t) => t.symbol === 'BTC_USDC-PERPETUAL')?.quantity).toBeCloseTo(-3, 6);
    expect(r.marginAfter).toBeCloseTo(0, 6);
    expect(r.marginBefore).toBeGreaterThan(0);
  });
});
