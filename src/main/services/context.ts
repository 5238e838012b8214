import type { AppInfo } from '../../shared/api';
import type { Db } from '../store';
import type { WorkerPool } from '../worker/pool';
import type { JobTracker } from './jobTracker';

/** What every domain's services are built from (src/main/index.ts for Electron, `offset serve` for browser mode). */
export interface ServiceContext {
  info: AppInfo;
  /** The store; main is its only writer (imports, saved scenario sets, runs written in one transaction). */
  db: Db;
  /**
   * Engine workers, which open db.name read-only themselves. Anything heavier than a lookup runs there, so the
   * main process (and with it every window's IPC) never blocks on the engine.
   */
  pool: WorkerPool;
  /** Long-running calls: progress events to the renderers and cancellation by job id. */
  jobs: JobTracker;
}
