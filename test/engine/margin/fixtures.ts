import { parseDeribitSymbol } from '../../../src/engine/instrument';
import type { Book, MarketState, Position } from '../../../src/engine/market';
import { engineValuation } from '../../../src/engine/margin/valuationAdapter';
import type { MarginConfig } from '../../../src/engine/margin/types';

/** Flat market, zero rate and carry so forwards equal spot and hand computations stay simple. */
export const T0 = Date.UTC(2024, 0, 1, 8);
export const BTC = 40_000;
export const ETH = 2_500;

export function market(vol = 0.6): MarketState {
  return {
    valuationTime: T0,
    reportingCurrency: 'USD',
    underlyings: {
      BTC: { underlying: 'BTC', spot: BTC, rate: 0, carry: 0, vol },
      ETH: { underlying: 'ETH', spot: ETH, rate: 0, carry: 0, vol },
    },
  };
}

export function pos(symbol: string, quantity: number, avgPrice?: number): Position {
  const p: Position = { instrument: parseDeribitSymbol(symbol), quantity };
  if (avgPrice !== undefined) p.avgPrice = avgPrice;
  return p;
}

export function book(positions: Position[], collateral: Record<string, number> = {}): Book {
  return { name: 'test', positions, collateral };
}

export function config(extra: Partial<MarginConfig> = {}): MarginConfig {
  return { valuation: engineValuation(), liquidation: false, ...extra };
}
