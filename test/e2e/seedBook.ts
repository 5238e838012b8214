/**
 * A small mixed book for the e2e test, written to a fresh SQLite store through the store API: inverse perp,
 * inverse option, linear future, spot; coin and USDC collateral.
 */
import { parseDeribitSymbol } from '../../src/engine/instrument';
import type { Position } from '../../src/engine/market';
import type { PortfolioSource } from '../../src/main/services/offsetServices';
import { storePortfolioSource } from '../../src/main/services/storeSource';
import { openDatabase, setCollateral, upsertPositions } from '../../src/main/store';

export const SEEDED_PORTFOLIO = 'e2e-desk';
export const SEEDED_SYMBOLS = ['BTC-PERPETUAL', 'BTC-27DEC24-70000-C', 'ETH_USDC-27DEC24', 'ETH_USDC'];

const positions: Position[] = [
  { instrument: parseDeribitSymbol('BTC-PERPETUAL'), quantity: -1000, avgPrice: 64250.5 },
  { instrument: parseDeribitSymbol('BTC-27DEC24-70000-C'), quantity: 12.5, avgPrice: 0.0425 },
  { instrument: parseDeribitSymbol('ETH_USDC-27DEC24'), quantity: 3, avgPrice: 3410 },
  { instrument: parseDeribitSymbol('ETH_USDC'), quantity: 20, avgPrice: 3300 },
];

export function seedBookDatabase(dbPath: string): { dbPath: string; source: PortfolioSource; close(): void } {
  const db = openDatabase(dbPath);
  upsertPositions(db, SEEDED_PORTFOLIO, positions);
  setCollateral(db, SEEDED_PORTFOLIO, { BTC: 2.5, USDC: 25000 });
  return { dbPath, source: storePortfolioSource(db), close: () => db.close() };
}
