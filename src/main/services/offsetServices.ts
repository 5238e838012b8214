/**
 * The OffsetServices implementation over a portfolio store. The store is reached through the small
 * PortfolioSource port so the services (and the server tests) do not depend on SQLite.
 */
import type { Book, Position } from '../../engine/market';
import type { AppInfo, OffsetServices, PortfolioSummary, PositionRow } from '../../shared/api';
import { ServiceError } from './errors';

export interface PortfolioSource {
  listPortfolios(): PortfolioSummary[];
  /** The named book, or undefined when no portfolio has that name. */
  loadBook(name: string): Book | undefined;
}

export interface ServiceContext {
  source: PortfolioSource;
  info: AppInfo;
}

export function createOffsetServices({ source, info }: ServiceContext): OffsetServices {
  return {
    getAppInfo: async () => info,
    listPortfolios: async () => source.listPortfolios(),
    getPortfolio: async ({ name }) => {
      const book = source.loadBook(name);
      if (!book) throw new ServiceError('not_found', `portfolio '${name}' does not exist`);
      return {
        name: book.name,
        positions: book.positions.map(toPositionRow),
        collateral: Object.entries(book.collateral).map(([asset, amount]) => ({ asset, amount })),
      };
    },
  };
}

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

/** Summarises in-memory books (tests, demo data) in the shape the store returns. */
export function summariseBook(book: Book): PortfolioSummary {
  return { name: book.name, positionCount: book.positions.length, collateralAssets: Object.keys(book.collateral).sort() };
}
