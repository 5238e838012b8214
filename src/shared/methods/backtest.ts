/** Backtests, stored runs and calibration: API method names. Zod-free (the preload bundles only these); schemas in ../contract/backtest.ts. */
export const BACKTEST_METHODS = [
  'getBacktestSetup',
  'runBacktest',
  'listBacktestRuns',
  'getBacktestRun',
  'runCalibration',
  'listCalibrationRuns',
  'getCalibrationRun',
] as const;
