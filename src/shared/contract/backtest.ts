/**
 * Schemas of the backtest methods (names in ../methods/backtest.ts): the run form's choices, running a backtest or
 * a calibration as a job, and the stored runs they leave (listed, reopened). Result numbers come back through
 * JSON, where Infinity and NaN become null, so statistics that can be undefined (a coverage ratio with no loss
 * days, a 5-day increase on a 3-day series) are nullable.
 */
import { z } from 'zod';
import { backtestModelSchema } from '../../engine/backtest/modelSpec';
import { VAR_METHODS } from '../../engine/margin/var/spec';
import type { BACKTEST_METHODS } from '../methods/backtest';
import { isoDaySchema, jobIdSchema, nameText, noArguments, type MethodSchemas } from './common';

export const BACKTEST_SUITES = ['hypothetical', 'portfolios', 'all'] as const;
export const ZONES = ['green', 'yellow', 'red'] as const;
/** Every parameter a calibration may scan (which ones a model kind accepts: getBacktestSetup's scannableParams). */
export const SCAN_PARAMS = ['confidence', 'lookbackDays', 'ewmaLambda', 'scanScale'] as const;
/** A calibration from the UI scans at most this many values (each is a backtest of every book). */
export const MAX_SCAN_VALUES = 41;

/** The books of a run: one stored portfolio, or a named suite. */
export const bookSelectionSchema = z.union([
  z.strictObject({ portfolio: nameText, sizing: z.enum(['quantity', 'notional']).optional() }),
  z.strictObject({
    suite: z.enum(BACKTEST_SUITES),
    sizing: z.enum(['quantity', 'notional']).optional(),
    /** Underlyings of the generated hypothetical books (default BTC, ETH). */
    underlyings: z.array(z.string().regex(/^[A-Z0-9]{2,10}$/, 'expected an asset symbol like BTC')).min(1).max(10).optional(),
  }),
]);
export type BookSelectionArgs = z.infer<typeof bookSelectionSchema>;

/** The model (engine/backtest/modelSpec.ts): { kind: 'var', spec } or { kind: 'preset', name, scanScale }. */
export { backtestModelSchema };
export type BacktestModel = z.output<typeof backtestModelSchema>;

const runSettings = {
  books: bookSelectionSchema,
  model: backtestModelSchema,
  /** First and last margin dates tested (absent: the whole history). */
  from: isoDaySchema.optional(),
  to: isoDaySchema.optional(),
  /** Override of the holding period in days (default: the VaR spec's MPOR, 1 for presets). */
  mporDays: z.number().int().min(1).max(30).optional(),
  /** Vol (decimal) where the history has no implied vol. */
  fallbackVol: z.number().gt(0).max(5).optional(),
};

const num = z.number().nullable();
const likelihoodRatioSchema = z.object({ lr: num, pValue: num });
const increaseSchema = z.object({ absolute: num, absoluteAt: z.number(), relative: num, relativeAt: z.number() });
export const procyclicalitySchema = z.object({ peakToTrough: num, maxToMin: num, oneDay: increaseSchema, fiveDay: increaseSchema });
export type ProcyclicalityFigures = z.infer<typeof procyclicalitySchema>;

/** engine/backtest/summary.ts BacktestReport after JSON. */
export const backtestReportSchema = z.object({
  observations: z.number(),
  breaches: z.number(),
  breachRate: z.number(),
  breachDates: z.array(z.string()),
  averageMargin: z.number(),
  averageLossOnLossDays: z.number(),
  /** Average margin / average loss on loss days; null when no day had a loss. */
  coverageRatio: num,
  averageShortfall: z.number(),
  worstShortfall: z.number(),
  confidence: z.number(),
  kupiec: likelihoodRatioSchema,
  christoffersen: z.object({ independence: likelihoodRatioSchema, conditionalCoverage: likelihoodRatioSchema }),
  trafficLight: z.object({ zone: z.enum(ZONES), yellowFrom: z.number(), redFrom: z.number() }),
  /** Null when the margin was not positive on every day (no ratios). */
  procyclicality: z
    .object({ base: procyclicalitySchema, apcBuffer: procyclicalitySchema, apcStressedWeight: procyclicalitySchema, apcLookbackFloor: procyclicalitySchema.nullable() })
    .nullable(),
});
export type BacktestReportView = z.infer<typeof backtestReportSchema>;

/** The daily series a run keeps: margin set at the close of `dates[t]`, loss realised over the MPOR after it. */
export const dailySeriesSchema = z.object({
  dates: z.array(z.string()),
  margin: z.array(z.number()),
  loss: z.array(z.number()),
  /** 1 where loss > margin. */
  breach: z.array(z.number()),
  /** The 10-year-lookback margin (EMIR APC floor), when the run computed it. */
  floorMargin: z.array(z.number()).optional(),
});
export type DailySeries = z.infer<typeof dailySeriesSchema>;

