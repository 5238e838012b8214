/**
 * Stress services over a real store and worker pool: scenario sets round-trip through the store and bad sets are
 * rejected naming the field; a run's P&L matches closed forms (linear perpetual q S (m - 1); call minus put at one
 * strike = S (m - 1) whatever the vol shift, by put-call parity at rate 0; coin collateral a S (m - 1)); historical
 * scenarios equal close ratios read straight from the CSV; cancelling a run ends it as 'cancelled'.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeribitSymbol } from '../../../src/engine/instrument';
import type { Book, MarketState } from '../../../src/engine/market';
import { importPrices } from '../../../src/main/importers/prices';
import { dispatchApiCall } from '../../../src/main/services/dispatch';
import { replacePortfolio } from '../../../src/main/store';
import type { ScenarioSetDto } from '../../../src/shared/contract/stress';
import { sharedDataAvailable, sharedFile } from '../../support/sharedData';
import { testServiceRuntime } from '../../support/serviceRuntime';

const available = sharedDataAvailable();
const SPOT = 90_000;
const market: MarketState = { valuationTime: Date.UTC(2025, 11, 31), reportingCurrency: 'USD', underlyings: { BTC: { underlying: 'BTC', spot: SPOT, rate: 0, vol: 0.5 } } };
const book: Book = {
  name: 'desk',
  positions: [
    { instrument: parseDeribitSymbol('BTC_USDC-PERPETUAL'), quantity: 2 },
    { instrument: parseDeribitSymbol('BTC_USDC-27MAR26-100000-C'), quantity: 1 },
    { instrument: parseDeribitSymbol('BTC_USDC-27MAR26-100000-P'), quantity: -1 },
  ],
  collateral: { USDC: 200_000, BTC: 1 },
};
/** Perpetual 2 + synthetic forward 1 + BTC collateral 1: every scenario's P&L is 4 S (m - 1). */
const DELTA_COINS = 4;

const set: ScenarioSetDto = {
  name: 'desk shocks',
  description: 'hand cases',
  volShiftMode: 'absolute',
  scenarios: [
    { name: 'BTC -30%, vol +20', shocks: { BTC: { spotMultiplier: 0.7, volShift: 0.2 } } },
    { name: 'BTC +15%, vol -10', shocks: { BTC: { spotMultiplier: 1.15, volShift: -0.1 } } },
    { name: 'ETH only', shocks: { ETH: { spotMultiplier: 0.5, volShift: 0 } } },
  ],
};

/** BTC daily closes straight from the CSV (independent of the importer and the store). */
function csvCloses(): Map<string, number> {
  const [header, ...lines] = readFileSync(sharedFile('btc_usdt_binance_1d.csv'), 'utf8').trim().split('\n');
  const cols = header.split(',');
  return new Map(lines.map((l) => l.split(',')).map((f) => [f[cols.indexOf('date')].slice(0, 10), Number(f[cols.indexOf('close')])]));
}

