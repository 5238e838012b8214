/**
 * Worker pool bench: per-job round-trip overhead of an empty job, and the speed-up of a CPU-bound chunked workload
 * from 1 to 2 workers. The helpers are exported so the real workloads (historical ES, backtests) can be timed the
 * same way: `measureSpeedup({ type, chunks, merge, workerCounts })`.
 * Run alone: `node --import tsx bench/pool.ts`.
 */
import { fileURLToPath } from 'node:url';
import type { BenchSection } from './run';
import { mapChunks, splitRange } from '../src/main/worker/mapChunks';
import { WorkerPool } from '../src/main/worker/pool';

export interface OverheadResult {
  jobs: number;
  meanMs: number;
  p50Ms: number;
  p99Ms: number;
}

/** Sequential round trips of the no-op 'echo' job on a warm pool (submit -> worker -> result). */
export async function measureJobOverhead(pool: WorkerPool, jobs = 2000): Promise<OverheadResult> {
  await pool.start();
  for (let i = 0; i < 100; i++) await pool.run('echo', i); // warm up IPC and JIT on both sides
  const times = new Float64Array(jobs);
  for (let i = 0; i < jobs; i++) {
    const t0 = performance.now();
    await pool.run('echo', i);
    times[i] = performance.now() - t0;
  }
  const sorted = times.slice().sort();
  const mean = times.reduce((a, b) => a + b, 0) / jobs;
  return { jobs, meanMs: mean, p50Ms: sorted[Math.floor(jobs * 0.5)], p99Ms: sorted[Math.floor(jobs * 0.99)] };
}

export interface SpeedupCase<C, R, M> {
  type: string;
  chunks: readonly C[];
  merge: (results: R[]) => M;
  workerCounts: number[];
  /** Timed repetitions per worker count (default 5); the best is kept (least disturbed by other load). */
  repeats?: number;
}

export interface SpeedupResult<M> {
  workers: number;
  bestMs: number;
  /** Time with the first worker count / time with this one. */
  speedup: number;
  value: M;
}

/**
 * Times a chunked workload on warm pools of each size, interleaving the sizes repetition by repetition so drifting
 * background load hits all of them alike; keeps each size's best time and checks they all merge to the same value.
 */
export async function measureSpeedup<C, R, M>(spec: SpeedupCase<C, R, M>): Promise<SpeedupResult<M>[]> {
  const pools = spec.workerCounts.map((size) => new WorkerPool({ size }));
  const best = spec.workerCounts.map(() => Infinity);
  const values: M[] = [];
  try {
    await Promise.all(pools.map((pool) => pool.start()));
    for (let r = 0; r < (spec.repeats ?? 5); r++) {
      for (let p = 0; p < pools.length; p++) {
        const t0 = performance.now();
        values[p] = await mapChunks(pools[p], spec.type, spec.chunks, spec.merge);
        best[p] = Math.min(best[p], performance.now() - t0);
      }
    }
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
  const results = spec.workerCounts.map((workers, p) => ({ workers, bestMs: best[p], speedup: best[0] / best[p], value: values[p] }));
  const first = results[0]?.value;
  for (const r of results) {
    if (!Object.is(r.value, first)) throw new Error(`merge differs with ${r.workers} workers: ${r.value} vs ${first}`);
  }
  return results;
}

export interface PoolBenchFigures {
  emptyJobRoundTrip: OverheadResult;
  chunkedSpeedup: { chunks: number; samplesPerChunk: number; runs: Omit<SpeedupResult<number>, 'value'>[] };
}

/** The bench section (figures for `npm run bench`'s JSON): empty-job overhead, then 1 -> 2 worker speed-up. */
export async function runPoolBench(): Promise<PoolBenchFigures> {
  const pool = new WorkerPool({ size: 1 });
  let emptyJobRoundTrip: OverheadResult;
  try {
    emptyJobRoundTrip = await measureJobOverhead(pool);
  } finally {
    await pool.close();
  }
  const samplesPerChunk = 500_000;
  const chunks = splitRange(0, 48 * samplesPerChunk, samplesPerChunk).map((range) => ({ seed: 7, ...range }));
  const runs = await measureSpeedup({
    type: 'normal-squares',
    chunks,
    merge: (partials: number[]) => partials.reduce((a, b) => a + b, 0),
    workerCounts: [1, 2],
  });
  return {
    emptyJobRoundTrip,
    chunkedSpeedup: { chunks: chunks.length, samplesPerChunk, runs: runs.map(({ workers, bestMs, speedup }) => ({ workers, bestMs, speedup })) },
  };
}

export const poolBenchSection: BenchSection = { name: 'pool', run: async () => ({ ...(await runPoolBench()) }) };

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runPoolBench(), null, 2));
