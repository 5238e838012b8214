/** The stress, backtest, calibrate and optimize commands end to end through the CLI's main(), on real daily BTC data. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDeribitSymbol } from '../../src/engine/instrument';
import type { MarketState } from '../../src/engine/market';
import { main } from '../../src/main/cli/main';
import { importPrices } from '../../src/main/importers/prices';
import { listRuns, openDatabase, saveScenarioSet } from '../../src/main/store';
import { fromBookAndMarket } from '../../src/shared/portfolioFile';
import { sharedDataAvailable, sharedFile } from '../support/sharedData';

const available = sharedDataAvailable();

/** BTC daily closes read straight from the CSV (independent of the store). */
function btcCloses(): Map<string, number> {
  const lines = readFileSync(sharedFile('btc_usdt_binance_1d.csv'), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  const d = header.indexOf('date');
  const c = header.indexOf('close');
  return new Map(lines.slice(1).map((l) => l.split(',')).map((f) => [f[d].slice(0, 10), Number(f[c])]));
}

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { stdout: (t) => (out += `${t}\n`), stderr: (t) => (err += `${t}\n`) });
  return { code, out, err };
}

describe.skipIf(!available)('offset stress / backtest / calibrate / optimize', () => {
  let dir: string;
  let dbPath: string;
  let portfolio: string;
  const closes = available ? btcCloses() : new Map<string, number>();
  const spot = closes.get('2025-12-31')!;
  const qty = 2;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'offset-cli-stress-'));
    dbPath = join(dir, 'offset.sqlite');
    const db = openDatabase(dbPath);
    await importPrices(db, sharedFile('btc_usdt_binance_1d.csv'));
    db.close();
    const market: MarketState = { valuationTime: Date.UTC(2025, 11, 31), reportingCurrency: 'USD', underlyings: { BTC: { underlying: 'BTC', spot, rate: 0, vol: 0.5 } } };
    const book = { name: 'long perp', positions: [{ instrument: parseDeribitSymbol('BTC_USDC-PERPETUAL'), quantity: qty }], collateral: { USDC: 100_000 } };
    portfolio = join(dir, 'long-perp.json');
    writeFileSync(portfolio, JSON.stringify(fromBookAndMarket(book, market)));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stress: historical windows and worst days match hand P&L from the CSV; reverse stress matches the closed form', async () => {
    const r = await cli('stress', portfolio, '--db', dbPath, '--worst', '3', '--json');
    expect(r.err).toBe('');
    const out = JSON.parse(r.out);
    const covid = out.scenarios.find((s: { scenario: string }) => s.scenario === 'covid-crash 2020-03-12 1d');
    const hand = qty * spot * (closes.get('2020-03-12')! / closes.get('2020-03-11')! - 1);
    expect(covid.pnl).toBeCloseTo(hand, 6);
    expect(covid.equityAfter).toBeCloseTo(out.equity + hand, 6);
    expect(covid.survives).toBe(covid.equityAfter >= out.maintenanceMargin);
    const luna = out.scenarios.find((s: { scenario: string }) => s.scenario.startsWith('luna-collapse 2022-05-09..2022-05-12'));
    expect(luna.pnl).toBeCloseTo(qty * spot * (closes.get('2022-05-12')! / closes.get('2022-05-08')! - 1), 6);
    // Worst 3 days of a long position = the 3 largest daily falls of BTC (hand ranking of the CSV).
    const dates = [...closes.keys()];
    const falls = dates.slice(1).map((d, i) => ({ d, r: closes.get(d)! / closes.get(dates[i])! })).filter((x) => x.d <= '2025-12-31').sort((a, b) => a.r - b.r);
    const worst = out.scenarios.filter((s: { source: string }) => s.source.startsWith('worst'));
    expect(worst.map((s: { scenario: string }) => s.scenario)).toEqual(falls.slice(0, 3).map((x) => `worst 1d ending ${x.d}`));
    // Long 2 BTC (linear): P&L = 2 S (e^x - 1), so the fatal fall is -excess / (2 S).
    const btc = out.reverseStress.perUnderlying[0];
    expect(btc.spotOnly.down.pctMove).toBeCloseTo(-out.excess / (qty * spot), 5);
    expect(btc.spotOnly.up).toBeNull();
  });

  it('stress --set: a stored scenario set is applied as typed (P&L = q S (m - 1))', async () => {
    const db = openDatabase(dbPath);
    saveScenarioSet(db, { name: 'desk', volShiftMode: 'absolute', scenarios: [{ name: 'BTC -25%', shocks: { BTC: { spotMultiplier: 0.75, volShift: 0.2 } } }, { name: 'BTC +10%', shocks: { BTC: { spotMultiplier: 1.1, volShift: 0 } } }] });
    db.close();
    const r = await cli('stress', portfolio, '--set', 'desk', '--db', dbPath, '--json');
    expect(r.err).toBe('');
    const out = JSON.parse(r.out);
    expect(out.scenarios.map((s: { scenario: string }) => s.scenario)).toEqual(['BTC -25%', 'BTC +10%']);
    expect(out.scenarios[0].pnl).toBeCloseTo(qty * spot * -0.25, 6);
    expect(out.scenarios[0].positionPnl['BTC_USDC-PERPETUAL']).toBeCloseTo(qty * spot * -0.25, 6);
    expect(out.scenarios[1].topContributors).toEqual([]);
    const missing = await cli('stress', portfolio, '--set', 'nope', '--db', dbPath);
    expect(missing.err).toMatch(/no stress scenario set named 'nope'/);
  });

  it('backtest: the hypothetical BTC suite runs on the pool and every book is stored as a run', async () => {
    const r = await cli('backtest', '--suite', 'hypothetical', '--underlyings', 'BTC', '--model', 'var', '--method', 'historical', '--lookback', '250', '--mpor', '1', '--from', '2024-07-01', '--to', '2024-08-31', '--workers', '2', '--db', dbPath, '--json');
    expect(r.err).toBe('');
    const out = JSON.parse(r.out);
    expect(out.results).toHaveLength(7);
    for (const b of out.results) expect(b.report.observations).toBe(61);
    const db = openDatabase(dbPath, { readonly: true });
    expect(listRuns(db, { kind: 'backtest' }).length).toBe(7);
    db.close();
  });

  it('calibrate: higher confidence means higher average margin; best is the least margin meeting the target', async () => {
    const r = await cli('calibrate', portfolio, '--model', 'var', '--method', 'historical', '--lookback', '250', '--mpor', '1', '--param', 'confidence', '--range', '0.9:0.99:0.045', '--target', '0.95', '--zone', 'red', '--from', '2023-01-01', '--to', '2024-12-31', '--workers', '2', '--db', dbPath, '--json');
    expect(r.err).toBe('');
    const out = JSON.parse(r.out);
    const margins = out.frontier.map((p: { averageMargin: number }) => p.averageMargin);
    expect(out.frontier.map((p: { value: number }) => p.value)).toEqual([0.9, 0.945, 0.99]);
    expect(margins[1]).toBeGreaterThan(margins[0]);
    expect(margins[2]).toBeGreaterThan(margins[1]);
    const meeting = out.frontier.filter((p: { meetsTarget: boolean }) => p.meetsTarget);
    expect(out.best?.value ?? null).toBe(meeting.length ? meeting[0].value : null);
  });

  it('optimize: grid and ES hedges of a long perpetual never raise the recomputed margin; bad hedge files are clear errors', async () => {
    const hedges = join(dir, 'hedges.json');
    writeFileSync(hedges, JSON.stringify({ hedges: [{ symbol: 'BTC_USDC-PERPETUAL', min: -5, max: 5, costPerUnit: 1 }] }));
    for (const model of [['--model', 'grid'], ['--model', 'es', '--lookback', '365', '--mpor', '1']]) {
      const r = await cli('optimize', portfolio, ...model, '--hedges', hedges, '--db', dbPath, '--json');
      expect(r.err).toBe('');
      const out = JSON.parse(r.out);
      expect(out.marginAfter).toBeLessThanOrEqual(out.marginBefore);
      expect(out.trades[0].quantity).toBeCloseTo(-qty, 6);
      expect(out.marginAfter).toBeLessThan(0.01 * out.marginBefore);
    }
    writeFileSync(hedges, JSON.stringify({ hedges: [{ symbol: 'BTC_USDC-PERPETUAL', min: 5, max: -5 }] }));
    const bad = await cli('optimize', portfolio, '--model', 'grid', '--hedges', hedges, '--db', dbPath);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/hedges\.json: field 'hedges\.0': min must be <= max/);
  });
});
