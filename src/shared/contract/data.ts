/** Schemas of the data methods (names in ../methods/data.ts): file imports, series coverage, option smiles, report export. */
import { z } from 'zod';
import type { DATA_METHODS } from '../methods/data';
import { jobIdSchema, nameText, type MethodSchemas } from './common';
import { marginModelSpecSchema } from './model';

/** What a file holds (src/main/importers); 'auto' picks it from the file name and header line. */
export const IMPORT_KINDS = ['prices', 'vols', 'funding', 'chain', 'positions', 'portfolio'] as const;
export const importKindSchema = z.enum(IMPORT_KINDS);
export type ImportKindName = z.infer<typeof importKindSchema>;

/** Browser mode accepts request bodies up to 64 MB; the file text must leave room for the JSON around it. */
export const MAX_IMPORT_TEXT_CHARS = 60_000_000;

/** A plain file name (no directory part): the name errors and stored provenance refer to. */
const fileNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^/\\\0]+$/, 'expected a file name without a directory')
  .refine((name) => name !== '.' && name !== '..', 'expected a file name');

const importArgs = z
  .object({
    jobId: jobIdSchema,
    fileName: fileNameSchema,
    /** The whole file as text (File.text() in the renderer). */
    text: z.string().max(MAX_IMPORT_TEXT_CHARS, `file too large: at most ${MAX_IMPORT_TEXT_CHARS} characters`),
    kind: z.union([importKindSchema, z.literal('auto')]).default('auto'),
    /** Price and vol files whose name does not say the asset (e.g. BTC). */
    asset: z.string().regex(/^[A-Za-z0-9]{1,20}$/, 'expected an asset symbol such as BTC').optional(),
    /** Price files whose name does not say the bar interval. */
    interval: z.enum(['1d', '4h']).optional(),
  })
  .strict();

export const importSummarySchema = z.object({
  kind: importKindSchema,
  file: z.string(),
  rows: z.number().int().nonnegative(),
  /** Series or books written, e.g. 'BTC 1d', 'BTC DVOL', 'ETH options', 'desk'. */
  series: z.array(z.string()),
  details: z.record(z.string(), z.number()).optional(),
  ms: z.number(),
});

export const seriesCoverageSchema = z.object({
  table: z.enum(['price_bars', 'vol_series', 'funding_rates', 'option_quotes']),
  key: z.string(),
  rows: z.number().int(),
  /** ISO-8601 UTC. */
  first: z.string().nullable(),
  last: z.string().nullable(),
  /** Missing steps between first and last (calendar days, 4h bars, funding intervals); null for snapshots. */
  gaps: z.number().int().nullable(),
  sources: z.array(z.string()),
});

/** One hole in a regular series: `missing` steps between the bar at `after` and the next one at `before` (UTC ms). */
export const seriesGapSchema = z.object({
  key: z.string(),
  after: z.number(),
  before: z.number(),
  missing: z.number().int().positive(),
});

export const dataCoverageSchema = z.object({
  series: z.array(seriesCoverageSchema),
  gaps: z.array(seriesGapSchema),
});

export const smilePointSchema = z.object({
  strike: z.number(),
  /** ln(strike / forward). */
  logMoneyness: z.number(),
  /** Mark IV, annualised decimal (0.55 = 55 vol points). */
  iv: z.number(),
  right: z.enum(['call', 'put']),
});

export const smileExpirySchema = z.object({
  /** UTC ms. */
  expiry: z.number(),
  /** The underlying (forward) price quoted with this expiry's options. */
  forward: z.number(),
  /** Out-of-the-money side per strike (puts below the forward, calls at and above), ascending strike. */
  points: z.array(smilePointSchema),
});

export const chainSmileSchema = z.object({
  /** Underlyings that have a stored chain snapshot. */
  underlyings: z.array(z.string()),
  underlying: z.string().nullable(),
  /** UTC ms of the snapshot shown; null when there is none. */
  snapshotTs: z.number().nullable(),
  expiries: z.array(smileExpirySchema),
});

export const exportReportSchema = z.object({
  fileName: z.string(),
  /** The XLSX workbook, base64. */
  base64: z.string(),
  sheets: z.array(z.string()),
});

export const dataApi = {
  /** Imports one file (all or nothing) under a job id: progress events while it runs, `file, line N, field F: ...` errors. */
  importData: { args: importArgs, result: importSummarySchema },
  getDataCoverage: { args: z.object({}).strict(), result: dataCoverageSchema },
  /** The latest option chain snapshot of an underlying (default: the first with one) as IV smiles per expiry. */
  getChainSmile: { args: z.object({ underlying: nameText.optional() }).strict(), result: chainSmileSchema },
  /** The XLSX report of a book under a model (margin, attribution, scenario grid, stress, backtest), or of a stored backtest run. */
  exportReport: {
    args: z.object({ jobId: jobIdSchema, portfolio: nameText, model: marginModelSpecSchema, runId: z.number().int().positive().optional() }).strict(),
    result: exportReportSchema,
  },
} satisfies MethodSchemas<typeof DATA_METHODS>;

export type ImportSummaryResult = z.infer<typeof importSummarySchema>;
export type SeriesCoverage = z.infer<typeof seriesCoverageSchema>;
export type SeriesGap = z.infer<typeof seriesGapSchema>;
export type DataCoverage = z.infer<typeof dataCoverageSchema>;
export type SmileExpiry = z.infer<typeof smileExpirySchema>;
export type ChainSmile = z.infer<typeof chainSmileSchema>;
export type ExportedReport = z.infer<typeof exportReportSchema>;
