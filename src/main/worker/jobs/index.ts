/**
 * The job registry: job type -> handler. Each family of jobs lives in its own module and is spread in here
 * (see defineJob.ts for how to write one). The worker entry looks types up in this map only.
 */
import type { JobHandler } from './defineJob';
import { diagnosticJobs } from './diagnostics';
import { backtestJobs } from './backtest';
import { marginVarJobs } from './marginVar';

export const jobHandlers: Readonly<Record<string, JobHandler>> = {
  ...diagnosticJobs,
  ...backtestJobs,
  ...marginVarJobs,
};

export type { JobContext, JobHandler } from './defineJob';
