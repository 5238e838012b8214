/**
 * Schemas of the scenarios methods (names in ../methods/scenarios.ts): the grid-model scenario heatmap of a book
 * and the return correlations of the underlyings in the store. Matrices travel as flat row-major arrays; null
 * marks a value that does not exist (a pair without enough common returns).
 */
import { z } from 'zod';
import type { SCENARIO_METHODS } from '../methods/scenarios';
import { isoDaySchema, jobIdSchema, nameText, noArguments, type MethodSchemas } from './common';
import { marginModelSpecSchema } from './model';

/** One risk group's P&L over the grid preset's price moves x vol shocks (instantaneous full revaluation, USD). */
export const heatmapGroupSchema = z.object({
  underlying: z.string(),
  spot: z.number(),
  /** Relative spot moves, ascending (+0.04 = +4%). */
  priceMoves: z.array(z.number()),
  /** Vol shocks, ascending, in the preset's volShiftMode units (absolute: +0.1 = +10 vol points; relative: vol x 1.1). */
  volShocks: z.array(z.number()),
  /** Largest |move| of the preset's first table: moves beyond it come from extended/extreme tables. */
  coreRange: z.number(),
  /** pnl[p * volShocks.length + v]: group P&L (USD) at priceMoves[p], volShocks[v]. */
  pnl: z.array(z.number()),
  /** The cell with the lowest P&L. */
  worst: z.object({ priceIndex: z.number().int(), volIndex: z.number().int(), pnl: z.number() }),
  /** Per-position rows (aggregated by symbol; coin collateral as `collateral:<coin>` when it moves with the group). */
  positions: z.array(z.object({ symbol: z.string(), quantity: z.number() })),
  /** positionPnl[r * cells + cell], cell = p * volShocks.length + v: USD P&L of positions[r]. */
  positionPnl: z.array(z.number()),
  /** Cells that are scenarios of the preset itself (the margin scans them), with the table and label. */
  presetScenarios: z.array(z.object({ priceIndex: z.number().int(), volIndex: z.number().int(), table: z.string(), label: z.string(), weight: z.number() })),
});

export const scenarioHeatmapSchema = z.object({
  portfolio: z.string(),
  preset: z.string(),
  volShiftMode: z.enum(['absolute', 'relative']),
  /** Days to expiry at which a vol shock applies unscaled, when the preset scales shocks per expiry. */
  volTermReferenceDays: z.number().nullable(),
  /** UTC ms of the market the book is valued on. */
  valuationTime: z.number(),
  groups: z.array(heatmapGroupSchema),
});

export const correlationWindowSchema = z.enum(['30d', '90d', '365d', 'full']);
export const correlationMethodSchema = z.enum(['sample', 'ewma']);

/** What every correlation computation takes. */
const correlationOptions = {
  window: correlationWindowSchema,
  method: correlationMethodSchema,
  /** EWMA decay (RiskMetrics daily: 0.94); ignored by the sample method. */
  lambda: z.number().gt(0).lt(1).default(0.94),
  /** Last day whose return is used (no data after it); absent = the latest stored close. */
  asOf: isoDaySchema.optional(),
};

export const correlationUniverseSchema = z.object({
  underlyings: z.array(z.object({ name: z.string(), firstDate: z.string(), lastDate: z.string(), days: z.number().int() })),
});

export const correlationMatrixSchema = z.object({
  underlyings: z.array(z.string()),
  /** The as-of day actually used (the last stored day on or before the requested one). */
  asOf: z.string(),
  /** First and last day of the returns in the window. */
  fromDate: z.string(),
  toDate: z.string(),
  /** n x n row-major correlations; null where a pair has too few common returns. */
  matrix: z.array(z.number().nullable()),
  /** Common daily returns behind each entry (pairwise-complete). */
  observations: z.array(z.number().int()),
  /** Smallest eigenvalue (negative = not PSD, possible with pairwise-complete data); null when an entry is missing. */
  minEigenvalue: z.number().nullable(),
  minObservations: z.number().int(),
});

export const rollingCorrelationSchema = z.object({
  pair: z.tuple([z.string(), z.string()]),
  /** Day of each point (the last return in its window). */
  dates: z.array(z.string()),
  values: z.array(z.number().nullable()),
});

export const scenarioApi = {
  /** Book P&L over a grid preset's price x vol scenarios, per risk group, with per-position P&L of every cell. */
  scenarioHeatmap: {
    args: z.object({ jobId: jobIdSchema, portfolio: nameText, model: marginModelSpecSchema }).strict(),
    result: scenarioHeatmapSchema,
  },
  /** Underlyings with daily closes in the store and their date ranges. */
  correlationUniverse: { args: noArguments, result: correlationUniverseSchema },
  correlationMatrix: {
    args: z.object({ jobId: jobIdSchema, ...correlationOptions, underlyings: z.array(nameText).min(2).max(50).optional() }).strict(),
    result: correlationMatrixSchema,
  },
  rollingCorrelation: {
    args: z.object({ jobId: jobIdSchema, ...correlationOptions, pair: z.tuple([nameText, nameText]) }).strict(),
    result: rollingCorrelationSchema,
  },
} satisfies MethodSchemas<typeof SCENARIO_METHODS>;

export type ScenarioHeatmap = z.infer<typeof scenarioHeatmapSchema>;
export type HeatmapGroup = z.infer<typeof heatmapGroupSchema>;
export type CorrelationWindow = z.infer<typeof correlationWindowSchema>;
export type CorrelationMethodName = z.infer<typeof correlationMethodSchema>;
export type CorrelationUniverse = z.infer<typeof correlationUniverseSchema>;
export type CorrelationMatrixResult = z.infer<typeof correlationMatrixSchema>;
export type RollingCorrelationResult = z.infer<typeof rollingCorrelationSchema>;
