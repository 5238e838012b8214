/**
 * The OffsetServices implementation: the app-level methods here, each domain's methods in its own module
 * (<domain>Services.ts), joined into the one object both transports dispatch to.
 */
import type { Book } from '../../engine/market';
import { toPositionRow } from '../analysis/positionRows';
import type { DomainServices, OffsetServices, PortfolioSummary } from '../../shared/api';
import type { APP_METHODS } from '../../shared/methods/app';
import { getPortfolio, listPortfolios } from '../store';
import { createBacktestServices } from './backtestServices';
import type { ServiceContext } from './context';
import { createDataServices } from './dataServices';
import { ServiceError } from './errors';
import { createRiskServices } from './riskServices';
import { createScenarioServices } from './scenarioServices';
import { createStressServices } from './stressServices';

export type { ServiceContext } from './context';

export function createOffsetServices(ctx: ServiceContext): OffsetServices {
  return {
    ...createAppServices(ctx),
    ...createRiskServices(ctx),
    ...createScenarioServices(ctx),
    ...createStressServices(ctx),
    ...createBacktestServices(ctx),
    ...createDataServices(ctx),
  };
}

function createAppServices({ info, db, jobs }: ServiceContext): DomainServices<typeof APP_METHODS> {
  return {
    getAppInfo: async () => info,
    listPortfolios: async () => listPortfolios(db),
    getPortfolio: async ({ name }) => {
      const book = getPortfolio(db, name);
      if (!book) throw new ServiceError('not_found', `portfolio '${name}' does not exist`);
      return {
        name: book.name,
        positions: book.positions.map(toPositionRow),
        collateral: Object.entries(book.collateral).map(([asset, amount]) => ({ asset, amount })),
      };
    },
    cancelJob: async ({ jobId }) => jobs.cancel(jobId),
  };
}

/** Summarises in-memory books (tests, demo data) in the shape the store returns. */
export function summariseBook(book: Book): PortfolioSummary {
  return { name: book.name, positionCount: book.positions.length, collateralAssets: Object.keys(book.collateral).sort() };
}
