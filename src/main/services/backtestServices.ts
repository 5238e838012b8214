/** The backtest services (methods in src/shared/methods/backtest.ts). */
import type { DomainServices } from '../../shared/api';
import type { BACKTEST_METHODS } from '../../shared/methods/backtest';
import type { ServiceContext } from './context';

export function createBacktestServices(_ctx: ServiceContext): DomainServices<typeof BACKTEST_METHODS> {
  return {};
}