const runHeader = {
  id: z.number().int(),
  portfolio: z.string().nullable(),
  suite: z.enum(BACKTEST_SUITES).nullable(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  model: backtestModelSchema,
  /** UTC epoch ms. */
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
};

export const backtestRunSchema = z.object({
  ...runHeader,
  book: z.string(),
  mporDays: z.number().nullable(),
  apcLookbackFloor: z.boolean(),
  report: backtestReportSchema,
  /** Null for runs stored without their series (older CLI runs). */
  series: dailySeriesSchema.nullable(),
});
export type BacktestRunView = z.infer<typeof backtestRunSchema>;

export const backtestRunListItemSchema = z.object({
  ...runHeader,
  book: z.string(),
  observations: z.number().nullable(),
  breaches: z.number().nullable(),
  zone: z.enum(ZONES).nullable(),
});
export type BacktestRunListItem = z.infer<typeof backtestRunListItemSchema>;

const calibrationTargetSchema = z.object({ coverage: z.number(), worstZone: z.enum(ZONES) });

export const calibrationPointSchema = z.object({
  value: z.number(),
  averageMargin: z.number(),
  minCoverage: z.number(),
  worstZone: z.enum(ZONES),
  meetsTarget: z.boolean(),
  efficient: z.boolean(),
  books: z.array(z.object({ book: z.string(), averageMargin: z.number(), coverage: z.number(), zone: z.enum(ZONES) })),
});
export type CalibrationPointView = z.infer<typeof calibrationPointSchema>;

export const calibrationRunSchema = z.object({
  ...runHeader,
  books: z.array(z.string()),
  param: z.string(),
  range: z.string(),
  target: calibrationTargetSchema,
  points: z.array(calibrationPointSchema),
  /** The chosen value: least average margin meeting the target; null when no value does. */
  best: z.number().nullable(),
});
export type CalibrationRunView = z.infer<typeof calibrationRunSchema>;

export const calibrationRunListItemSchema = z.object({
  ...runHeader,
  books: z.array(z.string()),
  param: z.string(),
  range: z.string(),
  target: calibrationTargetSchema,
  best: z.number().nullable(),
});
export type CalibrationRunListItem = z.infer<typeof calibrationRunListItemSchema>;

const runId = z.strictObject({ id: z.number().int().positive() });
const listArgs = z.strictObject({ limit: z.number().int().min(1).max(500).optional() });

export const backtestApi = {
  getBacktestSetup: {
    args: noArguments,
    result: z.object({
      presets: z.array(z.string()),
      varMethods: z.array(z.enum(VAR_METHODS)),
      scannableParams: z.object({ var: z.array(z.string()), preset: z.array(z.string()) }),
      suites: z.array(z.enum(BACKTEST_SUITES)),
      /** First and last day of the stored daily closes (null when none are imported). */
      history: z.object({ first: z.string(), last: z.string() }).nullable(),
    }),
  },
  runBacktest: {
    args: z.strictObject({
      jobId: jobIdSchema,
      ...runSettings,
      /** Also compute the 10-year-lookback margin (EMIR APC option c; VaR models only, doubles the cost). */
      apcLookbackFloor: z.boolean().optional(),
    }),
    /** One stored run per book, in suite order. */
    result: z.object({ runs: z.array(backtestRunSchema) }),
  },
  listBacktestRuns: { args: listArgs, result: z.array(backtestRunListItemSchema) },
  getBacktestRun: { args: runId, result: backtestRunSchema },
  runCalibration: {
    args: z
      .strictObject({
        jobId: jobIdSchema,
        ...runSettings,
        param: z.enum(SCAN_PARAMS),
        range: z.strictObject({ start: z.number().finite(), end: z.number().finite(), step: z.number().positive() }),
        target: z.strictObject({ coverage: z.number().gt(0).lt(1), worstZone: z.enum(ZONES) }),
      })
      .refine((a) => a.range.end >= a.range.start, { message: 'range: end is below start', path: ['range', 'end'] })
      .refine((a) => Math.floor((a.range.end - a.range.start) / a.range.step + 1e-9) + 1 <= MAX_SCAN_VALUES, {
        message: `range: at most ${MAX_SCAN_VALUES} values`,
        path: ['range', 'step'],
      }),
    result: calibrationRunSchema,
  },
  listCalibrationRuns: { args: listArgs, result: z.array(calibrationRunListItemSchema) },
  getCalibrationRun: { args: runId, result: calibrationRunSchema },
} satisfies MethodSchemas<typeof BACKTEST_METHODS>;
