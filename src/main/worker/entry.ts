/**
 * The engine worker process. The same module runs as an Electron utility process (bundled to out/main/worker.js)
 * and as a Node child process (tests, CLI): transport.ts hides the difference. It runs one job at a time, as the
 * pool sends them: init -> ready, then run -> progress* -> result | error, with cancel and shutdown at any time.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { JobError } from './errors';
import { createJobContext, openReadOnlyDatabase, type RunningJobContext } from './jobContext';
import { jobHandlers } from './jobs/index';
import { parseMessage, toWorkerSchema, type InitMessage, type JobRequest } from './protocol';
import { connectToParent } from './transport';

/** While a job runs the RSS is also sampled on a timer, which catches async jobs that never call checkCancelled. */
const MEMORY_WATCH_INTERVAL_MS = 50;

const channel = connectToParent();
let settings: InitMessage | undefined;
let database: BetterSqlite3.Database | undefined;
let running: { id: string; context: RunningJobContext } | undefined;

channel.onParentGone(() => process.exit(0));
channel.onMessage((raw) => {
  let message;
  try {
    message = parseMessage(toWorkerSchema, raw, 'pool -> worker');
  } catch (error) {
    console.error(`engine worker ${process.pid}: ${(error as Error).message}`);
    return;
  }
  switch (message.kind) {
    case 'init':
      settings = message;
      channel.send({ kind: 'ready', pid: process.pid });
      break;
    case 'run':
      void runJob(message);
      break;
    case 'cancel':
      if (running?.id === message.id) running.context.abort(new JobError('cancelled', 'cancelled'));
      break;
    case 'shutdown':
      database?.close();
      process.exit(0);
  }
});

async function runJob(request: JobRequest): Promise<void> {
  const { id, type } = request;
  const handler = jobHandlers[type];
  if (!settings) return sendError(id, new JobError('failed', 'worker received a job before its init message'));
  if (!handler) {
    const known = Object.keys(jobHandlers).join(', ');
    return sendError(id, new JobError('failed', `unknown job type '${type}' (registered: ${known})`));
  }
  if (running) return sendError(id, new JobError('failed', `worker is busy with job ${running.id}`));

  const { memoryLimitMb, dbPath } = settings;
  const context = createJobContext(id, {
    memoryLimitMb,
    sendProgress: (message) => channel.send(message),
    database: () => (database ??= openReadOnlyDatabase(dbPath)),
  });
  running = { id, context };
  const watch = setInterval(() => context.checkMemory(), MEMORY_WATCH_INTERVAL_MS);
  try {
    const value = await handler(request.payload, context);
    // A job that finished while being stopped (or over memory) reports that instead of its result.
    if (context.signal.aborted) throw context.signal.reason;
    channel.send({ kind: 'result', id, value });
  } catch (error) {
    sendError(id, error);
  } finally {
    clearInterval(watch);
    running = undefined;
  }
}

function sendError(id: string, error: unknown): void {
  const err = error instanceof Error ? error : new Error(String(error));
  const code = err instanceof JobError ? err.code : err instanceof RangeError ? 'rejected' : 'failed';
  channel.send({ kind: 'error', id, code, message: err.message, stack: err.stack });
}
