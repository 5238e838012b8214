/**
 * Runs a book backtest on the worker pool: test rows cut into fixed-size chunks (independent of the worker count,
 * so results are identical with 1 or N workers and on rerun), one 'backtest.chunk' job each, merged in date order,
 * then the report (coverage tests, traffic light, procyclicality) is computed on the main side.
 */
import type { BookTemplate } from '../../../engine/backtest/anchoredBook';
import type { CloseHistory } from '../../../engine/backtest/history';
import { firstRowOnOrAfter, lastRowOnOrBefore } from '../../../engine/backtest/history';
import { mergeSeries, testableRows, type BacktestSeries } from '../../../engine/backtest/loop';
import { modelConfidence, modelMporDays, tenYearLookbackModel, type BacktestModelSpec } from '../../../engine/backtest/modelSpec';
import { backtestReport, type BacktestReport } from '../../../engine/backtest/summary';
import { mapChunks, splitRange } from '../mapChunks';
import type { WorkerPool } from '../pool';
import type { BacktestChunkPayload } from './backtest';

/** Test dates per job: small enough for progress and load balance, large enough that IPC is negligible. */
const CHUNK_ROWS = 64;

export interface BacktestRunRequest {
  history: CloseHistory;
  template: BookTemplate;
  model: BacktestModelSpec;
  /** Default: the VaR spec's MPOR, 1 day for presets. */
  mporDays?: number;
  /** ISO days; default the whole history. */
  from?: string;
  to?: string;
  /** Vol where the history has none (docs/methodology/backtesting.md). */
  fallbackVol?: number;
  /** Also compute the 10-year-lookback margin for the EMIR APC floor (VaR models; doubles the margin cost). */
  apcLookbackFloor?: boolean;
}

export interface BacktestRunResult {
  series: BacktestSeries;
  report: BacktestReport;
}

export const DEFAULT_FALLBACK_VOL = 0.6;

export async function runBacktest(
  pool: WorkerPool,
  request: BacktestRunRequest,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<BacktestRunResult> {
  const { history } = request;
  const mporDays = request.mporDays ?? modelMporDays(request.model);
  const fromRow = request.from ? firstRowOnOrAfter(history, request.from) : 1;
  const toRow = request.to ? lastRowOnOrBefore(history, request.to) : history.dates.length - 1;
  if (fromRow < 0 || toRow < 0) throw new RangeError(`backtest: ${request.from ?? ''}..${request.to ?? ''} is outside the history ${history.dates[0]}..${history.dates[history.dates.length - 1]}`);
  const [a, b] = testableRows(history, mporDays, Math.max(1, fromRow), toRow);
  if (b - a + 1 < 2) throw new RangeError(`backtest ${request.template.name}: fewer than 2 test dates between ${history.dates[a] ?? request.from} and ${history.dates[b] ?? request.to}`);
  const floorModel = request.apcLookbackFloor ? tenYearLookbackModel(request.model) : undefined;
  const chunks: BacktestChunkPayload[] = splitRange(a, b + 1, CHUNK_ROWS).map((r) => ({
    history,
    template: request.template,
    model: request.model,
    floorModel,
    mporDays,
    fallbackVol: request.fallbackVol ?? DEFAULT_FALLBACK_VOL,
    fromRow: r.start,
    toRow: r.end - 1,
  }));
  const series = await mapChunks<BacktestChunkPayload, BacktestSeries, BacktestSeries>(pool, 'backtest.chunk', chunks, mergeSeries, options);
  return { series, report: backtestReport(series, modelConfidence(request.model), series.floorMargin) };
}
