/**
 * The single entry point both transports (Electron IPC in ../ipc.ts, browser-mode HTTP in ../server) use:
 * looks the method up, validates the raw arguments with the contract's zod schema, runs the service and wraps
 * the outcome in an ApiResponse envelope. It never throws, so a transport only has to serialise the envelope.
 */
import { z } from 'zod';
import { apiSchemas, type OffsetServices } from '../../shared/api';
import { isApiMethod, type ApiErrorCode, type ApiResponse } from '../../shared/channels';
import { JobError } from '../worker/errors';
import type { JobErrorCode } from '../worker/protocol';
import { ServiceError } from './errors';

/** Engine-job outcomes that are the caller's, not a fault: unusable input or data, and cancellation. */
const JOB_ERROR_CODES: Partial<Record<JobErrorCode, ApiErrorCode>> = { rejected: 'bad_request', cancelled: 'cancelled' };

export async function dispatchApiCall(services: OffsetServices, method: string, rawArgs: unknown): Promise<ApiResponse<unknown>> {
  if (!isApiMethod(method)) return { ok: false, error: { code: 'not_found', message: `unknown API method '${method}'` } };
  const parsed = apiSchemas[method].args.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    return { ok: false, error: { code: 'bad_request', message: `invalid arguments for ${method}: ${z.prettifyError(parsed.error)}` } };
  }
  try {
    // The method and its argument schema were looked up by the same key, so the call is well typed per method.
    const call = services[method] as (args: unknown) => Promise<unknown>;
    return { ok: true, value: await call(parsed.data) };
  } catch (error) {
    if (error instanceof ServiceError) return { ok: false, error: { code: error.code, message: error.message } };
    if (error instanceof JobError && error.code in JOB_ERROR_CODES) return { ok: false, error: { code: JOB_ERROR_CODES[error.code]!, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { code: 'internal', message: `${method} failed: ${message}` } };
  }
}
