/**
 * Instruments and the Deribit naming convention.
 *
 * Quantity conventions (one place, used everywhere):
 * - spot, linear perpetuals/futures, linear and inverse options: quantity is in units of the underlying coin
 *   (multiplier = coin per contract, 1 unless the venue says otherwise).
 * - inverse perpetuals/futures: quantity is in contracts of `multiplier` USD face value each
 *   (Deribit: BTC 10 USD, ETH 1 USD), so a position of 1,000 BTC-PERPETUAL contracts is 10,000 USD face.
 * Expiries are UTC epoch milliseconds; Deribit expires at 08:00 UTC.
 */
export type InstrumentKind = 'spot' | 'perpetual' | 'future' | 'option';
export type Settlement = 'linear' | 'inverse';
export type OptionRight = 'call' | 'put';

export interface Instrument {
  /** Exchange symbol, unique key in the store (e.g. BTC-27DEC24-70000-C). */
  symbol: string;
  kind: InstrumentKind;
  underlying: string;
  /** Currency prices are quoted in (USD for Deribit inverse, USDC for linear). */
  quote: string;
  settlement: Settlement;
  /** Currency P&L settles in: the coin for inverse, the quote stablecoin for linear. */
  settleCurrency: string;
  expiry?: number;
  strike?: number;
  right?: OptionRight;
  multiplier: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Deribit expiry hour (UTC). */
export const DERIBIT_EXPIRY_HOUR_UTC = 8;
/** Deribit inverse future/perpetual contract sizes in USD. */
const INVERSE_CONTRACT_USD: Record<string, number> = { BTC: 10, ETH: 1 };

export class InstrumentSymbolError extends Error {
  constructor(symbol: string, reason: string) {
    super(`unknown instrument '${symbol}': ${reason}`);
    this.name = 'InstrumentSymbolError';
  }
}

/** Parses Deribit's `9JAN24` / `27DEC24` into the 08:00 UTC expiry timestamp. */
export function parseDeribitExpiry(code: string, symbol = code): number {
  const m = /^(\d{1,2})([A-Z]{3})(\d{2})$/.exec(code);
  if (!m) throw new InstrumentSymbolError(symbol, `expiry '${code}' is not DDMMMYY`);
  const month = MONTHS.indexOf(m[2]);
  if (month < 0) throw new InstrumentSymbolError(symbol, `unknown month '${m[2]}'`);
  const day = Number(m[1]);
  const year = 2000 + Number(m[3]);
  const ts = Date.UTC(year, month, day, DERIBIT_EXPIRY_HOUR_UTC);
  if (new Date(ts).getUTCDate() !== day) throw new InstrumentSymbolError(symbol, `day ${day} does not exist in ${m[2]} ${year}`);
  return ts;
}

/** Formats a timestamp as Deribit's expiry code (inverse of parseDeribitExpiry). */
export function formatDeribitExpiry(ts: number): string {
  const d = new Date(ts);
  return `${d.getUTCDate()}${MONTHS[d.getUTCMonth()]}${String(d.getUTCFullYear() % 100).padStart(2, '0')}`;
}

/**
 * Parses a Deribit instrument name. Coin-margined names (`BTC-…`) are inverse and settle in the coin;
 * `BTC_USDC-…` names are linear and settle in USDC. Strikes may use `d` as the decimal point (`0d625`).
 * Anything else is an error: a guessed instrument would silently misprice the book.
 */
export function parseDeribitSymbol(symbol: string): Instrument {
  const parts = symbol.trim().split('-');
  const head = parts[0];
  const pair = /^([A-Z0-9]+)(?:_([A-Z]+))?$/.exec(head);
  if (!pair) throw new InstrumentSymbolError(symbol, `currency part '${head}' is not COIN or COIN_QUOTE`);
  const underlying = pair[1];
  const linearQuote = pair[2];
  if (linearQuote !== undefined && linearQuote !== 'USDC' && linearQuote !== 'USDT') {
    throw new InstrumentSymbolError(symbol, `unsupported quote currency '${linearQuote}'`);
  }
  const settlement: Settlement = linearQuote ? 'linear' : 'inverse';
  const quote = linearQuote ?? 'USD';
  const settleCurrency = linearQuote ?? underlying;
  const base = { symbol, underlying, quote, settlement, settleCurrency };

  if (parts.length === 1) {
    if (!linearQuote) throw new InstrumentSymbolError(symbol, 'a bare coin is not an instrument (spot pairs are COIN_QUOTE)');
    return { ...base, kind: 'spot', multiplier: 1 };
  }
  const inverseFace = () => {
    const face = INVERSE_CONTRACT_USD[underlying];
    if (face === undefined) throw new InstrumentSymbolError(symbol, `no known inverse contract size for ${underlying}`);
    return face;
  };
  if (parts.length === 2) {
    const multiplier = settlement === 'inverse' ? inverseFace() : 1;
    if (parts[1] === 'PERPETUAL') return { ...base, kind: 'perpetual', multiplier };
    return { ...base, kind: 'future', expiry: parseDeribitExpiry(parts[1], symbol), multiplier };
  }
  if (parts.length === 4) {
    const expiry = parseDeribitExpiry(parts[1], symbol);
    const strikeText = parts[2].replace('d', '.');
    if (!/^\d+(\.\d+)?$/.test(strikeText)) throw new InstrumentSymbolError(symbol, `strike '${parts[2]}' is not a number`);
    const strike = Number(strikeText);
    if (!(strike > 0)) throw new InstrumentSymbolError(symbol, 'strike must be positive');
    const rightCode = parts[3];
    if (rightCode !== 'C' && rightCode !== 'P') throw new InstrumentSymbolError(symbol, `option right '${rightCode}' is not C or P`);
    return { ...base, kind: 'option', expiry, strike, right: rightCode === 'C' ? 'call' : 'put', multiplier: 1 };
  }
  throw new InstrumentSymbolError(symbol, 'expected COIN-PERPETUAL, COIN-DDMMMYY or COIN-DDMMMYY-STRIKE-C|P');
}

/** Builds the Deribit-style symbol for explicitly described instruments (used when a file gives fields, not a name). */
export function deribitSymbolFor(i: Omit<Instrument, 'symbol' | 'quote' | 'settleCurrency' | 'multiplier'>): string {
  const head = i.settlement === 'linear' ? `${i.underlying}_USDC` : i.underlying;
  switch (i.kind) {
    case 'spot':
      return `${i.underlying}_USDC`;
    case 'perpetual':
      return `${head}-PERPETUAL`;
    case 'future':
      return `${head}-${formatDeribitExpiry(i.expiry!)}`;
    case 'option':
      return `${head}-${formatDeribitExpiry(i.expiry!)}-${String(i.strike).replace('.', 'd')}-${i.right === 'call' ? 'C' : 'P'}`;
  }
}
