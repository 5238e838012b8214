/**
 * A small mixed book for the e2e test, imported into a fresh SQLite store the way a user would: a positions CSV
 * through the importer (`offset import positions`), collateral through the store. Inverse perp, inverse option,
 * linear future and spot; coin and USDC collateral.
 */
import { writeFileSync } from 'node:fs';
import { importFile } from '../../src/main/importers';
import type { PortfolioSource } from '../../src/main/services/offsetServices';
import { storePortfolioSource } from '../../src/main/services/storeSource';
import { openDatabase, setCollateral } from '../../src/main/store';

export const SEEDED_PORTFOLIO = 'e2e-desk';
export const SEEDED_SYMBOLS = ['BTC-PERPETUAL', 'BTC-27DEC24-70000-C', 'ETH_USDC-27DEC24', 'ETH_USDC'];

const POSITIONS_CSV = `portfolio,instrument,quantity,avg_price
${SEEDED_PORTFOLIO},BTC-PERPETUAL,-1000,64250.5
${SEEDED_PORTFOLIO},BTC-27DEC24-70000-C,12.5,0.0425
${SEEDED_PORTFOLIO},ETH_USDC-27DEC24,3,3410
${SEEDED_PORTFOLIO},ETH_USDC,20,3300
`;

export async function seedBookDatabase(dbPath: string): Promise<{ dbPath: string; source: PortfolioSource; close(): void }> {
  const db = openDatabase(dbPath);
  const csvPath = `${dbPath}.positions.csv`;
  writeFileSync(csvPath, POSITIONS_CSV);
  const summary = await importFile('positions', db, csvPath);
  if (summary.rows !== SEEDED_SYMBOLS.length) throw new Error(`seed: imported ${summary.rows} rows, expected ${SEEDED_SYMBOLS.length}`);
  setCollateral(db, SEEDED_PORTFOLIO, { BTC: 2.5, USDC: 25000 });
  return { dbPath, source: storePortfolioSource(db), close: () => db.close() };
}
