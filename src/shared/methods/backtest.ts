/** Backtests, stored runs and calibration: API method names. Zod-free (the preload bundles only these); schemas in ../contract/backtest.ts. */
export const BACKTEST_METHODS = [] as const;
