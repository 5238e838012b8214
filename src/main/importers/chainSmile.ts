/**
 * The implied-vol smile of a stored option chain snapshot, per expiry: one point per strike on the out-of-the-money
 * side (puts below the forward, calls at or above it, the other side when that one has no IV), against strike and
 * log-moneyness ln(K/F). The forward is the underlying price Deribit quotes with that expiry's options (median over
 * its rows), which is the price the chain importer derived missing IVs from.
 */
import type { ChainQuote, ChainSnapshot, Db } from '../store';

export interface SmilePoint {
  strike: number;
  logMoneyness: number;
  /** Annualised decimal. */
  iv: number;
  right: 'call' | 'put';
}

export interface ExpirySmile {
  expiry: number;
  forward: number;
  points: SmilePoint[];
}

/** Underlyings with at least one stored option quote, alphabetically. */
export function chainUnderlyings(db: Db): string[] {
  return db
    .prepare('SELECT DISTINCT i.underlying FROM option_quotes q JOIN instruments i ON i.id = q.instrument_id ORDER BY i.underlying')
    .pluck()
    .all() as string[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function expirySmile(expiry: number, quotes: ChainQuote[]): ExpirySmile {
  const forward = median(quotes.map((q) => q.underlyingPrice));
  const byStrike = new Map<number, { call?: ChainQuote; put?: ChainQuote }>();
  for (const q of quotes) {
    const pair = byStrike.get(q.strike) ?? {};
    pair[q.right] = q;
    byStrike.set(q.strike, pair);
  }
  const points: SmilePoint[] = [];
  for (const strike of [...byStrike.keys()].sort((a, b) => a - b)) {
    const pair = byStrike.get(strike)!;
    const [preferred, other] = strike < forward ? [pair.put, pair.call] : [pair.call, pair.put];
    const usable = (q: ChainQuote | undefined) => q !== undefined && q.markIv !== null && q.markIv > 0;
    const quote = usable(preferred) ? preferred! : usable(other) ? other! : undefined;
    if (quote) points.push({ strike, logMoneyness: Math.log(strike / forward), iv: quote.markIv!, right: quote.right });
  }
  return { expiry, forward, points };
}

/** Smiles of every expiry of a snapshot, nearest expiry first; expiries without any IV are left out. */
export function chainSmiles(snapshot: ChainSnapshot): ExpirySmile[] {
  const byExpiry = new Map<number, ChainQuote[]>();
  for (const q of snapshot.quotes) {
    const quotes = byExpiry.get(q.expiry);
    if (quotes) quotes.push(q);
    else byExpiry.set(q.expiry, [q]);
  }
  return [...byExpiry.entries()]
    .sort(([a], [b]) => a - b)
    .map(([expiry, quotes]) => expirySmile(expiry, quotes))
    .filter((s) => s.points.length > 0);
}
