/**
 * What a job handler sees, and the helper every job module uses to declare a handler with a validated payload.
 * To add an engine job (margin, var, backtest, calibration): write src/main/worker/jobs/<name>.ts exporting
 * `export const <name>Jobs = { '<type>': defineJob(payloadSchema, async (payload, ctx) => result) }` and spread it
 * into the registry in ./index.ts. Long loops call `ctx.checkCancelled()` often and `await ctx.checkpoint()` every
 * few ms of work so cancel messages are seen; return large numeric results as typed arrays.
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { z } from 'zod';
import { JobError } from '../errors';

export interface JobContext {
  readonly jobId: string;
  /** Aborted when the pool cancels the job. */
  readonly signal: AbortSignal;
  /** Throws JobError 'cancelled' once cancelled and 'memory' when the worker is over its memory limit. Cheap. */
  checkCancelled(): void;
  /**
   * Lets the event loop run (so a cancel message can arrive) if ~10 ms have passed since the last yield, then
   * checkCancelled(). A synchronous loop that never awaits this cannot be cancelled cooperatively and is killed.
   */
  checkpoint(): Promise<void>;
  /** Reports progress (fraction 0..1); messages are throttled, the final 1 always goes out. */
  progress(fraction: number, stage?: string): void;
  /** Read-only handle on the pool's dbPath, opened on first use (WAL lets it read while main writes). */
  readonly db: BetterSqlite3.Database;
}

export type JobHandler = (payload: unknown, ctx: JobContext) => unknown;

export function defineJob<S extends z.ZodType, R>(
  payloadSchema: S,
  handler: (payload: z.infer<S>, ctx: JobContext) => R | Promise<R>,
): JobHandler {
  return (payload, ctx) => {
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.path.join('.') || '(root)';
      throw new JobError('failed', `invalid payload: field '${field}': ${issue.message}`);
    }
    return handler(parsed.data, ctx);
  };
}
