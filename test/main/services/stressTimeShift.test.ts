/**
 * Per-scenario time shifts and stored stress runs, over a real store and worker pool (no market history needed).
 * A long call's P&L under a time shift equals the Black-76 value difference at the shorter expiry, computed here
 * with its own normal CDF (Simpson's rule on the density); a perpetual is unaffected by the clock. Scenarios with
 * different shifts come back in the set's order. Every run is stored as a 'stress' run that lists and reopens
 * with the same report, and the XLSX book report falls back to the latest of them when no set is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeribitSymbol } from '../../../src/engine/instrument';
import type { Book, MarketState } from '../../../src/engine/market';
import { computeSpecMargin } from '../../../src/main/analysis/marginModels';
import { bookReport } from '../../../src/main/export/bookReport';
import { dispatchApiCall } from '../../../src/main/services/dispatch';
import { getRun, getScenarioSet, listRuns, loadBook, replacePortfolio } from '../../../src/main/store';
import type { ScenarioSetDto } from '../../../src/shared/contract/stress';
import { testServiceRuntime } from '../../support/serviceRuntime';

const SPOT = 90_000;
const STRIKE = 100_000;
const VOL = 0.5;
const VALUATION = Date.UTC(2025, 11, 31);
const EXPIRY = Date.UTC(2026, 2, 27, 8); // 27MAR26 08:00 UTC
const YEAR_MS = 365 * 86_400_000;
const CALL = `BTC_USDC-27MAR26-${STRIKE}-C`;
const PERP = 'BTC_USDC-PERPETUAL';

const market: MarketState = { valuationTime: VALUATION, reportingCurrency: 'USD', underlyings: { BTC: { underlying: 'BTC', spot: SPOT, rate: 0, vol: VOL } } };
const book: Book = {
  name: 'theta desk',
  positions: [
    { instrument: parseDeribitSymbol(CALL), quantity: 1 },
    { instrument: parseDeribitSymbol(PERP), quantity: 3 },
  ],
  collateral: { USDC: 100_000 },
};

/** Standard normal CDF: 1/2 + integral of the density from 0 to x by composite Simpson's rule. */
function normalCdf(x: number): number {
  const n = 2000;
  const h = x / n;
  const pdf = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  let sum = pdf(0) + pdf(x);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * pdf(i * h);
  return 0.5 + (sum * h) / 3;
}

/** Black-76 call at rate 0 (forward = spot), USD. */
function black76Call(forward: number, strike: number, years: number, vol: number): number {
  const sd = vol * Math.sqrt(years);
  const d1 = Math.log(forward / strike) / sd + sd / 2;
  return forward * normalCdf(d1) - strike * normalCdf(d1 - sd);
}

/** The call's P&L when spot moves by `multiplier` and the clock by `days`. */
function expectedCallPnl(multiplier: number, days: number): number {
  const years = (EXPIRY - VALUATION) / YEAR_MS;
  return black76Call(SPOT * multiplier, STRIKE, years - days / 365, VOL) - black76Call(SPOT, STRIKE, years, VOL);
}

const set: ScenarioSetDto = {
  name: 'theta',
  volShiftMode: 'absolute',
  scenarios: [
    { name: 'flat', shocks: { BTC: { spotMultiplier: 1, volShift: 0 } } },
    { name: '30 days', shocks: { BTC: { spotMultiplier: 1, volShift: 0 } }, timeShiftDays: 30 },
    { name: '10 days, spot -10%', shocks: { BTC: { spotMultiplier: 0.9, volShift: 0 } }, timeShiftDays: 10 },
    { name: '30 days, spot +5%', shocks: { BTC: { spotMultiplier: 1.05, volShift: 0 } }, timeShiftDays: 30 },
  ],
};
const runArgs = { portfolio: book.name, model: { kind: 'grid' as const, preset: 'deribit-pm-like' }, set, historicalWindows: false, worstDays: 0, horizonDays: 1, topContributors: 3, reverseStress: false };

