/**
 * The message protocol between the pool (main process) and an engine worker. Every message is validated with zod
 * on the receiving side, so a malformed message is a clear error instead of a silent hang. Payloads and results are
 * `unknown` here (each job type validates its own payload, see jobs/defineJob.ts) and travel by structured clone
 * (Node 'advanced' serialization or Electron's postMessage), so typed arrays such as Float64Array arrive intact.
 */
import { z } from 'zod';

/** Interactive work (a what-if the user is waiting for) jumps ahead of queued batch chunks (backtests, VaR). */
export const jobPrioritySchema = z.enum(['interactive', 'normal', 'batch']);
export type JobPriority = z.infer<typeof jobPrioritySchema>;

/** Queue order: lower rank runs first; equal ranks run in submission order. */
export const priorityRank: Record<JobPriority, number> = { interactive: 0, normal: 1, batch: 2 };

/**
 * Why a job produced no result. 'rejected': the handler threw a RangeError, this code base's error for input or
 * data that cannot be used (a bad parameter, no price history for an underlying): the user's to fix, not a bug.
 * 'failed': any other error thrown by the handler.
 */
export const jobErrorCodeSchema = z.enum(['rejected', 'failed', 'cancelled', 'timeout', 'crashed', 'memory', 'closed']);
export type JobErrorCode = z.infer<typeof jobErrorCodeSchema>;

// ---- main -> worker ----

export const initMessageSchema = z.object({
  kind: z.literal('init'),
  /** SQLite file the worker may read (read-only, lazily opened as ctx.db). */
  dbPath: z.string().optional(),
  /** Resident-set limit for the worker while a job runs, in MB. */
  memoryLimitMb: z.number().positive(),
});

export const jobRequestSchema = z.object({
  kind: z.literal('run'),
  id: z.string().min(1),
  type: z.string().min(1),
  priority: jobPrioritySchema,
  payload: z.unknown(),
  /** 0 means no timeout. Enforced by the pool (a hung worker cannot police itself); informative for the job. */
  timeoutMs: z.number().int().nonnegative(),
});

export const cancelMessageSchema = z.object({ kind: z.literal('cancel'), id: z.string().min(1) });
export const shutdownMessageSchema = z.object({ kind: z.literal('shutdown') });

export const toWorkerSchema = z.discriminatedUnion('kind', [
  initMessageSchema,
  jobRequestSchema,
  cancelMessageSchema,
  shutdownMessageSchema,
]);

// ---- worker -> main ----

export const readyMessageSchema = z.object({ kind: z.literal('ready'), pid: z.number().int() });

export const progressMessageSchema = z.object({
  kind: z.literal('progress'),
  id: z.string(),
  /** 0..1 */
  fraction: z.number().min(0).max(1),
  stage: z.string(),
  /** Estimated time to completion from the elapsed time and fraction; null before any progress. */
  etaMs: z.number().nonnegative().nullable(),
});

export const resultMessageSchema = z.object({ kind: z.literal('result'), id: z.string(), value: z.unknown() });

export const errorMessageSchema = z.object({
  kind: z.literal('error'),
  id: z.string(),
  code: jobErrorCodeSchema,
  message: z.string(),
  stack: z.string().optional(),
});

export const fromWorkerSchema = z.discriminatedUnion('kind', [
  readyMessageSchema,
  progressMessageSchema,
  resultMessageSchema,
  errorMessageSchema,
]);

export type InitMessage = z.infer<typeof initMessageSchema>;
export type JobRequest = z.infer<typeof jobRequestSchema>;
export type ToWorker = z.infer<typeof toWorkerSchema>;
export type ProgressMessage = z.infer<typeof progressMessageSchema>;
export type FromWorker = z.infer<typeof fromWorkerSchema>;

/** Parses a message, naming the direction and the offending field in the error. */
export function parseMessage<T>(schema: z.ZodType<T>, raw: unknown, direction: string): T {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new Error(`invalid ${direction} message: field '${issue.path.join('.') || '(root)'}': ${issue.message}`);
}
