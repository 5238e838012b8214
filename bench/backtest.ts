/**
 * Backtest bench: a 5-year daily backtest (1,826 margin dates, MPOR 1 day for the grid, 2 days for ES) of a
 * 500-instrument BTC/ETH book (480 inverse options over 10 tenors x 12 moneyness levels x call/put, 20 linear
 * futures; re-anchored every day) on a warm pool of 2 workers: the grid model (deribit-pm-like preset; target
 * < 10 s) and historical ES 99% over a 750-day lookback (target < 30 s). Synthetic seeded BTC/ETH history
 * (bench/margin.ts) so no data files are needed. Each model first runs a short warm-up backtest (worker start-up and
 * JIT are not timed). Run alone: `node --import tsx bench/run.ts backtest`.
 */
import { loadavg } from 'node:os';
import type { BenchSection } from './run';
import { syntheticHistory } from './margin';
import type { BookTemplate, PositionTemplate } from '../src/engine/backtest/anchoredBook';
import { backtestModelSchema, type BacktestModelSpec } from '../src/engine/backtest/modelSpec';
import { Random } from '../src/engine/stats/random';
import { runBacktest } from '../src/main/worker/jobs/backtestRun';
import { WorkerPool } from '../src/main/worker/pool';

const TEST_DAYS = 1826;
const LOOKBACK_DAYS = 750;
const TENORS = [7, 14, 21, 30, 45, 60, 90, 120, 180, 270];
const MONEYNESS = Array.from({ length: 12 }, (_, i) => 0.7 + 0.05 * i);

export function benchBook(): BookTemplate {
  const rng = Random.seeded(7);
  const qty = () => Math.round((rng.normal() * 10 + (rng.normal() > 0 ? 1 : -1)) * 10) / 10 || 1;
  const positions: PositionTemplate[] = [];
  for (const underlying of ['BTC', 'ETH']) {
    for (const tenorDays of TENORS) {
      for (const moneyness of MONEYNESS) {
        for (const right of ['call', 'put'] as const) positions.push({ underlying, kind: 'option', settlement: 'inverse', right, moneyness, tenorDays, quantity: qty() });
      }
      positions.push({ underlying, kind: 'future', settlement: 'linear', tenorDays, quantity: qty() });
    }
  }
  return { name: 'bench 500', sizing: 'quantity', positions };
}

/** Test dates of the warm-up run: two 64-date chunks, so both workers load the code and JIT-compile the model. */
const WARM_UP_DAYS = 128;

async function timed(pool: WorkerPool, template: BookTemplate, model: BacktestModelSpec) {
  const history = syntheticHistory(TEST_DAYS + LOOKBACK_DAYS + 5);
  const from = history.dates[LOOKBACK_DAYS + 1];
  await runBacktest(pool, { history, template, model, from, to: history.dates[LOOKBACK_DAYS + WARM_UP_DAYS] });
  const t0 = performance.now();
  const { report } = await runBacktest(pool, { history, template, model, from });
  return { ms: performance.now() - t0, dates: report.observations, breaches: report.breaches, zone: report.trafficLight.zone, averageMarginUsd: report.averageMargin };
}

export const backtestBench: BenchSection = {
  name: 'backtest',
  async run() {
    const template = benchBook();
    const pool = new WorkerPool({ size: 2 });
    try {
      await pool.start();
      const grid = await timed(pool, template, backtestModelSchema.parse({ kind: 'preset', name: 'deribit-pm-like' }));
      const es = await timed(pool, template, backtestModelSchema.parse({ kind: 'var', spec: { measure: 'es', method: 'historical', confidence: 0.99, lookbackDays: LOOKBACK_DAYS, mporDays: 2 } }));
      return {
        // Wall times count waiting for a core: read them against the load of the shared machine.
        loadAverage1m: loadavg()[0],
        instruments: template.positions.length,
        workers: 2,
        gridMs: grid.ms,
        gridTargetMs: 10_000,
        gridDates: grid.dates,
        gridBreaches: grid.breaches,
        gridZone: grid.zone,
        esMs: es.ms,
        esTargetMs: 30_000,
        esDates: es.dates,
        esBreaches: es.breaches,
        esZone: es.zone,
      };
    } finally {
      await pool.close();
    }
  },
};
