import type { BookTemplate, PositionTemplate } from './anchoredBook';

/**
 * Generated hypothetical books for a backtest suite, built per underlying (all linear, quantities in coin, constant
 * USD notional of `notionalUsd` per leg at the reference spot): long and short 30-day ATM straddles, a 30-day 10%
 * OTM risk reversal (long call 1.1, short put 0.9 moneyness), a calendar spread (short 7-day, long 60-day ATM
 * calls), a basis trade (long spot, short 90-day future) and outright long and short 90-day futures.
 */
export function hypotheticalSuite(referenceSpot: Record<string, number>, notionalUsd = 1_000_000): BookTemplate[] {
  const books: BookTemplate[] = [];
  for (const [underlying, spot] of Object.entries(referenceSpot)) {
    if (!(spot > 0)) throw new RangeError(`hypothetical suite: reference spot of ${underlying} must be positive, got ${spot}`);
    const q = notionalUsd / spot;
    const leg = (p: Omit<PositionTemplate, 'underlying' | 'settlement'>): PositionTemplate => ({ underlying, settlement: 'linear', ...p });
    const option = (right: 'call' | 'put', moneyness: number, tenorDays: number, quantity: number) => leg({ kind: 'option', right, moneyness, tenorDays, quantity });
    const book = (name: string, positions: PositionTemplate[]): BookTemplate => ({ name: `${underlying} ${name}`, positions, sizing: 'notional', referenceSpot: { [underlying]: spot } });
    books.push(
      book('long straddle 30d', [option('call', 1, 30, q), option('put', 1, 30, q)]),
      book('short straddle 30d', [option('call', 1, 30, -q), option('put', 1, 30, -q)]),
      book('risk reversal 30d', [option('call', 1.1, 30, q), option('put', 0.9, 30, -q)]),
      book('calendar 7d/60d', [option('call', 1, 7, -q), option('call', 1, 60, q)]),
      book('basis 90d', [leg({ kind: 'spot', quantity: q }), leg({ kind: 'future', tenorDays: 90, quantity: -q })]),
      book('long future 90d', [leg({ kind: 'future', tenorDays: 90, quantity: q })]),
      book('short future 90d', [leg({ kind: 'future', tenorDays: 90, quantity: -q })]),
    );
  }
  return books;
}
