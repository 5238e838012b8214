/**
 * The backtest services over a real store (daily BTC closes from the shared data) and worker pool: a backtest job
 * with progress, its stored run (report and daily series) reopened identically, realised losses and breaches
 * checked against the CSV, Kupiec by its closed form, cancellation, user errors as 400s, and a calibration.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backtestModelSchema } from '../../../src/engine/backtest/modelSpec';
import { parseDeribitSymbol } from '../../../src/engine/instrument';
import type { MarketState } from '../../../src/engine/market';
import { importFile } from '../../../src/main/importers';
import { dispatchApiCall } from '../../../src/main/services/dispatch';
import { getRun, listRuns, replacePortfolio } from '../../../src/main/store';
import type { ProgressEvent } from '../../../src/shared/api';
import { testServiceRuntime } from '../../support/serviceRuntime';
import { sharedDataAvailable, sharedFile } from '../../support/sharedData';

const available = sharedDataAvailable();
const QTY = 2;
const BOOK = 'long perp';
const HS_VAR = backtestModelSchema.parse({ kind: 'var', spec: { measure: 'var', method: 'historical', confidence: 0.99, lookbackDays: 250, mporDays: 1 } });

/** BTC daily closes straight from the CSV (independent of the importers and the store). */
function btcCloses(): Map<string, number> {
  const [head, ...rows] = readFileSync(sharedFile('btc_usdt_binance_1d.csv'), 'utf8').trim().split('\n');
  const header = head.split(',');
  const d = header.indexOf('date');
  const c = header.indexOf('close');
  return new Map(rows.map((l) => l.split(',')).map((f) => [f[d].slice(0, 10), Number(f[c])]));
}

/** erfc by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): the chi-square(1) survival is erfc(sqrt(x / 2)). */
function erfc(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}

function kupiecByHand(n: number, x: number, confidence: number): { lr: number; pValue: number } {
  const p = 1 - confidence;
  const logL0 = (n - x) * Math.log(1 - p) + x * Math.log(p);
  const q = x / n;
  const logL1 = (n - x) * (q < 1 ? Math.log(1 - q) : 0) + (x > 0 ? x * Math.log(q) : 0);
  const lr = -2 * (logL0 - logL1);
  return { lr, pValue: erfc(Math.sqrt(lr / 2)) };
}

