import type { Instrument } from './instrument';

/**
 * Market state and books: the inputs every valuation, margin, stress and backtest run starts from.
 * Prices are in the reporting currency (USD; USDC and USDT are treated as USD). Vols are annualised decimals
 * (0.65 = 65 vol points). Rates and carry are continuously compounded per year (ACT/365).
 */
export interface VolSmile {
  /** Expiry this smile belongs to (UTC ms). */
  expiry: number;
  /** Strictly increasing strikes (USD). */
  strikes: number[];
  /** Implied vols at those strikes. */
  vols: number[];
}

export interface ForwardQuote {
  expiry: number;
  price: number;
}

export interface UnderlyingMarket {
  underlying: string;
  /** Index (spot) price in USD. */
  spot: number;
  /** USD risk-free rate. */
  rate: number;
  /** Carry yield q: without a quoted forward, F(T) = spot * exp((rate - carry) * T). Defaults to rate (F = spot). */
  carry?: number;
  /** Quoted forwards/futures prices; expiries between quotes interpolate the implied carry. */
  forwards?: ForwardQuote[];
  /** A flat vol, or per-expiry smiles (a surface). */
  vol: number | VolSmile[];
}

export interface MarketState {
  /** Valuation time (UTC ms). */
  valuationTime: number;
  reportingCurrency: 'USD';
  underlyings: Record<string, UnderlyingMarket>;
}

export interface Position {
  instrument: Instrument;
  /** Signed: positive long, negative short (see instrument.ts for units). */
  quantity: number;
  /** Average entry price in the instrument's quote convention (USD, or coin for inverse options). */
  avgPrice?: number;
}

export interface Book {
  name: string;
  positions: Position[];
  /** Collateral balances per asset (coin units; USD/USDC/USDT in dollars). */
  collateral: Record<string, number>;
}
