/** Schemas of the app-level methods (names in ../methods/app.ts): app info, portfolios, job cancellation. */
import { z } from 'zod';
import type { APP_METHODS } from '../methods/app';
import { jobIdSchema, nameText, noArguments, type MethodSchemas } from './common';

export const appInfoSchema = z.object({
  version: z.string(),
  /** Which transport serves this renderer. */
  transport: z.enum(['ipc', 'http']),
  /** SQLite file the services read, if any. */
  databasePath: z.string().nullable(),
});

export const portfolioSummarySchema = z.object({
  name: z.string(),
  positionCount: z.number().int().nonnegative(),
  collateralAssets: z.array(z.string()),
});

/** One position, flattened from Position + Instrument (src/engine/market.ts) for grids and JSON. */
export const positionRowSchema = z.object({
  symbol: z.string(),
  kind: z.enum(['spot', 'perpetual', 'future', 'option']),
  underlying: z.string(),
  quote: z.string(),
  settlement: z.enum(['linear', 'inverse']),
  settleCurrency: z.string(),
  /** UTC epoch ms. */
  expiry: z.number().nullable(),
  strike: z.number().nullable(),
  right: z.enum(['call', 'put']).nullable(),
  multiplier: z.number(),
  /** Signed; units per src/engine/instrument.ts. */
  quantity: z.number(),
  avgPrice: z.number().nullable(),
});

export const collateralRowSchema = z.object({ asset: z.string(), amount: z.number() });

export const portfolioDetailSchema = z.object({
  name: z.string(),
  positions: z.array(positionRowSchema),
  collateral: z.array(collateralRowSchema),
});

/**
 * Job progress pushed to the renderer (IPC event or WebSocket message). 'running' events carry the fraction,
 * stage and ETA; one final event says how the job ended ('failed' with the error in `message`).
 */
export const progressEventSchema = z.object({
  jobId: z.string(),
  stage: z.string(),
  fraction: z.number().min(0).max(1),
  etaMs: z.number().nullable(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  message: z.string().nullable(),
});

export const appApi = {
  getAppInfo: { args: noArguments, result: appInfoSchema },
  listPortfolios: { args: noArguments, result: z.array(portfolioSummarySchema) },
  getPortfolio: { args: z.object({ name: nameText }).strict(), result: portfolioDetailSchema },
  /** Cancels a running job started with that id; false when no such job is running (already finished). */
  cancelJob: { args: z.object({ jobId: jobIdSchema }).strict(), result: z.boolean() },
} satisfies MethodSchemas<typeof APP_METHODS>;

export type AppInfo = z.infer<typeof appInfoSchema>;
export type PortfolioSummary = z.infer<typeof portfolioSummarySchema>;
export type PositionRow = z.infer<typeof positionRowSchema>;
export type CollateralRow = z.infer<typeof collateralRowSchema>;
export type PortfolioDetail = z.infer<typeof portfolioDetailSchema>;
export type ProgressEvent = z.infer<typeof progressEventSchema>;
