/**
 * VaR/ES revaluation job: one job revalues a book under one fixed slice of the scenario batch through the kernel
 * and returns the book P&L (and, for attribution, the per-instrument P&L) of those scenarios as typed arrays.
 * The book travels already compiled (the kernel's struct of typed arrays, compiled once on the main side), so a
 * job costs a copy of a few arrays instead of validating and compiling thousands of position objects; only the
 * vol surfaces, which are code, are rebuilt here from the small market snapshot. Each scenario's P&L is computed
 * exactly as in-process, so the merged vector is bit-identical to a single-process run whatever the worker count.
 * runVarMargin (marginVarRun.ts) builds the scenarios, compiles, splits and merges.
 */
import { z } from 'zod';
import { revalue, type CompiledBook } from '../../../engine/kernel';
import type { MarketState } from '../../../engine/market';
import type { RevaluationResult, ScenarioBatch } from '../../../engine/scenario';
import { marketContext } from '../../../engine/valuation';
import { defineJob, type JobContext } from './defineJob';

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

const f64 = z.instanceof(Float64Array);

/** CompiledBook (src/engine/kernel.ts) without its surfaces; every column has one entry per instrument. */
const compiledColumnsSchema = z
  .object({
    instruments: z.array(z.string()),
    underlyings: z.array(z.string().min(1)),
    underlyingOf: z.instanceof(Int32Array),
    kind: z.instanceof(Uint8Array),
    size: f64,
    spot: f64,
    forward: f64,
    carry: f64,
    rate: f64,
    t: f64,
    strike: f64,
    sign: f64,
    vol: f64,
    logForwardOverStrike: f64,
    sqrtT: f64,
    discount: f64,
    baseValue: f64,
  })
  .refine((b) => Object.values(b).every((column) => column === b.underlyings || column.length === b.instruments.length), 'every column needs one entry per instrument');

const batchSchema = z.object({
  count: z.number().int().nonnegative(),
  underlyings: z.array(z.string()),
  spotMultiplier: f64,
  volShift: f64,
  volShiftMode: z.enum(['absolute', 'relative']),
  timeShiftDays: z.number().nonnegative().optional(),
});

export const varRevalueSchema = z.object({
  book: compiledColumnsSchema,
  market: marketSchema,
  batch: batchSchema,
  perInstrument: z.boolean(),
});

export interface VarRevaluePayload {
  book: Omit<CompiledBook, 'surfaces'>;
  market: MarketState;
  batch: ScenarioBatch;
  perInstrument: boolean;
}

/** The payload form of a compiled book: its columns, without the surfaces (functions do not cross processes). */
export function compiledColumns({ surfaces: _surfaces, ...columns }: CompiledBook): Omit<CompiledBook, 'surfaces'> {
  return columns;
}

async function revalueSlice(payload: z.infer<typeof varRevalueSchema>, ctx: JobContext): Promise<RevaluationResult> {
  const market = marketContext(payload.market as MarketState);
  const book: CompiledBook = { ...payload.book, surfaces: payload.book.underlyings.map((u) => market.underlying(u).surface) };
  await ctx.checkpoint();
  const result = revalue(book, payload.batch, { perInstrument: payload.perInstrument });
  ctx.progress(1, 'revaluation');
  return result;
}

export const marginVarJobs = {
  'margin.var.revalue': defineJob(varRevalueSchema, revalueSlice),
};
