import type { Position } from '../../engine/market';
import type { PositionRow } from '../../shared/api';

/** One position flattened (Position + Instrument) into the API's grid row shape, for the services and engine jobs. */
export function toPositionRow({ instrument, quantity, avgPrice }: Position): PositionRow {
  return {
    symbol: instrument.symbol,
    kind: instrument.kind,
    underlying: instrument.underlying,
    quote: instrument.quote,
    settlement: instrument.settlement,
    settleCurrency: instrument.settleCurrency,
    expiry: instrument.expiry ?? null,
    strike: instrument.strike ?? null,
    right: instrument.right ?? null,
    multiplier: instrument.multiplier,
    quantity,
    avgPrice: avgPrice ?? null,
  };
}
