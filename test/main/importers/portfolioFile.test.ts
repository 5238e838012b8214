import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDeribitSymbol } from '../../../src/engine/instrument';
import { fromBookAndMarket, parsePortfolioFile, toBookAndMarket } from '../../../src/shared/portfolioFile';

const fixture = JSON.parse(readFileSync(new URL('../../fixtures/portfolio-sample.json', import.meta.url), 'utf8'));
const clone = () => JSON.parse(JSON.stringify(fixture));

describe('portfolio file', () => {
  it('converts to the engine book and market with the conventions of instrument.ts and market.ts', () => {
    const { book, market } = toBookAndMarket(parsePortfolioFile(fixture));
    expect(market.valuationTime).toBe(Date.UTC(2024, 0, 8, 12));
    expect(book.collateral).toEqual({ BTC: 2.5, USDC: 50000 });
    const [call, perp, ethPut, future, ethPerp] = book.positions;
    expect(call).toEqual({ instrument: parseDeribitSymbol('BTC-29MAR24-50000-C'), quantity: -3, avgPrice: 0.045 });
    expect(perp.instrument).toMatchObject({ kind: 'perpetual', settlement: 'inverse', multiplier: 10 });
    // Field-by-field positions resolve to the same instruments the Deribit names give.
    expect(ethPut.instrument).toEqual(parseDeribitSymbol('ETH_USDC-26JAN24-2100-P'));
    expect(future.instrument).toEqual(parseDeribitSymbol('BTC-29MAR24'));
    expect(ethPerp.instrument).toEqual({ ...parseDeribitSymbol('ETH_USDC-PERPETUAL'), multiplier: 0.1 });
    // Smiles come out sorted by expiry, as UTC ms, Deribit's 08:00 expiry kept.
    const btcVol = market.underlyings.BTC.vol as { expiry: number }[];
    expect(btcVol.map((s) => s.expiry)).toEqual([Date.UTC(2024, 0, 26, 8), Date.UTC(2024, 2, 29, 8)]);
    expect(market.underlyings.BTC).toMatchObject({ spot: 46000, rate: 0.05, carry: 0.02, forwards: [{ expiry: Date.UTC(2024, 2, 29, 8), price: 46800 }] });
  });

  it('round-trips: file -> engine -> file -> engine is unchanged', () => {
    const first = toBookAndMarket(parsePortfolioFile(fixture));
    const written = fromBookAndMarket(first.book, first.market);
    expect(toBookAndMarket(parsePortfolioFile(JSON.parse(JSON.stringify(written))))).toEqual(first);
    // A position whose symbol reproduces it is written by symbol; the non-standard multiplier keeps its fields.
    expect(written.positions[2]).toEqual({ symbol: 'ETH_USDC-26JAN24-2100-P', quantity: 12, avgPrice: 35.5 });
    expect(written.positions[4]).toMatchObject({ kind: 'perpetual', multiplier: 0.1 });
  });

  const bad: [string, (f: ReturnType<typeof clone>) => void, RegExp][] = [
    ['wrong format', (f) => (f.format = 'other'), /^book\.json: format: /],
    ['future version', (f) => (f.version = 2), /version/],
    ['non-ISO valuation time', (f) => (f.valuationTime = '08/01/2024'), /valuationTime/],
    ['negative spot', (f) => (f.market.ETH.spot = -1), /market\.ETH\.spot/],
    ['unsorted smile strikes', (f) => (f.market.BTC.vol['2024-03-29T08:00:00Z'].strikes = [46000, 40000, 55000]), /strictly increasing/],
    ['smile length mismatch', (f) => (f.market.BTC.vol['2024-03-29T08:00:00Z'].vols = [0.5]), /same length/],
    ['quantity not a number', (f) => (f.positions[1].quantity = '4000'), /positions\[1\]/],
    ['option without strike', (f) => delete f.positions[2].strike, /positions\[2\]/],
    ['unknown key', (f) => (f.positions[0].qty = 1), /positions\[0\]/],
  ];
  it.each(bad)('rejects %s with the field path', (_label, mutate, expected) => {
    const f = clone();
    mutate(f);
    expect(() => parsePortfolioFile(f, 'book.json')).toThrow(expected);
  });

  it('rejects unknown symbols and underlyings without a market, naming the position', () => {
    const f = clone();
    f.positions[0].symbol = 'BTC-29FOO24-1-C';
    expect(() => toBookAndMarket(parsePortfolioFile(f), 'book.json')).toThrow(/^book\.json: positions\[0\]: unknown instrument/);
    const g = clone();
    g.positions.push({ symbol: 'SOL_USDC-PERPETUAL', quantity: 1 });
    expect(() => toBookAndMarket(parsePortfolioFile(g), 'book.json')).toThrow(/positions\[5\] \(SOL_USDC-PERPETUAL\): market has no entry for underlying SOL/);
  });
});
