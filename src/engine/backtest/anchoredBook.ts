import { DERIBIT_EXPIRY_HOUR_UTC, deribitSymbolFor, type Instrument, type InstrumentKind, type Settlement } from '../instrument';
import type { Book, MarketState } from '../market';
import type { CloseHistory } from './history';

/**
 * Books over history. A book is held constant through a backtest in relative terms: each position is a template
 * (underlying, kind, tenor in days, strike as moneyness K / spot) that is re-anchored at every test date t —
 * strikes at the same moneyness of spot at t, expiries the same number of days after t — so a 5-year backtest of
 * a 30-day straddle is always a 30-day at-the-money straddle, never an expired one.
 * Market at t: spot = close at t; vol = the implied vol series (DVOL) at t where present, else `fallbackVol`
 * (documented in docs/methodology/backtesting.md); rates and carry 0 (futures at spot).
 * Sizing: 'quantity' keeps each quantity; 'notional' rescales coin quantities by referenceSpot / spot(t) so the USD
 * notional stays constant (inverse contracts are USD face already and are never rescaled).
 */
export interface PositionTemplate {
  underlying: string;
  kind: InstrumentKind;
  settlement: Settlement;
  quantity: number;
  /** Days to expiry (futures and options). */
  tenorDays?: number;
  /** Strike / spot at anchoring (options). */
  moneyness?: number;
  right?: 'call' | 'put';
  /** Coin per contract (linear) or USD face per contract (inverse futures/perpetuals). */
  multiplier?: number;
}

export interface BookTemplate {
  name: string;
  positions: PositionTemplate[];
  sizing: 'quantity' | 'notional';
  /** Spot per underlying at which quantities are given (for 'notional' sizing). */
  referenceSpot?: Record<string, number>;
  collateral?: Record<string, number>;
}

const DAY_MS = 86_400_000;

/** Market state at row t of the history (see module comment for the conventions). */
export function marketAt(history: CloseHistory, t: number, fallbackVol: number): MarketState {
  const U = history.underlyings.length;
  const valuationTime = Date.parse(`${history.dates[t]}T00:00:00Z`);
  if (!Number.isFinite(valuationTime)) throw new RangeError(`history date '${history.dates[t]}' at row ${t} is not an ISO day`);
  const underlyings: MarketState['underlyings'] = {};
  for (let u = 0; u < U; u++) {
    const spot = history.closes[t * U + u];
    if (!(spot > 0)) continue;
    const vol = history.vols?.[t * U + u];
    underlyings[history.underlyings[u]] = { underlying: history.underlyings[u], spot, rate: 0, vol: vol !== undefined && vol > 0 ? vol : fallbackVol };
  }
  return { valuationTime, reportingCurrency: 'USD', underlyings };
}

/** The concrete book at a market state: instruments built from the templates, quantities per the sizing rule. */
export function anchorBook(template: BookTemplate, market: MarketState): Book {
  const positions = template.positions.map((p, i) => {
    const m = market.underlyings[p.underlying];
    if (!m) throw new RangeError(`book ${template.name}, position ${i}: no price for ${p.underlying} on ${new Date(market.valuationTime).toISOString().slice(0, 10)}`);
    const instrument = instrumentFor(p, market.valuationTime, m.spot, () => `book ${template.name}, position ${i}`);
    const isInverseFace = p.settlement === 'inverse' && (p.kind === 'perpetual' || p.kind === 'future');
    let quantity = p.quantity;
    if (template.sizing === 'notional' && !isInverseFace) {
      const ref = template.referenceSpot?.[p.underlying];
      if (!(ref! > 0)) throw new RangeError(`book ${template.name}: notional sizing needs referenceSpot.${p.underlying}`);
      quantity *= ref! / m.spot;
    }
    return { instrument, quantity };
  });
  return { name: template.name, positions, collateral: template.collateral ?? {} };
}

/** `where` names the position in error messages (built only when one is thrown). */
function instrumentFor(p: PositionTemplate, now: number, spot: number, where: () => string): Instrument {
  const needsTenor = p.kind === 'future' || p.kind === 'option';
  if (needsTenor && !(p.tenorDays! > 0)) throw new RangeError(`${where()}: ${p.kind} needs tenorDays > 0`);
  // Expiry at the Deribit hour, tenorDays calendar days after the anchoring day.
  const expiry = needsTenor ? Math.floor(now / DAY_MS) * DAY_MS + p.tenorDays! * DAY_MS + DERIBIT_EXPIRY_HOUR_UTC * 3_600_000 : undefined;
  if (p.kind === 'option' && !(p.moneyness! > 0 && (p.right === 'call' || p.right === 'put'))) throw new RangeError(`${where()}: option needs moneyness > 0 and right call|put`);
  const strike = p.kind === 'option' ? p.moneyness! * spot : undefined;
  const right = p.kind === 'option' ? p.right : undefined;
  const linear = p.settlement === 'linear';
  // One object literal, no spread: this runs for every position on every backtest date.
  return {
    kind: p.kind,
    underlying: p.underlying,
    settlement: p.settlement,
    expiry,
    strike,
    right,
    symbol: deribitSymbolFor({ kind: p.kind, underlying: p.underlying, settlement: p.settlement, expiry, strike, right }),
    quote: linear ? 'USDC' : 'USD',
    settleCurrency: linear ? 'USDC' : p.underlying,
    multiplier: p.multiplier ?? 1,
  };
}

/**
 * Template of an existing book valued at `market`: tenors and moneyness as they are now. Used to backtest the
 * user's own books with re-anchoring.
 */
export function templateOfBook(book: Book, market: MarketState, sizing: BookTemplate['sizing']): BookTemplate {
  const referenceSpot: Record<string, number> = {};
  const positions = book.positions.map((pos, i): PositionTemplate => {
    const ins = pos.instrument;
    const m = market.underlyings[ins.underlying];
    if (!m) throw new RangeError(`book ${book.name}, position ${i} (${ins.symbol}): no market for ${ins.underlying}`);
    referenceSpot[ins.underlying] = m.spot;
    const tenorDays = ins.expiry !== undefined ? Math.max(1, Math.round((ins.expiry - market.valuationTime) / DAY_MS)) : undefined;
    return {
      underlying: ins.underlying,
      kind: ins.kind,
      settlement: ins.settlement,
      quantity: pos.quantity,
      tenorDays,
      moneyness: ins.strike !== undefined ? ins.strike / m.spot : undefined,
      right: ins.right,
      multiplier: ins.multiplier,
    };
  });
  return { name: book.name, positions, sizing, referenceSpot, collateral: book.collateral };
}