describe.skipIf(!available)('backtest services', () => {
  let rt: ReturnType<typeof testServiceRuntime>;
  const closes = available ? btcCloses() : new Map<string, number>();
  const events: ProgressEvent[] = [];

  beforeAll(async () => {
    rt = testServiceRuntime([]);
    await importFile('prices', rt.db, sharedFile('btc_usdt_binance_1d.csv'));
    const market: MarketState = { valuationTime: Date.UTC(2025, 11, 31), reportingCurrency: 'USD', underlyings: { BTC: { underlying: 'BTC', spot: closes.get('2025-12-31')!, rate: 0, vol: 0.5 } } };
    replacePortfolio(rt.db, { name: BOOK, positions: [{ instrument: parseDeribitSymbol('BTC_USDC-PERPETUAL'), quantity: QTY }], collateral: { USDC: 100_000 } }, market);
    rt.progress.subscribe((e) => events.push(e));
  }, 60_000);
  afterAll(async () => {
    await rt?.dispose();
  });

  it('getBacktestSetup lists presets, VaR methods, scannable parameters, suites and the stored history range', async () => {
    const setup = await rt.services.getBacktestSetup({});
    expect(setup.presets).toContain('deribit-pm-like');
    expect(setup.varMethods).toContain('historical');
    expect(setup.scannableParams).toEqual({ var: ['confidence', 'lookbackDays', 'ewmaLambda'], preset: ['scanScale'] });
    expect(setup.history).toEqual({ first: [...closes.keys()][0], last: [...closes.keys()].at(-1) });
  });

  it('runs a backtest as a job: losses and breaches match the CSV, Kupiec its closed form; the stored run reopens identically', async () => {
    const jobId = 'bt-services-1';
    const { runs } = await rt.services.runBacktest({ jobId, books: { portfolio: BOOK }, model: HS_VAR, from: '2024-07-01', to: '2024-12-31' });
    expect(runs).toHaveLength(1);
    const run = runs[0];
    const s = run.series!;
    // History ends at `to`, so the last margin date whose 1-day loss is known is 2024-12-30.
    expect(s.dates[0]).toBe('2024-07-01');
    expect(s.dates.at(-1)).toBe('2024-12-30');
    expect(run.report.observations).toBe(183);
    const days = [...closes.keys()];
    for (let i = 0; i < s.dates.length; i++) {
      const next = days[days.indexOf(s.dates[i]) + 1];
      expect(s.loss[i]).toBeCloseTo(-QTY * (closes.get(next)! - closes.get(s.dates[i])!), 6);
      expect(s.breach[i]).toBe(s.loss[i] > s.margin[i] ? 1 : 0);
      expect(s.margin[i]).toBeGreaterThan(0);
    }
    const breaches = s.breach.reduce((a, b) => a + b, 0);
    expect(run.report.breaches).toBe(breaches);
    const hand = kupiecByHand(183, breaches, 0.99);
    expect(run.report.kupiec.lr).toBeCloseTo(hand.lr, 9);
    expect(run.report.kupiec.pValue).toBeCloseTo(hand.pValue, 6);
    expect(run.report.averageMargin).toBeCloseTo(s.margin.reduce((a, b) => a + b, 0) / 183, 6);

    // Progress: running events rise monotonically, then one 'done'.
    const mine = events.filter((e) => e.jobId === jobId);
    const fractions = mine.filter((e) => e.status === 'running').map((e) => e.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(mine.at(-1)).toMatchObject({ status: 'done', fraction: 1 });

    // Stored: listed with its figures, reopened equal to the fresh result, the series where the export reads it.
    const listed = await rt.services.listBacktestRuns({});
    expect(listed[0]).toMatchObject({ id: run.id, book: BOOK, portfolio: BOOK, from: '2024-07-01', to: '2024-12-31', observations: 183, breaches, zone: run.report.trafficLight.zone });
    expect(await rt.services.getBacktestRun({ id: run.id })).toEqual(run);
    const stored = getRun(rt.db, run.id)!.results as { series: { dates: string[]; margin: number[] } };
    expect(stored.series.dates).toEqual(s.dates);
    expect(stored.series.margin).toEqual(s.margin);
  });

  it('a hypothetical suite stores one run per book in one go', async () => {
    const before = listRuns(rt.db, { kind: 'backtest' }).length;
    const { runs } = await rt.services.runBacktest({ jobId: 'bt-services-suite', books: { suite: 'hypothetical', underlyings: ['BTC'] }, model: backtestModelSchema.parse({ kind: 'preset', name: 'deribit-pm-like' }), from: '2024-11-01', to: '2024-11-30' });
    expect(runs.map((r) => r.book)).toEqual(['BTC long straddle 30d', 'BTC short straddle 30d', 'BTC risk reversal 30d', 'BTC calendar 7d/60d', 'BTC basis 90d', 'BTC long future 90d', 'BTC short future 90d']);
    for (const r of runs) expect(r).toMatchObject({ suite: 'hypothetical', portfolio: null, report: { observations: 29 } });
    expect(listRuns(rt.db, { kind: 'backtest' }).length).toBe(before + 7);
  });

  it('cancel stops a running backtest promptly (target 200 ms), says cancelled, and stores nothing', async () => {
    const before = listRuns(rt.db, { kind: 'backtest' }).length;
    const jobId = 'bt-services-cancel';
    const running = rt.services.runBacktest({ jobId, books: { portfolio: BOOK }, model: HS_VAR, from: '2019-01-01', to: '2025-12-31' });
    await expect.poll(() => events.some((e) => e.jobId === jobId && e.status === 'running' && e.fraction > 0), { timeout: 20_000, interval: 5 }).toBe(true);
    const t0 = performance.now();
    expect(await rt.services.cancelJob({ jobId })).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
    const elapsed = performance.now() - t0;
    console.info(`cancel to rejected 'cancelled': ${elapsed.toFixed(1)} ms`);
    // Target ~200 ms; typically 8-35 ms here (the worker checks every 4 rows, ~30 ms). The bound leaves room for a
    // shared 2-core machine under heavy load (one run at load average 13 took 370 ms).
    expect(elapsed).toBeLessThan(500);
    expect(events.filter((e) => e.jobId === jobId).at(-1)).toMatchObject({ status: 'cancelled', message: 'cancelled' });
    expect(listRuns(rt.db, { kind: 'backtest' }).length).toBe(before);
    // The one worker is free again: a 3-day backtest right after does not wait behind the cancelled ~2,500 days.
    const t1 = performance.now();
    const next = await rt.services.runBacktest({ jobId: 'bt-services-after-cancel', books: { portfolio: BOOK }, model: HS_VAR, from: '2024-03-01', to: '2024-03-04' });
    const after = performance.now() - t1;
    console.info(`3-day backtest right after the cancel: ${after.toFixed(0)} ms`);
    expect(next.runs[0].report.observations).toBe(3);
    expect(after).toBeLessThan(1_000);
  });

  it('bad choices are 400s naming what is wrong; a missing run is a 404', async () => {
    await expect(rt.services.runBacktest({ jobId: 'bt-services-bad1', books: { portfolio: 'nope' }, model: HS_VAR })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/no portfolio named 'nope'/) });
    await expect(rt.services.runBacktest({ jobId: 'bt-services-bad2', books: { portfolio: BOOK }, model: HS_VAR, from: '2030-01-01', to: '2030-02-01' })).rejects.toMatchObject({ code: 'bad_request' });
    await expect(rt.services.runBacktest({ jobId: 'bt-services-bad5', books: { portfolio: BOOK }, model: backtestModelSchema.parse({ kind: 'preset', name: 'nope' }) })).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/model\.name: unknown margin preset 'nope'/) });
    await expect(rt.services.runBacktest({ jobId: 'bt-services-bad6', books: { portfolio: BOOK }, model: HS_VAR, from: '2024-05-01', to: '2024-04-01' })).rejects.toMatchObject({ code: 'bad_request', message: 'from 2024-05-01 is after to 2024-04-01' });
    await expect(rt.services.getBacktestRun({ id: 999_999 })).rejects.toMatchObject({ code: 'not_found' });
    const invalid = await dispatchApiCall(rt.services, 'runCalibration', { jobId: 'bt-services-bad3', books: { portfolio: BOOK }, model: HS_VAR, param: 'confidence', range: { start: 0.9, end: 0.8, step: 0.01 }, target: { coverage: 0.99, worstZone: 'green' } });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'bad_request', message: expect.stringContaining('range') } });
    const wrongParam = rt.services.runCalibration({ jobId: 'bt-services-bad4', books: { portfolio: BOOK }, model: HS_VAR, param: 'scanScale', range: { start: 1, end: 2, step: 0.5 }, target: { coverage: 0.99, worstZone: 'green' } });
    await expect(wrongParam).rejects.toMatchObject({ code: 'bad_request', message: expect.stringMatching(/no scannable parameter 'scanScale'/) });
  });

  it('calibration: margin rises with confidence, the chosen value is the least margin meeting the target, the run reopens', async () => {
    const result = await rt.services.runCalibration({
      jobId: 'bt-services-calib',
      books: { portfolio: BOOK },
      model: HS_VAR,
      param: 'confidence',
      range: { start: 0.9, end: 0.99, step: 0.03 },
      target: { coverage: 0.97, worstZone: 'red' },
      from: '2024-01-01',
      to: '2024-12-31',
    });
    expect(result.points.map((p) => p.value)).toEqual([0.9, 0.93, 0.96, 0.99]);
    const margins = result.points.map((p) => p.averageMargin);
    for (let i = 1; i < margins.length; i++) expect(margins[i]).toBeGreaterThan(margins[i - 1]);
    // Independently: the least-margin point whose coverage meets 97% (zone 'red' allows any zone).
    const meeting = result.points.filter((p) => p.minCoverage >= 0.97);
    expect(result.best).toBe(meeting.length ? meeting.reduce((a, b) => (b.averageMargin < a.averageMargin ? b : a)).value : null);
    expect(await rt.services.getCalibrationRun({ id: result.id })).toEqual(result);
    expect((await rt.services.listCalibrationRuns({}))[0]).toMatchObject({ id: result.id, param: 'confidence', range: '0.9:0.99:0.03', best: result.best, books: [BOOK] });
  }, 60_000);
});
