import { existsSync, readFileSync } from 'node:fs';
import type { Book, MarketState, UnderlyingMarket } from '../../engine/market';
import { parsePortfolioFile, toBookAndMarket } from '../../shared/portfolioFile';
import type { Db } from './database';
import { getMarketSnapshot, getPortfolio } from './portfolios';

export interface LoadedBook {
  book: Book;
  market: MarketState;
}

/** Reads and validates a portfolio JSON file (docs/portfolio-format.md). */
export function readPortfolioFile(path: string): LoadedBook {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`, { cause: error });
  }
  return toBookAndMarket(parsePortfolioFile(json, path), path);
}

/**
 * The market of a stored book that has no snapshot of its own (e.g. positions imported from CSV): per underlying,
 * spot = the latest daily close and a flat vol = the latest DVOL-style index (vol points / 100) at or before it;
 * rate 0; valued at the latest of those closes.
 */
export function marketFromHistory(db: Db, book: Book): MarketState {
  const lastClose = db.prepare("SELECT ts, close FROM price_bars WHERE asset = ? AND interval = '1d' ORDER BY ts DESC LIMIT 1");
  const lastVol = db.prepare('SELECT value FROM vol_series WHERE asset = ? AND ts <= ? ORDER BY ts DESC LIMIT 1').pluck();
  const underlyings: Record<string, UnderlyingMarket> = {};
  let valuationTime = -Infinity;
  for (const underlying of new Set(book.positions.map((p) => p.instrument.underlying))) {
    const close = lastClose.get(underlying) as { ts: number; close: number } | undefined;
    if (!close) throw new RangeError(`portfolio '${book.name}': no stored market and no daily prices for ${underlying} (import prices, or import the book as portfolio JSON)`);
    const volPoints = lastVol.get(underlying, close.ts) as number | undefined;
    if (volPoints === undefined) throw new RangeError(`portfolio '${book.name}': no stored market and no implied-vol series for ${underlying} (import vols, or import the book as portfolio JSON)`);
    underlyings[underlying] = { underlying, spot: close.close, rate: 0, vol: volPoints / 100 };
    valuationTime = Math.max(valuationTime, close.ts);
  }
  if (!Number.isFinite(valuationTime)) valuationTime = Date.now();
  return { valuationTime, reportingCurrency: 'USD', underlyings };
}

/**
 * Resolves what `offset risk/margin/stress <portfolio>` names: a path to a portfolio .json file, or the name of a
 * portfolio in the store (with its stored market snapshot, else a market built from stored history).
 */
export function loadBook(db: Db | undefined, nameOrFile: string): LoadedBook {
  if (nameOrFile.toLowerCase().endsWith('.json') || (!db && existsSync(nameOrFile))) {
    if (!existsSync(nameOrFile)) throw new RangeError(`portfolio file ${nameOrFile} does not exist`);
    return readPortfolioFile(nameOrFile);
  }
  if (!db) throw new RangeError(`'${nameOrFile}' is not a portfolio .json file and no database is open`);
  const book = getPortfolio(db, nameOrFile);
  if (!book) throw new RangeError(`no portfolio named '${nameOrFile}' in the database (offset list portfolios), and no such .json file`);
  return { book, market: getMarketSnapshot(db, nameOrFile) ?? marketFromHistory(db, book) };
}
