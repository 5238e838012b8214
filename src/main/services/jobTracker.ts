/**
 * Long-running service calls (backtests, calibrations, stress runs, imports) run under a caller-chosen job id:
 * the tracker publishes their progress to every renderer through the progress hub, lets `cancelJob` abort them,
 * and publishes one final event saying how they ended. The call itself still returns (or throws) the result.
 */
import type { ProgressEvent } from '../../shared/api';
import { JobError } from '../worker/errors';
import { ServiceError } from './errors';
import type { ProgressHub } from './progressHub';

export interface JobProgressUpdate {
  fraction: number;
  stage?: string;
  etaMs?: number | null;
}

export interface TrackedJob {
  readonly id: string;
  /** Aborted when the user cancels: pass it to WorkerPool.submit({ signal }) and check it between steps. */
  readonly signal: AbortSignal;
  /** Reports progress; matches WorkerPool's onProgress, so it can be passed straight through. */
  progress(update: JobProgressUpdate): void;
}

export interface JobTracker {
  run<T>(jobId: string, stage: string, work: (job: TrackedJob) => Promise<T>): Promise<T>;
  /** Aborts the job; false when no job with that id is running. */
  cancel(jobId: string): boolean;
}

const PROGRESS_INTERVAL_MS = 100;

export function createJobTracker(hub: ProgressHub): JobTracker {
  const running = new Map<string, AbortController>();

  return {
    async run(jobId, firstStage, work) {
      if (running.has(jobId)) throw new ServiceError('bad_request', `job ${jobId} is already running`);
      const controller = new AbortController();
      running.set(jobId, controller);
      let stage = firstStage;
      let fraction = 0;
      let lastSent = 0;
      const publish = (event: Omit<ProgressEvent, 'jobId'>) => hub.publish({ jobId, ...event });
      publish({ stage, fraction, etaMs: null, status: 'running', message: null });
      const job: TrackedJob = {
        id: jobId,
        signal: controller.signal,
        progress(update) {
          stage = update.stage ?? stage;
          fraction = Math.min(1, Math.max(0, update.fraction));
          const now = Date.now();
          if (now - lastSent < PROGRESS_INTERVAL_MS && fraction < 1) return;
          lastSent = now;
          publish({ stage, fraction, etaMs: update.etaMs ?? null, status: 'running', message: null });
        },
      };
      try {
        const result = await work(job);
        if (controller.signal.aborted) throw new ServiceError('cancelled', `${stage} cancelled`);
        publish({ stage, fraction: 1, etaMs: 0, status: 'done', message: null });
        return result;
      } catch (error) {
        const cancelled = controller.signal.aborted || (error instanceof JobError && error.code === 'cancelled');
        const message = error instanceof Error ? error.message : String(error);
        publish({ stage, fraction, etaMs: null, status: cancelled ? 'cancelled' : 'failed', message: cancelled ? 'cancelled' : message });
        if (cancelled) throw new ServiceError('cancelled', `${stage} cancelled`);
        throw error;
      } finally {
        running.delete(jobId);
      }
    },
    cancel(jobId) {
      const controller = running.get(jobId);
      if (!controller) return false;
      controller.abort();
      return true;
    },
  };
}
