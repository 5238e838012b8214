import type { CloseHistory } from '../../backtest/history';
import type { Book, MarketState } from '../../market';
import { kernelOf, now, type MarginConfig, type MarginModel, type MarginResult } from '../types';
import { movingCollateral, riskUnderlyings } from './collateralMoves';
import { filteredHistoricalScenarios, historicalScenarios } from './historicalScenarios';
import { monteCarloScenarios } from './monteCarloScenarios';
import { parametricOutcome } from './parametric';
import { varMarginResult } from './result';
import { emptyBatch, type VarScenarioSet } from './scenarioSet';
import { scenarioMeasure, scenarioOutcome, type PositionsPnl } from './scenarioOutcome';
import { varModelName, type VarSpec } from './spec';

/**
 * The VaR/ES margin models behind the common MarginModel interface (docs/methodology/var-es.md). Scenario methods
 * (historical, FHS, Monte Carlo) build joint scenarios for every underlying of the book and of its moving
 * collateral, revalue the whole book through the kernel and take the tail of the summed P&L: offsets across
 * underlyings come from the joint scenarios. The worker pool runs the same stages with the revaluation split into
 * chunks (src/main/worker/jobs/marginVar.ts).
 */
export function isScenarioMethod(spec: VarSpec): boolean {
  return spec.method !== 'parametric' && spec.method !== 'delta-gamma';
}

/** Scenarios for the underlyings of `book` and its moving collateral. */
export function varScenarios(spec: VarSpec, history: CloseHistory, book: Book, market: MarketState, config: MarginConfig): VarScenarioSet {
  const underlyings = riskUnderlyings(book, movingCollateral(book, market, config));
  if (underlyings.length === 0) return { batch: emptyBatch([], 0, spec.mporDays), label: () => '', conventions: ['Empty book: no scenarios.'] };
  switch (spec.method) {
    case 'historical':
      return historicalScenarios(history, underlyings, spec);
    case 'fhs-ewma':
    case 'fhs-garch':
      return filteredHistoricalScenarios(history, underlyings, spec);
    case 'montecarlo':
      return monteCarloScenarios(history, underlyings, spec);
    default:
      throw new RangeError(`VaR method ${spec.method} does not use scenarios`);
  }
}

/** Finishes a scenario method once the positions' P&L over `scenarios` is known (in-process or from workers). */
export function scenarioVarResult(
  spec: VarSpec,
  book: Book,
  market: MarketState,
  config: MarginConfig,
  scenarios: VarScenarioSet,
  positions: PositionsPnl,
  timings: Record<string, number> = {},
): MarginResult {
  const outcome = scenarioOutcome(spec, book, market, config, scenarios, positions);
  outcome.timings = { ...timings, ...outcome.timings };
  return varMarginResult(spec, book, market, config, outcome);
}

export function varMarginModel(spec: VarSpec, history: CloseHistory): MarginModel {
  return {
    name: varModelName(spec),
    compute(book: Book, market: MarketState, config: MarginConfig): MarginResult {
      if (!isScenarioMethod(spec)) return varMarginResult(spec, book, market, config, parametricOutcome(spec, book, market, config, history));
      const t0 = now();
      const scenarios = varScenarios(spec, history, book, market, config);
      const t1 = now();
      const attribution = config.attribution !== false;
      let positions: PositionsPnl = { pnl: new Float64Array(scenarios.batch.count), instruments: [], perInstrument: new Float64Array(0) };
      if (book.positions.length > 0 && scenarios.batch.count > 0) {
        const kernel = kernelOf(config);
        const r = kernel.revalue(kernel.compileBook(book.positions, market), scenarios.batch, { perInstrument: attribution });
        positions = { pnl: r.pnl, instruments: r.instruments, perInstrument: r.perInstrument };
      }
      return scenarioVarResult(spec, book, market, config, scenarios, positions, { scenarios: t1 - t0, revaluation: now() - t1 });
    },
    initialMargin(book: Book, market: MarketState, config: MarginConfig): number {
      if (!isScenarioMethod(spec)) return Math.max(0, parametricOutcome(spec, book, market, config, history).measure);
      const { batch } = varScenarios(spec, history, book, market, config);
      let pnl: Float64Array = new Float64Array(batch.count);
      if (book.positions.length > 0 && batch.count > 0) {
        const kernel = kernelOf(config);
        pnl = kernel.revalue(kernel.compileBook(book.positions, market), batch).pnl;
      }
      return Math.max(0, scenarioMeasure(spec, book, market, config, batch, pnl));
    },
  };
}
