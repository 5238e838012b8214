/**
 * Long-running API calls (backtests, calibrations, stress runs, imports): the caller picks a job id, the call stays
 * pending while the Node side publishes progress events for that id, and cancelJob stops it. useJob wraps this;
 * JobProgressBar shows the fraction, stage, ETA and a Cancel button.
 */
import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import type { ProgressEvent } from '../../shared/api';
import { OffsetApiError } from '../../shared/channels';
import { useApi } from './api/ApiContext';
import { ErrorMessage } from './ErrorMessage';
import { formatPercent } from './format';

/** A fresh job id (crypto-random, URL-safe). */
export function newJobId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export type JobState<T> =
  | { status: 'idle' }
  | { status: 'running'; jobId: string; progress: ProgressEvent | null }
  | { status: 'done'; value: T }
  | { status: 'failed'; error: unknown }
  | { status: 'cancelled' };

export interface JobControl<T> {
  state: JobState<T>;
  /** Starts `call(jobId)`; a job already running is cancelled first. */
  start(call: (jobId: string) => Promise<T>): void;
  cancel(): void;
  reset(): void;
}

export function useJob<T>(): JobControl<T> {
  const api = useApi();
  const [state, setState] = useState<JobState<T>>({ status: 'idle' });
  const current = useRef<string | null>(null);

  useEffect(
    () =>
      api.onProgress((event) => {
        if (event.jobId !== current.current || event.status !== 'running') return;
        setState((s) => (s.status === 'running' && s.jobId === event.jobId ? { ...s, progress: event } : s));
      }),
    [api],
  );
  // Leaving the view cancels its job: nobody would see the result.
  useEffect(
    () => () => {
      if (current.current) void api.cancelJob({ jobId: current.current }).catch(() => {});
    },
    [api],
  );

  const cancel = useCallback(() => {
    const jobId = current.current;
    if (jobId) void api.cancelJob({ jobId }).catch(() => {});
  }, [api]);

  const start = useCallback(
    (call: (jobId: string) => Promise<T>) => {
      if (current.current) void api.cancelJob({ jobId: current.current }).catch(() => {});
      const jobId = newJobId();
      current.current = jobId;
      setState({ status: 'running', jobId, progress: null });
      call(jobId).then(
        (value) => current.current === jobId && (setState({ status: 'done', value }), (current.current = null)),
        (error: unknown) => {
          if (current.current !== jobId) return;
          current.current = null;
          setState(error instanceof OffsetApiError && error.code === 'cancelled' ? { status: 'cancelled' } : { status: 'failed', error });
        },
      );
    },
    [api],
  );

  return { state, start, cancel, reset: () => setState({ status: 'idle' }) };
}

/**
 * Runs `call` as `job`'s job whenever `deps` change, `delayMs` after the last change. The start is never
 * synchronous (0 = next tick), so a mount React StrictMode undoes at once starts nothing, and typing in a field
 * with a delay starts one run, not one per keystroke. `call` null = nothing to run now (e.g. invalid input).
 * Returns `rerun`, which starts it again (the "Compute again" after a cancel or failure).
 */
export function useAutoJob<T>(job: JobControl<T>, call: ((jobId: string) => Promise<T>) | null, deps: DependencyList, delayMs = 0): () => void {
  const [attempt, setAttempt] = useState(0);
  const latestCall = useRef(call);
  latestCall.current = call;
  const { start } = job;
  const enabled = call !== null;
  useEffect(() => {
    if (!enabled) return;
    const timer = setTimeout(() => latestCall.current && start(latestCall.current), delayMs);
    return () => clearTimeout(timer);
  }, [start, enabled, delayMs, attempt, ...deps]); // the caller lists what `call` depends on
  return useCallback(() => setAttempt((n) => n + 1), []);
}

function formatEta(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '';
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds < 60 ? `${seconds}s left` : `${Math.floor(seconds / 60)}m ${seconds % 60}s left`;
}

/** Progress of a running job with a Cancel button; the error of a failed one; a note for a cancelled one. */
export function JobProgressBar({ job, label }: { job: JobControl<unknown>; label: string }) {
  const { state } = job;
  if (state.status === 'failed') return <ErrorMessage title={`${label} failed`} error={state.error} />;
  if (state.status === 'cancelled') return <p className="muted job-note" role="status">{label} cancelled.</p>;
  if (state.status !== 'running') return null;
  const fraction = state.progress?.fraction ?? 0;
  return (
    <div className="job-progress" role="status" aria-live="polite">
      <progress max={1} value={fraction} aria-label={`${label} progress`} />
      <span className="job-stage">
        {label}: {state.progress?.stage ?? 'starting'} {formatPercent(fraction, 0)} {formatEta(state.progress?.etaMs ?? null)}
      </span>
      <button type="button" onClick={job.cancel}>
        Cancel
      </button>
    </div>
  );
}
