/**
 * Everything a front end (Electron main, `offset serve`, the end-to-end tests) needs behind the API: the engine
 * worker pool over the store's file, the progress hub and job tracker, and the services built on them.
 */
import type { AppInfo, OffsetServices } from '../../shared/api';
import type { Db } from '../store';
import { WorkerPool, type WorkerPoolOptions } from '../worker/pool';
import { createJobTracker } from './jobTracker';
import { createOffsetServices } from './offsetServices';
import { createProgressHub, type ProgressHub } from './progressHub';

export interface ServiceRuntime {
  services: OffsetServices;
  progress: ProgressHub;
  pool: WorkerPool;
  /** Stops the workers (the caller closes the store it opened). */
  close(): Promise<void>;
}

export function startServiceRuntime(options: { db: Db; info: AppInfo; pool?: Omit<WorkerPoolOptions, 'dbPath'> }): ServiceRuntime {
  const { db, info } = options;
  const pool = new WorkerPool({ ...options.pool, dbPath: db.name });
  // Warm workers now, so the first job does not pay for their start-up (a failed start surfaces on the first job).
  void pool.start().catch(() => {});
  const progress = createProgressHub();
  const services = createOffsetServices({ info, db, pool, jobs: createJobTracker(progress) });
  return { services, progress, pool, close: () => pool.close() };
}
