/**
 * Parameter calibration of a margin model on a set of books (docs/methodology/calibration.md), shared by
 * `offset calibrate` and the Calibration view's services: every value of one parameter is backtested on every book
 * (on the worker pool), the engine's scan (src/engine/calibration/scan.ts) builds the coverage-vs-margin frontier
 * and picks the least-margin value meeting the target, and the frontier is stored as a 'calibration' run.
 *
 * Stored run (src/main/store/runs.ts), kind 'calibration':
 *   portfolio  the portfolio when the run covered exactly one stored portfolio, else absent
 *   inputs     { books: string[], from, to, suite? }
 *   params     { model, param, range: 'a:b:step', target: { coverage, worstZone } }
 *   results    CalibrationResult (points with per-book results, best or null)
 */
import type { CloseHistory } from '../../engine/backtest/history';
import { withParam, type BacktestModelSpec } from '../../engine/backtest/modelSpec';
import { calibrate, parseRange, type CalibrationResult, type CalibrationTarget } from '../../engine/calibration/scan';
import { saveRun, type Db } from '../store';
import type { WorkerPool } from '../worker/pool';
import { backtestBooks, type BacktestOptions, type PoolRunControl, type SuiteBook, type SuiteName } from './backtestRun';

export interface CalibrationRequest {
  base: BacktestModelSpec;
  /** A scannable parameter of the model (SCANNABLE_PARAMS). */
  param: string;
  /** 'a:b:step' (parseRange). */
  range: string;
  target: CalibrationTarget;
  options: BacktestOptions;
}

/** The models of the scan, checked before anything runs (a bad parameter or value is a clear error, not a failed job). */
export function calibrationModels(request: Pick<CalibrationRequest, 'base' | 'param' | 'range'>): { values: number[]; models: BacktestModelSpec[] } {
  const values = parseRange(request.range);
  return { values, models: values.map((v) => withParam(request.base, request.param, v)) };
}

/** Backtests books x values; progress counts finished (value, book) backtests plus the running one's share. */
export async function calibrateBooks(
  pool: WorkerPool,
  books: SuiteBook[],
  history: CloseHistory,
  request: CalibrationRequest,
  control: PoolRunControl = {},
): Promise<CalibrationResult> {
  const { values, models } = calibrationModels(request);
  const { target } = request;
  if (!(target.coverage > 0 && target.coverage < 1)) throw new RangeError(`target coverage must be in (0, 1), e.g. 0.99, got ${target.coverage}`);
  return calibrate(
    values,
    async (_, i) => {
      const outputs = await backtestBooks(pool, books, history, models[i], request.options, {
        signal: control.signal,
        onProgress: (f) => control.onProgress?.((i + f) / values.length),
      });
      return outputs.map(({ template, result: { report } }) => ({ book: template.name, averageMargin: report.averageMargin, coverage: 1 - report.breachRate, zone: report.trafficLight.zone }));
    },
    target,
  );
}

export function saveCalibrationRun(
  db: Db,
  run: { books: SuiteBook[]; request: CalibrationRequest; result: CalibrationResult; suite?: SuiteName; startedAt: number; finishedAt?: number },
): number {
  const { books, request } = run;
  const single = books.length === 1 ? books[0].portfolio : undefined;
  return saveRun(db, {
    kind: 'calibration',
    portfolio: single,
    inputs: { books: books.map((b) => b.template.name), from: request.options.from, to: request.options.to, suite: run.suite },
    params: { model: request.base, param: request.param, range: request.range, target: request.target },
    results: run.result,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? Date.now(),
  });
}
