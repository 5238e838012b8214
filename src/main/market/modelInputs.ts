/**
 * Inputs of the VaR/ES models read from the store: the underlyings a book is exposed to and their aligned daily
 * close history with implied-vol series (e.g. DVOL, decimal), from which the models take joint scenarios and
 * covariances. Today's market comes from the store's loadBook (snapshot, else latest closes and vols).
 */
import type { CloseHistory } from '../../engine/backtest/history';
import type { Book } from '../../engine/market';
import type { Db } from '../store/database';
import { closesMatrix } from '../store/series';

export const DEFAULT_VOL_SERIES = 'DVOL';
const DOLLARS = new Set(['USD', 'USDC', 'USDT']);

/** Underlyings a book is exposed to: its positions' underlyings, then its coin collateral. */
export function bookUnderlyings(book: Book): string[] {
  const names = new Set(book.positions.map((p) => p.instrument.underlying));
  for (const [asset, amount] of Object.entries(book.collateral)) if (!DOLLARS.has(asset) && amount !== 0) names.add(asset);
  return [...names];
}

/**
 * Daily closes of `underlyings` aligned by date (the union of their dates, NaN where one has no bar; the models
 * keep only dates where all have closes), with the implied-vol series where the store has one.
 */
export function closeHistory(db: Db, underlyings: string[], volSeriesName = DEFAULT_VOL_SERIES): CloseHistory {
  const count = db.prepare("SELECT count(*) FROM price_bars WHERE asset = ? AND interval = '1d'").pluck();
  const missing = underlyings.filter((u) => (count.get(u) as number) === 0);
  if (missing.length > 0) throw new RangeError(`no daily closes for ${missing.join(', ')} in the store: import their price history first (offset import prices)`);
  return closesMatrix(db, underlyings, undefined, undefined, volSeriesName);
}
