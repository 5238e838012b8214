import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestModelSchema } from '../../src/engine/backtest/modelSpec';
import type { BookTemplate } from '../../src/engine/backtest/anchoredBook';
import { importPrices } from '../../src/main/importers/prices';
import { closesMatrix, openDatabase, type Db } from '../../src/main/store';
import { runBacktest } from '../../src/main/worker/jobs/backtestRun';
import { WorkerPool } from '../../src/main/worker/pool';
import { sharedDataAvailable, sharedFile } from '../support/sharedData';

const available = sharedDataAvailable();

describe.skipIf(!available)('historical-simulation VaR 99% backtest on daily BTC 2019-2025 (real data)', () => {
  let dir: string;
  let db: Db;
  let pool: WorkerPool;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'offset-btc-backtest-'));
    db = openDatabase(join(dir, 'offset.sqlite'));
    await importPrices(db, sharedFile('btc_usdt_binance_1d.csv'));
    pool = new WorkerPool({ size: 2 });
  });
  afterAll(async () => {
    await pool?.close();
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const oneBtc: BookTemplate = { name: '1 BTC', sizing: 'quantity', positions: [{ underlying: 'BTC', kind: 'spot', settlement: 'linear', quantity: 1 }] };
  const model = backtestModelSchema.parse({ kind: 'var', spec: { measure: 'var', method: 'historical', confidence: 0.99, lookbackDays: 365, mporDays: 1 } });

  it('runs end to end, breaches on the March 2020 crash, and a rerun gives identical results', async () => {
    const history = closesMatrix(db, ['BTC']);
    expect(history.dates[0]).toBe('2017-08-17');
    const request = { history, template: oneBtc, model, from: '2019-01-01', to: '2025-12-31' };
    const first = await runBacktest(pool, request);
    const { report, series } = first;
    expect(series.dates[0]).toBe('2019-01-01');
    expect(series.dates[series.dates.length - 1]).toBe('2025-12-31');
    // Dates are margin dates t; the 2020-03-11 margin faced the 2020-03-12 close (BTC -39% close to close).
    expect(report.breachDates).toContain('2020-03-11');
    expect(report.observations).toBe(series.dates.length);
    expect(report.breaches).toBeGreaterThan(0);
    // 99% VaR over ~2,557 days: expected ~26 breaches; the test only asserts the statistics are populated and sane.
    expect(report.kupiec.pValue).toBeGreaterThanOrEqual(0);
    expect(report.kupiec.pValue).toBeLessThanOrEqual(1);
    expect(['green', 'yellow', 'red']).toContain(report.trafficLight.zone);
    const again = await runBacktest(pool, request);
    expect(again).toEqual(first);
  });
});
