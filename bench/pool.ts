/**
 * Worker pool bench: per-job round-trip overhead of an empty job (target < 2 ms), and the speed-up from 1 to 2
 * workers (target >= 1.7x on 2 cores) of three workloads: a CPU-bound synthetic one (the ceiling), historical ES
 * of a 2,000-option book, and a one-year grid-margin backtest of a 500-instrument book. Each also checks that 1
 * and 2 workers give the identical result.
 * Run alone: `node --import tsx bench/pool.ts`.
 */
import { fileURLToPath } from 'node:url';
import { benchBook } from './backtest';
import { benchMarket, option } from './kernel';
import { syntheticHistory } from './margin';
import type { BenchSection } from './run';
import { backtestModelSchema } from '../src/engine/backtest/modelSpec';
import type { Book } from '../src/engine/market';
import type { MarginConfig, MarginResult } from '../src/engine/margin/types';
import { engineValuation } from '../src/engine/margin/valuationAdapter';
import { parseVarSpec } from '../src/engine/margin/var/spec';
import { Random } from '../src/engine/stats/random';
import { runBacktest } from '../src/main/worker/jobs/backtestRun';
import { runVarMargin } from '../src/main/worker/jobs/marginVarRun';
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

export interface SpeedupCase<M> {
  /** Runs the workload once on the given warm pool. */
  run: (pool: WorkerPool) => Promise<M>;
  /** A value that must come out identical whatever the worker count (the determinism check). */
  fingerprint: (value: M) => number | string;
  workerCounts: number[];
  /** Timed repetitions per worker count (default 5); the best is kept (least disturbed by other load). */
  repeats?: number;
}

export interface SpeedupResult {
  workers: number;
  bestMs: number;
  /** Time with the first worker count / time with this one. */
  speedup: number;
  fingerprint: number | string;
}

/**
 * Times a workload on warm pools of each size, interleaving the sizes repetition by repetition so drifting
 * background load hits all of them alike; keeps each size's best time and checks every size gives the same
 * fingerprint (bit-identical results with 1 or N workers).
 */
export async function measureSpeedup<M>(spec: SpeedupCase<M>): Promise<SpeedupResult[]> {
  const pools = spec.workerCounts.map((size) => new WorkerPool({ size }));
  const best = spec.workerCounts.map(() => Infinity);
  const fingerprints: (number | string)[] = [];
  try {
    await Promise.all(pools.map((pool) => pool.start()));
    for (const pool of pools) await spec.run(pool); // warm-up: JIT in every worker
    for (let r = 0; r < (spec.repeats ?? 5); r++) {
      for (let p = 0; p < pools.length; p++) {
        const t0 = performance.now();
        fingerprints[p] = spec.fingerprint(await spec.run(pools[p]));
        best[p] = Math.min(best[p], performance.now() - t0);
      }
    }
  } finally {
    await Promise.all(pools.map((pool) => pool.close()));
  }
  const results = spec.workerCounts.map((workers, p) => ({ workers, bestMs: best[p], speedup: best[0] / best[p], fingerprint: fingerprints[p] }));
  for (const r of results) {
    if (!Object.is(r.fingerprint, results[0].fingerprint)) throw new Error(`result differs with ${r.workers} workers: ${r.fingerprint} vs ${results[0].fingerprint}`);
  }
  return results;
}

/** CPU-bound synthetic chunks (sums of squared normals): the pool's ceiling, with no data to ship. */
function syntheticCase(): SpeedupCase<number> {
  const samplesPerChunk = 500_000;
  const chunks = splitRange(0, 48 * samplesPerChunk, samplesPerChunk).map((range) => ({ seed: 7, ...range }));
  return {
    run: (pool) => mapChunks(pool, 'normal-squares', chunks, (partials: number[]) => partials.reduce((a, b) => a + b, 0)),
    fingerprint: (sum) => sum,
    workerCounts: [1, 2],
  };
}

const ES_DAYS = 1500;

/** Historical ES 99% (2-day MPOR, 1,500 days) of the 2,000-option kernel bench book, revalued on the pool. */
function historicalEsCase(): SpeedupCase<MarginResult> {
  const rng = Random.seeded(1);
  const book: Book = { name: 'bench', positions: Array.from({ length: 2000 }, (_, i) => option(rng, i)), collateral: {} };
  const market = benchMarket();
  const history = syntheticHistory(ES_DAYS);
  const spec = parseVarSpec({ measure: 'es', method: 'historical', lookbackDays: ES_DAYS, mporDays: 2 });
  const config: MarginConfig = { valuation: engineValuation(), attribution: false, liquidation: false };
  return { run: (pool) => runVarMargin(pool, { spec, history, book, market, config }), fingerprint: (r) => r.initialMargin, workerCounts: [1, 2], repeats: 9 };
}

const BACKTEST_DAYS = 365;
const BACKTEST_LOOKBACK = 250;

/** One year of daily grid-margin backtest (deribit-pm-like) of the 500-instrument backtest bench book. */
function backtestCase(): SpeedupCase<number> {
  const history = syntheticHistory(BACKTEST_DAYS + BACKTEST_LOOKBACK + 5);
  const from = history.dates[BACKTEST_LOOKBACK + 1];
  const template = benchBook();
  const model = backtestModelSchema.parse({ kind: 'preset', name: 'deribit-pm-like' });
  return {
    run: async (pool) => (await runBacktest(pool, { history, template, model, from })).report.averageMargin,
    fingerprint: (averageMargin) => averageMargin,
    workerCounts: [1, 2],
    repeats: 2,
  };
}

const summary = (runs: SpeedupResult[]) => runs.map(({ workers, bestMs, speedup }) => ({ workers, bestMs, speedup }));

export interface PoolBenchFigures {
  emptyJobRoundTrip: OverheadResult;
  emptyJobTargetMs: number;
  speedupTarget: number;
  synthetic: ReturnType<typeof summary>;
  historicalEs: { instruments: number; days: number; runs: ReturnType<typeof summary> };
  backtest: { instruments: number; days: number; runs: ReturnType<typeof summary> };
}

/** The bench section: empty-job overhead, then the 1 -> 2 worker speed-up of three workloads. */
export async function runPoolBench(): Promise<PoolBenchFigures> {
  const pool = new WorkerPool({ size: 1 });
  let emptyJobRoundTrip: OverheadResult;
  try {
    emptyJobRoundTrip = await measureJobOverhead(pool);
  } finally {
    await pool.close();
  }
  return {
    emptyJobRoundTrip,
    emptyJobTargetMs: 2,
    speedupTarget: 1.7,
    synthetic: summary(await measureSpeedup(syntheticCase())),
    historicalEs: { instruments: 2000, days: ES_DAYS, runs: summary(await measureSpeedup(historicalEsCase())) },
    backtest: { instruments: benchBook().positions.length, days: BACKTEST_DAYS, runs: summary(await measureSpeedup(backtestCase())) },
  };
}

export const poolBenchSection: BenchSection = { name: 'pool', run: async () => ({ ...(await runPoolBench()) }) };

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(JSON.stringify(await runPoolBench(), null, 2));
