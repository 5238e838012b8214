/**
 * VaR/ES revaluation job: one job revalues a book under one fixed slice of the scenario batch through the kernel
 * and returns the book P&L (and, for attribution, the per-instrument P&L) of those scenarios as typed arrays.
 * Each scenario's P&L is computed exactly as in-process, so the merged vector is bit-identical to a single-process
 * run whatever the worker count. runVarMargin (marginVarRun.ts) builds the scenarios, splits and merges.
 */
import { z } from 'zod';
import { compileBook, revalue } from '../../../engine/kernel';
import type { MarketState, Position } from '../../../engine/market';
import type { RevaluationResult, ScenarioBatch } from '../../../engine/scenario';
import { defineJob, type JobContext } from './defineJob';

const instrumentSchema = z.object({
  symbol: z.string().min(1),
  kind: z.enum(['spot', 'perpetual', 'future', 'option']),
  underlying: z.string().min(1),
  quote: z.string(),
  settlement: z.enum(['linear', 'inverse']),
  settleCurrency: z.string(),
  expiry: z.number().optional(),
  strike: z.number().positive().optional(),
  right: z.enum(['call', 'put']).optional(),
  multiplier: z.number().positive(),
});

const positionSchema = z.object({ instrument: instrumentSchema, quantity: z.number().finite(), avgPrice: z.number().optional() });

const smileSchema = z.object({ expiry: z.number(), strikes: z.array(z.number()), vols: z.array(z.number()) });

const marketSchema = z.object({
  valuationTime: z.number(),
  reportingCurrency: z.literal('USD'),
  underlyings: z.record(
    z.string(),
    z.object({
      underlying: z.string(),
      spot: z.number().positive(),
      rate: z.number(),
      carry: z.number().optional(),
      forwards: z.array(z.object({ expiry: z.number(), price: z.number().positive() })).optional(),
      vol: z.union([z.number().positive(), z.array(smileSchema)]),
    }),
  ),
});

const batchSchema = z.object({
  count: z.number().int().nonnegative(),
  underlyings: z.array(z.string()),
  spotMultiplier: z.instanceof(Float64Array),
  volShift: z.instanceof(Float64Array),
  volShiftMode: z.enum(['absolute', 'relative']),
  timeShiftDays: z.number().nonnegative().optional(),
});

export const varRevalueSchema = z.object({
  positions: z.array(positionSchema),
  market: marketSchema,
  batch: batchSchema,
  perInstrument: z.boolean(),
});

export interface VarRevaluePayload {
  positions: Position[];
  market: MarketState;
  batch: ScenarioBatch;
  perInstrument: boolean;
}

async function revalueSlice(payload: z.infer<typeof varRevalueSchema>, ctx: JobContext): Promise<RevaluationResult> {
  const compiled = compileBook(payload.positions as Position[], payload.market as MarketState);
  await ctx.checkpoint();
  const result = revalue(compiled, payload.batch, { perInstrument: payload.perInstrument });
  ctx.progress(1, 'revaluation');
  return result;
}

export const marginVarJobs = {
  'margin.var.revalue': defineJob(varRevalueSchema, revalueSlice),
};
