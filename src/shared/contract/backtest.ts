/** Schemas of the backtest methods (names in ../methods/backtest.ts). */
import type { BACKTEST_METHODS } from '../methods/backtest';
import type { MethodSchemas } from './common';

export const backtestApi = {} satisfies MethodSchemas<typeof BACKTEST_METHODS>;
