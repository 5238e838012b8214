/** Statistics and risk-measure mathematics: pure functions on typed arrays. Methodology: docs/methodology/statistics.md. */
export { Random, splitMix64 } from './random';
export { erf, erfc, normalCdf, normalPdf, normalQuantile } from './normal';
export { chiSquareCdf, chiSquareSurvival, logGamma, regularizedGammaP, regularizedGammaQ } from './chiSquare';
export { binomialCdf, binomialPmf } from './binomial';
export { selectInPlace } from './select';
export {
  empiricalQuantile,
  historicalEs,
  historicalTailRisk,
  historicalVar,
  tailCount,
  tailRiskConventions,
  weightedTailRisk,
} from './tailRisk';
export type { TailRisk } from './tailRisk';
export { logReturns, overlappingLogReturns } from './returns';
export { ewmaCovariance, ewmaVariance, RISKMETRICS_DAILY_LAMBDA, RISKMETRICS_MONTHLY_LAMBDA } from './ewma';
export type { EwmaOptions, VariancePath } from './ewma';
export { covarianceToCorrelation, sampleCorrelation, sampleCovariance } from './covariance';
export { nelderMead } from './nelderMead';
export type { NelderMeadOptions, NelderMeadResult } from './nelderMead';
export { fitGarch11, garchLogLikelihood, garchVariance, MAX_PERSISTENCE } from './garch';
export type { Garch11Fit, Garch11Params } from './garch';
export { devolatilise, filteredHistoricalReturns, revolatilise } from './filteredHistoricalSimulation';
export { cholesky, NotPositiveDefiniteError, symmetricEigen } from './linearAlgebra';
export type { SymmetricEigen } from './linearAlgebra';
export { correlationCholesky, nearestCorrelation } from './nearestCorrelation';
export type { CorrelationFactor, NearestCorrelationOptions, NearestCorrelationResult } from './nearestCorrelation';
export { cornishFisherQuantile, cornishFisherVar, deltaGammaMoments, deltaGammaVar, deltaNormalRisk } from './parametric';
export type { Moments, ParametricRisk } from './parametric';
export { christoffersen, kupiecPof, trafficLightThresholds, trafficLightZone } from './backtest';
export type { ChristoffersenResult, LikelihoodRatio, TrafficLightThresholds, TrafficLightZone } from './backtest';
export {
  apcBufferMargin,
  apcLookbackFloorMargin,
  apcStressedWeightMargin,
  EMIR_LOOKBACK_FLOOR_YEARS,
  EMIR_MIN_BUFFER,
  EMIR_MIN_STRESSED_WEIGHT,
  largestIncrease,
  maxToMinRatio,
  peakToTroughRatio,
  procyclicalityReport,
  stressedScenarioWeights,
} from './procyclicality';
export type { LargestIncrease, ProcyclicalityReport } from './procyclicality';
