import { describe, expect, it } from 'vitest';
import { anchorBook, marketAt, templateOfBook } from '../../../src/engine/backtest/anchoredBook';
import { hypotheticalSuite } from '../../../src/engine/backtest/suite';
import type { CloseHistory } from '../../../src/engine/backtest/history';
import { parseDeribitSymbol } from '../../../src/engine/instrument';

const history: CloseHistory = {
  dates: ['2024-01-01', '2024-01-02'],
  underlyings: ['BTC', 'ETH'],
  closes: Float64Array.of(40_000, 2_000, 50_000, NaN),
  vols: Float64Array.of(0.5, NaN, 0.55, NaN),
};

describe('books over history', () => {
  it('market at t uses the close, DVOL where present and the fallback vol elsewhere; unlisted underlyings are absent', () => {
    const m = marketAt(history, 1, 0.6);
    expect(m.valuationTime).toBe(Date.UTC(2024, 0, 2));
    expect(m.underlyings.BTC).toMatchObject({ spot: 50_000, vol: 0.55, rate: 0 });
    expect(m.underlyings.ETH).toBeUndefined();
    expect(marketAt(history, 0, 0.6).underlyings.ETH.vol).toBe(0.6);
  });

  it('re-anchoring keeps moneyness and tenor; notional sizing keeps USD notional', () => {
    const [straddle] = hypotheticalSuite({ BTC: 40_000 }, 1_000_000);
    const b0 = anchorBook(straddle, marketAt(history, 0, 0.6));
    const b1 = anchorBook(straddle, marketAt(history, 1, 0.6));
    expect(b0.positions[0].instrument.strike).toBe(40_000);
    expect(b1.positions[0].instrument.strike).toBe(50_000);
    expect(b1.positions[0].instrument.expiry).toBe(Date.UTC(2024, 1, 1, 8));
    expect(b0.positions[0].quantity).toBeCloseTo(25, 12);
    expect(b1.positions[0].quantity * 50_000).toBeCloseTo(1_000_000, 6);
    expect(b1.positions[1].instrument.right).toBe('put');
  });

  it('a user book becomes a template of its current tenor and moneyness', () => {
    const market = marketAt(history, 0, 0.6);
    const instrument = parseDeribitSymbol('BTC-31JAN24-44000-C');
    const t = templateOfBook({ name: 'mine', positions: [{ instrument, quantity: 2 }], collateral: { BTC: 1 } }, market, 'quantity');
    expect(t.positions[0]).toMatchObject({ kind: 'option', moneyness: 1.1, tenorDays: 30, right: 'call', settlement: 'inverse', quantity: 2 });
    const again = anchorBook(t, market);
    expect(again.positions[0].instrument.strike).toBeCloseTo(44_000, 9);
    expect(again.positions[0].instrument.expiry).toBe(instrument.expiry);
  });

  it('missing prices and bad templates are clear errors', () => {
    const [straddle] = hypotheticalSuite({ ETH: 2_000 });
    expect(() => anchorBook(straddle, marketAt(history, 1, 0.6))).toThrow(/ETH long straddle 30d, position 0: no price for ETH on 2024-01-02/);
    expect(() => hypotheticalSuite({ BTC: 0 })).toThrow(/reference spot of BTC must be positive/);
  });
});
