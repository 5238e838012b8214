/** A small mixed book for the e2e test: inverse perp, inverse option, linear future, spot; coin and USDC collateral. */
import { parseDeribitSymbol } from '../../src/engine/instrument';
import type { Book } from '../../src/engine/market';
import { summariseBook, type PortfolioSource } from '../../src/main/services/offsetServices';

export const SEEDED_PORTFOLIO = 'e2e-desk';
export const SEEDED_SYMBOLS = ['BTC-PERPETUAL', 'BTC-27DEC24-70000-C', 'ETH_USDC-27DEC24', 'ETH_USDC'];

const book: Book = {
  name: SEEDED_PORTFOLIO,
  positions: [
    { instrument: parseDeribitSymbol('BTC-PERPETUAL'), quantity: -1000, avgPrice: 64250.5 },
    { instrument: parseDeribitSymbol('BTC-27DEC24-70000-C'), quantity: 12.5, avgPrice: 0.0425 },
    { instrument: parseDeribitSymbol('ETH_USDC-27DEC24'), quantity: 3, avgPrice: 3410 },
    { instrument: parseDeribitSymbol('ETH_USDC'), quantity: 20, avgPrice: 3300 },
  ],
  collateral: { BTC: 2.5, USDC: 25000 },
};

export function seedBookDatabase(dbPath: string): { dbPath: string; source: PortfolioSource; close(): void } {
  const source: PortfolioSource = { listPortfolios: () => [summariseBook(book)], loadBook: (name) => (name === book.name ? book : undefined) };
  return { dbPath, source, close: () => {} };
}
