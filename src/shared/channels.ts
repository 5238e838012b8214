/**
 * Transport-level names of the Offset API, kept free of zod so the sandboxed preload and the renderer bundle
 * only these strings. Each domain lists its method names in ./methods/<domain>.ts and their schemas in
 * ./contract/<domain>.ts; ./api.ts checks the schemas cover exactly this list.
 */
import { APP_METHODS } from './methods/app';
import { BACKTEST_METHODS } from './methods/backtest';
import { DATA_METHODS } from './methods/data';
import { RISK_METHODS } from './methods/risk';
import { SCENARIO_METHODS } from './methods/scenarios';
import { STRESS_METHODS } from './methods/stress';

export const API_METHODS = [...APP_METHODS, ...RISK_METHODS, ...SCENARIO_METHODS, ...STRESS_METHODS, ...BACKTEST_METHODS, ...DATA_METHODS] as const;
export type ApiMethodName = (typeof API_METHODS)[number];
export function isApiMethod(name: string): name is ApiMethodName {
  return (API_METHODS as readonly string[]).includes(name);
}

/** Electron IPC channel of one method (ipcRenderer.invoke / ipcMain.handle). */
export function ipcChannel(method: ApiMethodName): string {
  return `offset:${method}`;
}

/** IPC channel main uses to push job progress events to the renderer. */
export const IPC_PROGRESS_CHANNEL = 'offset:progress';

/** Browser mode: POST API_HTTP_PREFIX + method; WebSocket for progress at API_EVENTS_PATH. */
export const API_HTTP_PREFIX = '/api/';
export const API_EVENTS_PATH = '/api/events';
/** Header carrying the browser-mode session token. */
export const TOKEN_HEADER = 'x-offset-token';

/** Error categories a call can fail with; HTTP maps them to 400/401/404/409/500. */
export type ApiErrorCode = 'bad_request' | 'unauthorized' | 'not_found' | 'cancelled' | 'internal';

/** Envelope every call returns over both transports, so the client can rethrow a clean message and code. */
export type ApiResponse<T> = { ok: true; value: T } | { ok: false; error: { code: ApiErrorCode; message: string } };

/** The error the client-side transports throw for a failed call. */
export class OffsetApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'OffsetApiError';
  }
}

/**
 * The raw bridge a transport provides: the Electron preload exposes exactly this as window.offset, and the
 * browser-mode client implements it over fetch and a WebSocket. The renderer turns either into an OffsetApi.
 */
export interface ApiTransport {
  invoke(method: ApiMethodName, args: unknown): Promise<ApiResponse<unknown>>;
  /** Subscribes to job progress events (already JSON-decoded); returns the unsubscribe function. */
  onProgress(listener: (event: unknown) => void): () => void;
}
