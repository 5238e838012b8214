/**
 * The job registry: job type -> handler. Each family of jobs lives in its own module and is spread in here
 * (see defineJob.ts for how to write one). The worker entry looks types up in this map only.
 */
import type { JobHandler } from './defineJob';
import { diagnosticJobs } from './diagnostics';
import { backtestJobs } from './backtest';
import { dataJobs } from './data';
import { marginVarJobs } from './marginVar';
import { riskJobs } from './risk';
import { scenarioJobs } from './scenario';
import { stressJobs } from './stress';

export const jobHandlers: Readonly<Record<string, JobHandler>> = {
  ...diagnosticJobs,
  ...backtestJobs,
  ...marginVarJobs,
  ...riskJobs,
  ...scenarioJobs,
  ...stressJobs,
  ...dataJobs,
};

export type { JobContext, JobHandler } from './defineJob';
