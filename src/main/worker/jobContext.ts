/**
 * Builds the JobContext a handler receives inside the worker: cancellation (an AbortSignal whose reason is the
 * JobError to throw), a throttled memory check against the worker's RSS limit, throttled progress with an ETA,
 * and the lazily opened read-only database.
 */
import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import { JobError } from './errors';
import type { ProgressMessage } from './protocol';
import type { JobContext } from './jobs/defineJob';

const MB = 1024 * 1024;
const MEMORY_CHECK_INTERVAL_MS = 20;
const YIELD_INTERVAL_MS = 10;
const PROGRESS_INTERVAL_MS = 50;

export interface JobContextHost {
  memoryLimitMb: number;
  sendProgress(message: ProgressMessage): void;
  database(): BetterSqlite3.Database;
}

export interface RunningJobContext extends JobContext {
  /** Stops the job: checkCancelled() throws `reason` from now on. */
  abort(reason: JobError): void;
  /** Samples the resident set; over the limit it aborts the job with a 'memory' error. */
  checkMemory(): void;
}

export function createJobContext(jobId: string, host: JobContextHost): RunningJobContext {
  const controller = new AbortController();
  const startedAt = Date.now();
  let lastMemoryCheck = 0;
  let lastYield = startedAt;
  let lastProgress = 0;

  const context: RunningJobContext = {
    jobId,
    signal: controller.signal,
    abort(reason) {
      if (!controller.signal.aborted) controller.abort(reason);
    },
    checkMemory() {
      lastMemoryCheck = Date.now();
      const rssMb = process.memoryUsage.rss() / MB;
      if (rssMb > host.memoryLimitMb) {
        context.abort(
          new JobError(
            'memory',
            `exceeded the worker memory limit: resident set ${rssMb.toFixed(0)} MB > ${host.memoryLimitMb} MB`,
          ),
        );
      }
    },
    checkCancelled() {
      if (Date.now() - lastMemoryCheck >= MEMORY_CHECK_INTERVAL_MS) context.checkMemory();
      if (controller.signal.aborted) throw controller.signal.reason;
    },
    async checkpoint() {
      const now = Date.now();
      if (now - lastYield >= YIELD_INTERVAL_MS) {
        // setImmediate runs after pending I/O callbacks, so an arrived cancel message is handled first.
        await new Promise((resolve) => setImmediate(resolve));
        lastYield = Date.now();
      }
      context.checkCancelled();
    },
    progress(fraction, stage = '') {
      const now = Date.now();
      const clamped = Math.min(1, Math.max(0, fraction));
      if (clamped < 1 && now - lastProgress < PROGRESS_INTERVAL_MS) return;
      lastProgress = now;
      const elapsed = now - startedAt;
      const etaMs = clamped > 0 ? (elapsed * (1 - clamped)) / clamped : null;
      host.sendProgress({ kind: 'progress', id: jobId, fraction: clamped, stage, etaMs });
    },
    get db() {
      return host.database();
    },
  };
  return context;
}

/** Opens the pool's database read-only; better-sqlite3 is loaded only when a job first asks for it. */
export function openReadOnlyDatabase(dbPath: string | undefined): BetterSqlite3.Database {
  if (!dbPath) throw new JobError('failed', 'this job needs ctx.db but the pool was created without a dbPath');
  const Database = createRequire(import.meta.url)('better-sqlite3') as typeof BetterSqlite3;
  return new Database(dbPath, { readonly: true, fileMustExist: true });
}
