/**
 * The typed API contract shared by Electron main (IPC), the preload bridge, the browser-mode HTTP server and the
 * renderer. Every method takes one JSON object and returns JSON; arguments are validated with these schemas on
 * the Node side before any service runs (src/main/services/dispatch.ts), whichever transport carried the call.
 */
import { z } from 'zod';
import type { ApiMethodName } from './channels';

const symbolText = z.string().min(1).max(200);

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

/** Job progress pushed to the renderer (IPC event or WebSocket message); mirrors the worker pool's JobProgress. */
export const progressEventSchema = z.object({
  jobId: z.string(),
  stage: z.string(),
  fraction: z.number().min(0).max(1),
  etaMs: z.number().nullable(),
});

const noArguments = z.object({}).strict();

export const apiSchemas = {
  getAppInfo: { args: noArguments, result: appInfoSchema },
  listPortfolios: { args: noArguments, result: z.array(portfolioSummarySchema) },
  getPortfolio: { args: z.object({ name: symbolText }).strict(), result: portfolioDetailSchema },
} satisfies Record<ApiMethodName, { args: z.ZodType; result: z.ZodType }>;

export type AppInfo = z.infer<typeof appInfoSchema>;
export type PortfolioSummary = z.infer<typeof portfolioSummarySchema>;
export type PositionRow = z.infer<typeof positionRowSchema>;
export type CollateralRow = z.infer<typeof collateralRowSchema>;
export type PortfolioDetail = z.infer<typeof portfolioDetailSchema>;
export type ProgressEvent = z.infer<typeof progressEventSchema>;

export type ApiArgs<M extends ApiMethodName> = z.input<(typeof apiSchemas)[M]['args']>;
export type ApiResult<M extends ApiMethodName> = z.output<(typeof apiSchemas)[M]['result']>;

/** What the renderer calls, over either transport (preload IPC or browser-mode HTTP). */
export type OffsetApi = { [M in ApiMethodName]: (args: ApiArgs<M>) => Promise<ApiResult<M>> } & {
  /** Subscribes to job progress; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
};

/** What the Node side implements: the same methods, receiving already-validated arguments. */
export type OffsetServices = {
  [M in ApiMethodName]: (args: z.output<(typeof apiSchemas)[M]['args']>) => Promise<ApiResult<M>>;
};
