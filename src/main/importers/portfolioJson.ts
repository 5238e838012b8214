import { basename } from 'node:path';
import { getMarketSnapshot, getPortfolio, marketFromHistory, readPortfolioFile, replacePortfolio, type Db } from '../store';
import { fromBookAndMarket, type PortfolioFile } from '../../shared/portfolioFile';

/**
 * Stores a portfolio JSON file (docs/portfolio-format.md): the book (replacing a stored book of the same name),
 * its instruments, collateral and its market snapshot, in one transaction.
 */
export function importPortfolioJson(db: Db, path: string): { rows: number; series: string[] } {
  const { book, market } = readPortfolioFile(path);
  replacePortfolio(db, book, market, basename(path));
  return { rows: book.positions.length, series: [book.name] };
}

/** A stored book as a portfolio file, with its stored market snapshot (else a market built from stored history). */
export function exportPortfolioJson(db: Db, name: string): PortfolioFile {
  const book = getPortfolio(db, name);
  if (!book) throw new Error(`no portfolio named '${name}' in the database`);
  return fromBookAndMarket(book, getMarketSnapshot(db, name) ?? marketFromHistory(db, book));
}
