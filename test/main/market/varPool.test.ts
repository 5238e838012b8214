import { afterAll, describe, expect, it } from 'vitest';
import { varMarginModel } from '../../../src/engine/margin/var/model';
import { parseVarSpec } from '../../../src/engine/margin/var/spec';
import { runVarMargin } from '../../../src/main/worker/jobs/marginVarRun';
import { WorkerPool } from '../../../src/main/worker/pool';
import { book, config, market, pos } from '../../engine/margin/fixtures';
import { historyFromReturns, randomReturns } from '../../engine/margin/var/history';

const pools: WorkerPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

const history = historyFromReturns(['BTC', 'ETH'], [30_000, 2_000], randomReturns(400, [0.03, 0.04], 0.8));
const m = market();
const b = book([pos('BTC-29MAR24-45000-C', -3), pos('BTC-29MAR24-35000-P', 2), pos('ETH-29MAR24-2500-P', -20), pos('ETH-PERPETUAL', 5000)], { BTC: 1 });
const cfg = config({ collateral: { assets: {}, defaultHaircut: 0.02, moveWithScenario: true } });

describe('VaR/ES on the worker pool', () => {
  it('Monte Carlo ES: same seed gives identical bits in-process, on 1 worker and on 2 workers', async () => {
    const spec = parseVarSpec({ method: 'montecarlo', measure: 'es', lookbackDays: 300, monteCarlo: { paths: 3000, seed: 99 } });
    const one = new WorkerPool({ size: 1 });
    const two = new WorkerPool({ size: 2 });
    pools.push(one, two);
    const request = { spec, history, book: b, market: m, config: cfg };
    const [r1, r2] = await Promise.all([runVarMargin(one, request), runVarMargin(two, request)]);
    const local = varMarginModel(spec, history).compute(b, m, cfg);
    expect(r1.initialMargin).toBeGreaterThan(0);
    expect(r1.initialMargin).toBe(local.initialMargin);
    expect(r2.initialMargin).toBe(local.initialMargin);
    expect(r2.positions).toEqual(local.positions);
    const again = await runVarMargin(two, request);
    expect(again.initialMargin).toBe(r2.initialMargin);
  }, 60_000);

  it('historical ES with attribution: the merged per-instrument matrix gives the in-process components', async () => {
    const spec = parseVarSpec({ method: 'historical', measure: 'es', lookbackDays: 380, mporDays: 3 });
    const pool = new WorkerPool({ size: 2 });
    pools.push(pool);
    const r = await runVarMargin(pool, { spec, history, book: b, market: m, config: cfg });
    const local = varMarginModel(spec, history).compute(b, m, cfg);
    expect(r.initialMargin).toBe(local.initialMargin);
    expect(r.positions).toEqual(local.positions);
    expect(r.positions.map((p) => p.symbol)).toContain('collateral BTC');
  }, 60_000);
});
