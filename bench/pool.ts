/**
 * Worker pool bench: per-job round-trip overhead of an empty job, and the speed-up of a CPU-bound chunked workload
 * from 1 to 2 workers. The helpers are exported so the real workloads (historical ES, backtests) can be timed the
 * same way: `measureSpeedup({ type, chunks, merge, workerCounts })`.
 * Run alone: `node --import tsx bench/pool.ts`.
 */
import { fileURLToPath } from 'node:url';
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
  /** Timed repetitions per worker count; the best is kept (least disturbed by other load). */
  repeats?: number;
}

export interface SpeedupResult<M> {
  workers: number;
  bestMs: number;
  /** Time with the first worker count / time with this one. */
  speedup: number;
  value: M;
}

/** Times a chunked workload on warm pools of each size; checks every size merges to the same value. */
export async function measureSpeedup<C, R, M>(spec: SpeedupCase<C, R, M>): Promise<SpeedupResult<M>[]> {
  const results: SpeedupResult<M>[] = [];
  for (const workers of spec.workerCounts) {
    const pool = new WorkerPool({ size: workers });
    try {
      await pool.start();
      let bestMs = Infinity;
      let value!: M;
      for (let r = 0; r < (spec.repeats ?? 3); r++) {
        const t0 = performance.now();
        value = await mapChunks(pool, spec.type, spec.chunks, spec.merge);
        bestMs = Math.min(bestMs, performance.now() - t0);
      }
      results.push({ workers, bestMs, speedup: (results[0]?.bestMs ?? bestMs) / bestMs, value });
    } finally {
      await pool.close();
    }
  }
  const first = results[0]?.value;
  for (const r of results) {
    if (!Object.is(r.value, first)) throw new Error(`merge differs with ${r.workers} workers: ${r.value} vs ${first}`);
  }
  return results;
}

/** The bench section: returns printable lines. */
export async function runPoolBench(log: (line: string) => void = console.log): Promise<void> {
  const pool = new WorkerPool({ size: 1 });
  try {
    const o = await measureJobOverhead(pool);
    log(`pool: empty-job round trip over ${o.jobs} jobs: mean ${o.meanMs.toFixed(3)} ms, p50 ${o.p50Ms.toFixed(3)} ms, p99 ${o.p99Ms.toFixed(3)} ms (target < 2 ms)`);
  } finally {
    await pool.close();
  }
  const chunks = splitRange(0, 24_000_000, 500_000).map((range) => ({ seed: 7, ...range }));
  const speedups = await measureSpeedup({
    type: 'normal-squares',
    chunks,
    merge: (partials: number[]) => partials.reduce((a, b) => a + b, 0),
    workerCounts: [1, 2],
  });
  for (const s of speedups) {
    log(`pool: ${chunks.length} chunks of 500k normal samples on ${s.workers} worker(s): best ${s.bestMs.toFixed(0)} ms, speed-up ${s.speedup.toFixed(2)}x (target >= 1.7x at 2)`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runPoolBench();