describe.skipIf(!available)('stress services', () => {
  const rt = testServiceRuntime([]);
  const call = (method: string, args: unknown) => dispatchApiCall(rt.services, method, args);

  beforeAll(async () => {
    await importPrices(rt.db, sharedFile('btc_usdt_binance_1d.csv'));
    replacePortfolio(rt.db, book, market);
  });
  afterAll(() => rt.dispose());

  it('saves, lists, reads back and deletes a scenario set', async () => {
    expect(await rt.services.saveStressSet({ set })).toEqual({ name: set.name, description: 'hand cases', scenarioCount: 3 });
    expect(await rt.services.listStressSets({})).toEqual([{ name: set.name, description: 'hand cases', scenarioCount: 3 }]);
    expect(await rt.services.getStressSet({ name: set.name })).toEqual(set);
    await rt.services.saveStressSet({ set: { ...set, name: 'scratch' } });
    expect(await rt.services.deleteStressSet({ name: 'scratch' })).toBe(true);
    expect(await rt.services.deleteStressSet({ name: 'scratch' })).toBe(false);
    const missing = await call('getStressSet', { name: 'scratch' });
    expect(missing).toEqual({ ok: false, error: { code: 'not_found', message: "no stress scenario set named 'scratch'" } });
  });

  it('rejects bad sets with a message naming the field', async () => {
    const duplicate = await call('saveStressSet', { set: { ...set, scenarios: [set.scenarios[0], { ...set.scenarios[1], name: 'btc -30%, VOL +20' }] } });
    expect(duplicate.ok).toBe(false);
    expect(!duplicate.ok && duplicate.error.message).toMatch(/duplicate scenario name[\s\S]*scenarios\[1\]\.name/);
    const wipedOut = await call('saveStressSet', { set: { ...set, scenarios: [{ name: 'x', shocks: { BTC: { spotMultiplier: 0, volShift: 0 } } }] } });
    expect(!wipedOut.ok && wipedOut.error.message).toMatch(/above -100 %[\s\S]*scenarios\[0\]\.shocks\.BTC\.spotMultiplier/);
    const relative = await call('saveStressSet', { set: { ...set, volShiftMode: 'relative', scenarios: [{ name: 'x', shocks: { BTC: { spotMultiplier: 1, volShift: -1 } } }] } });
    expect(!relative.ok && relative.error.message).toMatch(/relative vol shift must be above -100 %/);
    const empty = await call('saveStressSet', { set: { ...set, scenarios: [] } });
    expect(!empty.ok && empty.error.message).toMatch(/at least one scenario/);
    const extra = await call('runStress', { jobId: 'abcdefgh12', portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, set, historicalWindows: false, worstDays: 0, horizonDays: 1, timeShiftDays: 0, topContributors: 3, reverseStress: false, surprise: 1 });
    expect(!extra.ok && extra.error.message).toMatch(/surprise/);
  });

  it('lists the book underlyings (positions and coin collateral) and the assets with daily closes', async () => {
    const universe = await rt.services.getStressUniverse({ portfolio: 'desk' });
    expect(universe.bookUnderlyings).toEqual(['BTC']);
    const closes = [...csvCloses().keys()];
    expect(universe.assets).toEqual([{ asset: 'BTC', first: closes[0], last: closes[closes.length - 1] }]);
    expect((await call('getStressUniverse', { portfolio: 'nope' })).ok).toBe(false);
  });

  it('runs a set: P&L = 4 S (m - 1), per position by closed form, equity after = equity + P&L against maintenance margin', async () => {
    const { report } = await rt.services.runStress({ jobId: 'stress-test-run-1', portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, set, historicalWindows: false, worstDays: 0, horizonDays: 1, timeShiftDays: 0, topContributors: 3, reverseStress: false });
    expect(report.scenarios.map((s) => s.scenario)).toEqual(set.scenarios.map((s) => s.name));
    // Equity: 200,000 USDC + 1 BTC at spot + the options' value (C - P = S - K at rate 0; the perpetual is worth 0 without an entry price).
    expect(report.equity).toBeCloseTo(200_000 + SPOT + (SPOT - 100_000), 4);
    const [down, up, ethOnly] = report.scenarios;
    expect(down.pnl).toBeCloseTo(DELTA_COINS * SPOT * -0.3, 4);
    expect(up.pnl).toBeCloseTo(DELTA_COINS * SPOT * 0.15, 4);
    expect(ethOnly.pnl).toBeCloseTo(0, 6);
    expect(down.positionPnl['BTC_USDC-PERPETUAL']).toBeCloseTo(2 * SPOT * -0.3, 4);
    expect(down.positionPnl['BTC collateral']).toBeCloseTo(SPOT * -0.3, 4);
    expect(down.positionPnl['BTC_USDC-27MAR26-100000-C'] + down.positionPnl['BTC_USDC-27MAR26-100000-P']).toBeCloseTo(SPOT * -0.3, 4);
    for (const s of report.scenarios) {
      expect(s.equityAfter).toBeCloseTo(report.equity + s.pnl, 6);
      expect(s.maintenanceMargin).toBe(report.maintenanceMargin);
      expect(s.survives).toBe(s.equityAfter >= report.maintenanceMargin);
      expect(s.source).toBe('set desk shocks');
    }
    expect(down.topContributors[0]).toEqual({ instrument: 'BTC_USDC-PERPETUAL', pnl: down.positionPnl['BTC_USDC-PERPETUAL'] });
    expect(down.topContributors.length).toBeLessThanOrEqual(3);
    expect(up.topContributors.every((c) => c.pnl < 0)).toBe(true);
  });

  it('ranks the worst historical days by the CSV closes and finds the reverse stress move in closed form', async () => {
    const { report } = await rt.services.runStress({ jobId: 'stress-test-run-2', portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, set: null, historicalWindows: true, worstDays: 2, horizonDays: 1, timeShiftDays: 0, topContributors: 3, reverseStress: true });
    const closes = csvCloses();
    const dates = [...closes.keys()].filter((d) => d <= '2025-12-31');
    const falls = dates.slice(1).map((d, i) => ({ d, m: closes.get(d)! / closes.get(dates[i])! })).sort((a, b) => a.m - b.m);
    const worst = report.scenarios.filter((s) => s.source.startsWith('worst'));
    expect(worst.map((s) => s.scenario)).toEqual(falls.slice(0, 2).map((x) => `worst 1d ending ${x.d}`));
    expect(worst[0].pnl).toBeCloseTo(DELTA_COINS * SPOT * (falls[0].m - 1), 3);
    const covid = report.scenarios.find((s) => s.scenario === 'covid-crash 2020-03-12 1d')!;
    expect(covid.pnl).toBeCloseTo(DELTA_COINS * SPOT * (closes.get('2020-03-12')! / closes.get('2020-03-11')! - 1), 3);
    // P&L(x) = 4 S (e^x - 1) on the way down: the fatal simple move is -excess / (4 S).
    const btc = report.reverseStress!.perUnderlying[0];
    expect(btc.spotOnly.down!.pctMove).toBeCloseTo(-report.excess / (DELTA_COINS * SPOT), 5);
  });

  it('generates a historical scenario equal to the CSV close ratio over the horizon', async () => {
    const closes = csvCloses();
    const one = await rt.services.historicalStressScenario({ date: '2020-03-12', horizonDays: 1 });
    expect(one.shocks.BTC.spotMultiplier).toBeCloseTo(closes.get('2020-03-12')! / closes.get('2020-03-11')!, 12);
    expect(one).toMatchObject({ name: 'historical 2020-03-12 1d', from: '2020-03-11', to: '2020-03-12', missing: [] });
    const week = await rt.services.historicalStressScenario({ date: '2022-11-10', horizonDays: 7 });
    expect(week.shocks.BTC.spotMultiplier).toBeCloseTo(closes.get('2022-11-10')! / closes.get('2022-11-03')!, 12);
    const outside = await call('historicalStressScenario', { date: '2010-01-01', horizonDays: 1 });
    expect(outside.ok).toBe(false);
    expect(!outside.ok && outside.error).toMatchObject({ code: 'bad_request' });
    expect(!outside.ok && outside.error.message).toMatch(/2010-01-01 is not in the history/);
  });

  it('cancels a running stress job', async () => {
    const jobId = 'stress-test-cancel';
    const running = rt.services.runStress({ jobId, portfolio: 'desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, set, historicalWindows: true, worstDays: 5, horizonDays: 1, timeShiftDays: 0, topContributors: 3, reverseStress: true });
    expect(await rt.services.cancelJob({ jobId })).toBe(true);
    await expect(running).rejects.toMatchObject({ code: 'cancelled' });
  });
});

