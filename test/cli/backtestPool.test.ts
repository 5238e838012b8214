import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/main/worker/pool';
import { runBacktest } from '../../src/main/worker/jobs/backtestRun';
import { bookBacktestSpec, kernelRevalue } from '../../src/engine/backtest/bookBacktest';
import { runBacktestRows } from '../../src/engine/backtest/loop';
import { backtestModelSchema, marginModelFor } from '../../src/engine/backtest/modelSpec';
import type { CloseHistory } from '../../src/engine/backtest/history';
import type { BookTemplate } from '../../src/engine/backtest/anchoredBook';

const n = 400;
const closes = new Float64Array(n * 2);
for (let t = 0; t < n; t++) {
  closes[t * 2] = 30_000 * Math.exp(0.3 * Math.sin(t / 37) + 0.03 * Math.sin(t * 2.1));
  closes[t * 2 + 1] = 2_000 * Math.exp(0.4 * Math.sin(t / 29) + 0.05 * Math.cos(t * 1.3));
}
const history: CloseHistory = { dates: Array.from({ length: n }, (_, t) => new Date(Date.UTC(2021, 0, 1 + t)).toISOString().slice(0, 10)), underlyings: ['BTC', 'ETH'], closes };
const template: BookTemplate = {
  name: 'short straddle + basis',
  sizing: 'quantity',
  positions: [
    { underlying: 'BTC', kind: 'option', settlement: 'inverse', right: 'call', moneyness: 1, tenorDays: 30, quantity: -5 },
    { underlying: 'BTC', kind: 'option', settlement: 'inverse', right: 'put', moneyness: 1, tenorDays: 30, quantity: -5 },
    { underlying: 'ETH', kind: 'spot', settlement: 'linear', quantity: 10 },
    { underlying: 'ETH', kind: 'future', settlement: 'linear', tenorDays: 90, quantity: -8 },
  ],
};
const model = backtestModelSchema.parse({ kind: 'var', spec: { measure: 'var', method: 'historical', confidence: 0.99, lookbackDays: 250, mporDays: 2 } });

const pools: WorkerPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

describe('backtest on the worker pool', () => {
  it('2 workers, chunked, give exactly the in-process result; a rerun is identical', async () => {
    const pool = new WorkerPool({ size: 2 });
    pools.push(pool);
    const fractions: number[] = [];
    const request = { history, template, model, from: '2021-09-08' };
    const first = await runBacktest(pool, request, { onProgress: (f) => fractions.push(f) });
    const again = await runBacktest(pool, request);
    expect(again).toEqual(first);
    const spec = bookBacktestSpec({ history, template, mporDays: 2, fallbackVol: 0.6, model: marginModelFor(model), revalue: kernelRevalue });
    const a = history.dates.indexOf('2021-09-08');
    const local = runBacktestRows(spec, a, n - 3);
    expect(first.series).toEqual(local);
    expect(first.report.observations).toBe(n - 2 - a);
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it('the EMIR 10-year-lookback floor series equals the VaR model run directly with lookbackDays 3650 at each date', async () => {
    const pool = new WorkerPool({ size: 2 });
    pools.push(pool);
    const shortModel = backtestModelSchema.parse({ kind: 'var', spec: { measure: 'var', method: 'historical', confidence: 0.99, lookbackDays: 60, mporDays: 1 } });
    const { series, report } = await runBacktest(pool, { history, template, model: shortModel, from: '2021-12-01', apcLookbackFloor: true });
    const tenYear = marginModelFor(backtestModelSchema.parse({ kind: 'var', spec: { measure: 'var', method: 'historical', confidence: 0.99, lookbackDays: 3650, mporDays: 1 } }));
    const spec = bookBacktestSpec({ history, template, mporDays: 1, fallbackVol: 0.6, model: tenYear, revalue: kernelRevalue });
    const direct = runBacktestRows(spec, history.dates.indexOf('2021-12-01'), history.dates.indexOf('2021-12-10'));
    expect(Array.from(series.floorMargin!.subarray(0, 10))).toEqual(Array.from(direct.margin));
    expect(report.procyclicality?.apcLookbackFloor).not.toBeNull();
  });

  it('cancellation stops the run with a cancelled error', async () => {
    const pool = new WorkerPool({ size: 2 });
    pools.push(pool);
    const controller = new AbortController();
    const run = runBacktest(pool, { history, template, model }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
  });
});
