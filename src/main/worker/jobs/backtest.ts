/**
 * Backtest jobs: one job runs the no-look-ahead loop (src/engine/backtest/loop.ts) over a contiguous range of
 * test rows for one book, yielding to the event loop between small blocks so cancellation is seen, and returns
 * the series with typed arrays. runBacktest (backtestRun.ts) cuts the dates into chunks and merges in date order.
 */
import { z } from 'zod';
import type { BookTemplate } from '../../../engine/backtest/anchoredBook';
import { bookBacktestSpec, kernelRevalue } from '../../../engine/backtest/bookBacktest';
import type { CloseHistory } from '../../../engine/backtest/history';
import { mergeSeries, runBacktestRows, type BacktestSeries } from '../../../engine/backtest/loop';
import { backtestModelSchema, marginModelFor } from '../../../engine/backtest/modelSpec';
import { defineJob, type JobContext } from './defineJob';

/** Rows per block between cancellation checkpoints. */
const BLOCK_ROWS = 4;

const positionTemplateSchema = z.object({
  underlying: z.string().min(1),
  kind: z.enum(['spot', 'perpetual', 'future', 'option']),
  settlement: z.enum(['linear', 'inverse']),
  quantity: z.number().finite(),
  tenorDays: z.number().positive().optional(),
  moneyness: z.number().positive().optional(),
  right: z.enum(['call', 'put']).optional(),
  multiplier: z.number().positive().optional(),
});

export const bookTemplateSchema = z.object({
  name: z.string(),
  positions: z.array(positionTemplateSchema),
  sizing: z.enum(['quantity', 'notional']),
  referenceSpot: z.record(z.string(), z.number().positive()).optional(),
  collateral: z.record(z.string(), z.number()).optional(),
});

export const historySchema = z.object({
  dates: z.array(z.string()),
  underlyings: z.array(z.string()),
  closes: z.instanceof(Float64Array),
  vols: z.instanceof(Float64Array).optional(),
});

export const backtestChunkSchema = z.object({
  history: historySchema,
  template: bookTemplateSchema,
  model: backtestModelSchema,
  /** The 10-year-lookback twin of the model (EMIR APC floor), when it has a lookback. */
  floorModel: backtestModelSchema.optional(),
  mporDays: z.number().int().positive(),
  fallbackVol: z.number().positive(),
  fromRow: z.number().int().nonnegative(),
  toRow: z.number().int().nonnegative(),
});
/** What the caller sends (the engine's own types; the schema re-validates it in the worker). */
export type BacktestChunkPayload = Omit<z.input<typeof backtestChunkSchema>, 'history' | 'template'> & { history: CloseHistory; template: BookTemplate };

async function backtestChunk(payload: z.infer<typeof backtestChunkSchema>, ctx: JobContext): Promise<BacktestSeries> {
  const { history, template, model, floorModel, mporDays, fallbackVol, fromRow, toRow } = payload;
  const spec = bookBacktestSpec({
    history,
    template,
    mporDays,
    fallbackVol,
    model: marginModelFor(model),
    floorModel: floorModel ? marginModelFor(floorModel) : undefined,
    revalue: kernelRevalue,
  });
  const parts: BacktestSeries[] = [];
  const total = toRow - fromRow + 1;
  for (let a = fromRow; a <= toRow; a += BLOCK_ROWS) {
    parts.push(runBacktestRows(spec, a, Math.min(toRow, a + BLOCK_ROWS - 1)));
    ctx.progress(Math.min(1, (a + BLOCK_ROWS - fromRow) / total), 'backtest');
    await ctx.checkpoint();
  }
  return mergeSeries(parts);
}

export const backtestJobs = {
  'backtest.chunk': defineJob(backtestChunkSchema, backtestChunk),
};
