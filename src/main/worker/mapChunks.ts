/**
 * Splits work across the pool and merges it deterministically. The caller fixes the chunks (e.g. with splitRange
 * and a chunk size that does not depend on the worker count), every chunk runs as one job, and `merge` receives
 * the results in chunk order, so the answer is bit-for-bit the same with 1 or N workers.
 */
import type { JobPriority } from './protocol';
import type { Job, WorkerPool } from './pool';

export interface IndexRange {
  start: number;
  /** Exclusive. */
  end: number;
}

/** [start, end) cut into consecutive ranges of `chunkSize` (the last may be shorter). */
export function splitRange(start: number, end: number, chunkSize: number): IndexRange[] {
  if (!Number.isInteger(chunkSize) || chunkSize < 1) throw new Error(`splitRange: chunkSize must be a positive integer, got ${chunkSize}`);
  const ranges: IndexRange[] = [];
  for (let from = start; from < end; from += chunkSize) ranges.push({ start: from, end: Math.min(end, from + chunkSize) });
  return ranges;
}

export interface MapChunksOptions {
  priority?: JobPriority;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Overall fraction done: finished chunks plus the reported fractions of running ones, over the chunk count. */
  onProgress?: (fraction: number) => void;
}

/**
 * Runs job `type` once per chunk payload and merges the results in chunk order. If any chunk fails (or the signal
 * aborts), the remaining chunks are cancelled and the first error is thrown.
 */
export async function mapChunks<C, R, M>(
  pool: WorkerPool,
  type: string,
  chunks: readonly C[],
  merge: (results: R[]) => M,
  options: MapChunksOptions = {},
): Promise<M> {
  const fractions = new Float64Array(chunks.length);
  const reportProgress = () => {
    if (!options.onProgress) return;
    let done = 0;
    for (let i = 0; i < fractions.length; i++) done += fractions[i];
    options.onProgress(done / Math.max(1, chunks.length));
  };
  // One abort listener for the whole map (not one per chunk: a long run queues hundreds of chunks).
  const signal = options.signal;
  const jobs: Job<R>[] = chunks.map((chunk, i) =>
    pool.submit<R>(type, chunk, {
      priority: options.priority ?? 'batch',
      timeoutMs: options.timeoutMs,
      signal: signal?.aborted ? signal : undefined,
      onProgress: ({ fraction }) => {
        fractions[i] = fraction;
        reportProgress();
      },
    }),
  );
  const cancelAll = () => {
    for (const job of jobs) job.cancel();
  };
  signal?.addEventListener('abort', cancelAll, { once: true });
  try {
    const results = await Promise.all(
      jobs.map((job, i) =>
        job.result.then((value) => {
          fractions[i] = 1;
          reportProgress();
          return value;
        }),
      ),
    );
    return merge(results);
  } catch (error) {
    cancelAll();
    throw error;
  } finally {
    signal?.removeEventListener('abort', cancelAll);
  }
}
