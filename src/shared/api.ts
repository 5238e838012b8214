/**
 * The typed API contract shared by Electron main (IPC), the preload bridge, the browser-mode HTTP server and the
 * renderer. Every method takes one JSON object and returns JSON; arguments are validated with these schemas on
 * the Node side before any service runs (src/main/services/dispatch.ts), whichever transport carried the call.
 * Each domain keeps its schemas in ./contract/<domain>.ts; this module joins them and checks that together they
 * cover exactly the method names of ./channels.ts.
 */
import type { z } from 'zod';
import type { ApiMethodName } from './channels';
import { appApi, type ProgressEvent } from './contract/app';
import { backtestApi } from './contract/backtest';
import { dataApi } from './contract/data';
import { riskApi } from './contract/risk';
import { scenarioApi } from './contract/scenarios';
import { stressApi } from './contract/stress';

export * from './contract/app';
export * from './contract/model';

export const apiSchemas = {
  ...appApi,
  ...riskApi,
  ...scenarioApi,
  ...stressApi,
  ...backtestApi,
  ...dataApi,
} satisfies Record<ApiMethodName, { args: z.ZodType; result: z.ZodType }>;

type Schemas = typeof apiSchemas;

export type ApiArgs<M extends ApiMethodName> = z.input<Schemas[M]['args']>;
export type ApiResult<M extends ApiMethodName> = z.output<Schemas[M]['result']>;

/** What the renderer calls, over either transport (preload IPC or browser-mode HTTP). */
export type OffsetApi = { [M in ApiMethodName]: (args: ApiArgs<M>) => Promise<ApiResult<M>> } & {
  /** Subscribes to job progress; returns the unsubscribe function. */
  onProgress(listener: (event: ProgressEvent) => void): () => void;
};

/** What the Node side implements: the same methods, receiving already-validated arguments. */
export type OffsetServices = {
  [M in ApiMethodName]: (args: z.output<Schemas[M]['args']>) => Promise<ApiResult<M>>;
};

/** The slice of OffsetServices one domain implements (src/main/services/<domain>Services.ts). */
export type DomainServices<Names extends readonly ApiMethodName[]> = Pick<OffsetServices, Names[number]>;
