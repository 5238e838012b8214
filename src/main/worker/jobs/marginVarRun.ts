/**
 * Runs a VaR/ES margin model with the revaluation on the worker pool. Scenarios are built once on the main side
 * (deterministic: seeded Monte Carlo streams), cut into one slice per worker (at least VAR_MIN_SLICE_SCENARIOS),
 * revalued by 'margin.var.revalue' jobs and merged in slice order; each scenario's P&L is computed exactly as
 * in-process whatever slice it falls in, so the result is bit-identical for any worker count; the tail, attribution and account are then
 * computed here. Parametric methods need no revaluation and run in-process.
 */
import type { CloseHistory } from '../../../engine/backtest/history';
import { compileBook } from '../../../engine/kernel';
import type { Book, MarketState } from '../../../engine/market';
import type { ScenarioBatch } from '../../../engine/scenario';
import { isScenarioMethod, scenarioVarResult, varMarginModel, varScenarios } from '../../../engine/margin/var/model';
import type { PositionsPnl } from '../../../engine/margin/var/scenarioOutcome';
import type { VarSpec } from '../../../engine/margin/var/spec';
import type { MarginConfig, MarginResult } from '../../../engine/margin/types';
import { mapChunks, splitRange } from '../mapChunks';
import type { WorkerPool } from '../pool';
import { compiledColumns, type VarRevaluePayload } from './marginVar';

/**
 * Smallest slice of scenarios per job. Slices are otherwise one per worker, so each worker compiles the book once:
 * a scenario's P&L does not depend on which slice it is in, so the slicing never changes the result.
 */
export const VAR_MIN_SLICE_SCENARIOS = 250;

export interface VarRunRequest {
  spec: VarSpec;
  history: CloseHistory;
  book: Book;
  market: MarketState;
  config: MarginConfig;
}

function slice(batch: ScenarioBatch, start: number, end: number): ScenarioBatch {
  const U = batch.underlyings.length;
  return {
    ...batch,
    count: end - start,
    spotMultiplier: batch.spotMultiplier.slice(start * U, end * U),
    volShift: batch.volShift.slice(start * U, end * U),
  };
}

interface SliceResult {
  pnl: Float64Array;
  instruments: string[];
  perInstrument?: Float64Array;
}

/** Concatenates slice results in order; per-instrument rows are re-interleaved to instrument-major over all S. */
export function mergeSlices(results: SliceResult[]): PositionsPnl {
  const S = results.reduce((a, r) => a + r.pnl.length, 0);
  const pnl = new Float64Array(S);
  const instruments = results[0]?.instruments ?? [];
  const N = instruments.length;
  const perInstrument = results.every((r) => r.perInstrument) ? new Float64Array(N * S) : undefined;
  let offset = 0;
  for (const r of results) {
    const n = r.pnl.length;
    pnl.set(r.pnl, offset);
    if (perInstrument) for (let i = 0; i < N; i++) perInstrument.set(r.perInstrument!.subarray(i * n, (i + 1) * n), i * S + offset);
    offset += n;
  }
  return { pnl, instruments, perInstrument };
}

export async function runVarMargin(
  pool: WorkerPool,
  request: VarRunRequest,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<MarginResult> {
  const { spec, history, book, market, config } = request;
  if (!isScenarioMethod(spec) || book.positions.length === 0) return varMarginModel(spec, history).compute(book, market, config);
  const t0 = performance.now();
  const scenarios = varScenarios(spec, history, book, market, config);
  const t1 = performance.now();
  const perInstrument = config.attribution !== false;
  const sliceSize = Math.max(VAR_MIN_SLICE_SCENARIOS, Math.ceil(scenarios.batch.count / pool.size));
  const compiled = compiledColumns(compileBook(book.positions, market));
  const chunks: VarRevaluePayload[] = splitRange(0, scenarios.batch.count, sliceSize).map((r) => ({
    book: compiled,
    market,
    batch: slice(scenarios.batch, r.start, r.end),
    perInstrument,
  }));
  const positions = await mapChunks<VarRevaluePayload, SliceResult, PositionsPnl>(pool, 'margin.var.revalue', chunks, mergeSlices, options);
  return scenarioVarResult(spec, book, market, config, scenarios, positions, { scenarios: t1 - t0, revaluation: performance.now() - t1 });
}
