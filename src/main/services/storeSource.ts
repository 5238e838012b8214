import { getPortfolio, listPortfolios, type Db } from '../store';
import type { PortfolioSource } from './offsetServices';

/** The services' view of the SQLite store (src/main/store). */
export function storePortfolioSource(db: Db): PortfolioSource {
  return {
    listPortfolios: () => listPortfolios(db),
    loadBook: (name) => getPortfolio(db, name),
  };
}