describe('stress time shifts and stored runs', () => {
  const rt = testServiceRuntime([]);
  const call = (method: string, args: unknown) => dispatchApiCall(rt.services, method, args);

  beforeAll(() => replacePortfolio(rt.db, book, market));
  afterAll(() => rt.dispose());

  it('stores a scenario time shift and reads it back; a scenario without one reads back without the field', async () => {
    await rt.services.saveStressSet({ set });
    expect(getScenarioSet(rt.db, 'theta')).toEqual(set);
    expect(await rt.services.getStressSet({ name: 'theta' })).toEqual(set);
  });

  it('rejects a negative or fractional time shift naming the field', async () => {
    const negative = await call('saveStressSet', { set: { ...set, scenarios: [{ ...set.scenarios[0], timeShiftDays: -1 }] } });
    expect(!negative.ok && negative.error.message).toMatch(/0 days or more[\s\S]*scenarios\[0\]\.timeShiftDays/);
    const fractional = await call('saveStressSet', { set: { ...set, scenarios: [{ ...set.scenarios[0], timeShiftDays: 1.5 }] } });
    expect(!fractional.ok && fractional.error.message).toMatch(/whole days[\s\S]*scenarios\[0\]\.timeShiftDays/);
  });

  it("revalues each scenario with its own time shift (Black-76 at the shorter expiry), in the set's order", async () => {
    const { report } = await rt.services.runStress({ jobId: 'stress-theta-run-1', ...runArgs, timeShiftDays: 0 });
    expect(report.scenarios.map((s) => s.scenario)).toEqual(set.scenarios.map((s) => s.name));
    const [flat, month, tenDown, monthUp] = report.scenarios;
    expect(flat.pnl).toBeCloseTo(0, 6);
    expect(month.positionPnl[CALL]).toBeCloseTo(expectedCallPnl(1, 30), 4);
    expect(month.positionPnl[CALL]).toBeLessThan(-100); // a long option loses time value
    expect(tenDown.positionPnl[CALL]).toBeCloseTo(expectedCallPnl(0.9, 10), 4);
    expect(monthUp.positionPnl[CALL]).toBeCloseTo(expectedCallPnl(1.05, 30), 4);
    // The perpetual (3 BTC) moves with spot only, whatever the clock.
    expect(month.positionPnl[PERP]).toBeCloseTo(0, 6);
    expect(tenDown.positionPnl[PERP]).toBeCloseTo(3 * SPOT * -0.1, 4);
    expect(monthUp.pnl).toBeCloseTo(expectedCallPnl(1.05, 30) + 3 * SPOT * 0.05, 4);
  });

  it("adds the run's time shift to each scenario's own", async () => {
    const { report } = await rt.services.runStress({ jobId: 'stress-theta-run-2', ...runArgs, timeShiftDays: 5 });
    expect(report.scenarios[0].positionPnl[CALL]).toBeCloseTo(expectedCallPnl(1, 5), 4);
    expect(report.scenarios[1].positionPnl[CALL]).toBeCloseTo(expectedCallPnl(1, 35), 4);
  });

  it('stores every run as a stress run that lists (newest first) and reopens with the same report', async () => {
    const ran = await rt.services.runStress({ jobId: 'stress-theta-run-3', ...runArgs, timeShiftDays: 2 });
    const listed = await rt.services.listStressRuns({ portfolio: book.name });
    expect(listed.length).toBe(3);
    expect(listed[0]).toMatchObject({ id: ran.id, portfolio: book.name, model: 'deribit-pm-like', excess: ran.report.excess });
    expect(listed[0].inputs).toEqual({ set: { name: 'theta', volShiftMode: 'absolute', scenarioCount: 4 }, historicalWindows: false, worstDays: 0, horizonDays: 1, timeShiftDays: 2, topContributors: 3, reverseStress: false });
    expect(await rt.services.getStressRun({ id: ran.id })).toEqual(ran);
    const missing = await call('getStressRun', { id: 99_999 });
    expect(!missing.ok && missing.error.code).toBe('not_found');
    // The shape src/main/export/bookReport.ts falls back to: results.scenarios of StressOutcome.
    const stored = getRun(rt.db, ran.id)!;
    expect(stored.kind).toBe('stress');
    expect(stored.params).toEqual({ model: runArgs.model });
    for (const s of (stored.results as { scenarios: Record<string, unknown>[] }).scenarios) {
      expect(s).toMatchObject({ scenario: expect.any(String), pnl: expect.any(Number), equityAfter: expect.any(Number), maintenanceMargin: expect.any(Number), survives: expect.any(Boolean), topContributors: expect.any(Array) });
    }
  });

  it("feeds the XLSX book report's fallback: with no set stored, its stress sheet is the latest stored run", async () => {
    await rt.services.deleteStressSet({ name: 'theta' });
    const latest = listRuns(rt.db, { kind: 'stress', portfolio: book.name, limit: 1 })[0];
    const stored = await rt.services.getStressRun({ id: latest.id });
    const loaded = loadBook(rt.db, book.name);
    const result = computeSpecMargin(rt.db, loaded.book, loaded.market, runArgs.model);
    const report = await bookReport({ db: rt.db, target: book.name, book: loaded.book, market: loaded.market, spec: runArgs.model, result, generatedAt: 0 });
    const rows = report.tables.stress!.rows;
    expect(rows.map((r) => r.scenario)).toEqual(set.scenarios.map((s) => `run ${latest.id}: ${s.name}`));
    expect(rows.map((r) => r.pnl)).toEqual(stored.report.scenarios.map((s) => s.pnl));
  });

  it('stores nothing for a run that fails', async () => {
    const before = (await rt.services.listStressRuns({ portfolio: book.name })).length;
    const bad = await call('runStress', { jobId: 'stress-theta-run-4', ...runArgs, portfolio: 'nope', timeShiftDays: 0 });
    expect(bad.ok).toBe(false);
    expect((await rt.services.listStressRuns({ portfolio: book.name })).length).toBe(before);
  });
});
