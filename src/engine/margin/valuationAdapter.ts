import type { Instrument } from '../instrument';
import type { MarketState, Position } from '../market';
import { instrumentTerms, marketContext, positionRisk, type MarketContext } from '../valuation';
import type { PositionValuation } from './types';

/**
 * PositionValuation backed by the engine's valuation module (Black-76 on the forward; valuation.ts).
 * Equity contribution: options add their premium value q m V; futures and perpetuals add their unrealised P&L
 * since avgPrice (linear q m (F - avg); inverse q m (1/avg - 1/F) coin x S), 0 without an avgPrice; spot adds q m S.
 */
export function engineValuation(): PositionValuation {
  let lastMarket: MarketState | undefined;
  let ctx: MarketContext | undefined;
  const contextFor = (market: MarketState) => {
    if (market !== lastMarket) {
      lastMarket = market;
      ctx = marketContext(market);
    }
    return ctx!;
  };
  return {
    optionMark(instrument: Instrument, market: MarketState) {
      const risk = positionRisk({ instrument, quantity: 1 }, instrumentTerms(instrument, contextFor(market)));
      return risk.valueUsd / instrument.multiplier;
    },
    positionValue(position: Position, market: MarketState) {
      const terms = instrumentTerms(position.instrument, contextFor(market));
      const size = position.quantity * position.instrument.multiplier;
      switch (terms.valuationKind) {
        case 'spot':
        case 'option':
          return positionRisk(position, terms).valueUsd;
        case 'linear-forward':
          return position.avgPrice === undefined ? 0 : size * (terms.forward - position.avgPrice);
        case 'inverse-forward':
          return position.avgPrice === undefined ? 0 : size * (1 / position.avgPrice - 1 / terms.forward) * terms.spot;
      }
    },
  };
}
