import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../../src/main/cli/command';
import { marginCommand } from '../../src/main/cli/commands/margin';
import { importPrices } from '../../src/main/importers/prices';
import { importVols } from '../../src/main/importers/vols';
import { closeHistory } from '../../src/main/market/modelInputs';
import { ensureAsset, openDatabase, replacePortfolio, type Db } from '../../src/main/store';
import { varMarginModel } from '../../src/engine/margin/var/model';
import { parseVarSpec } from '../../src/engine/margin/var/spec';
import { book, config, market, pos } from '../engine/margin/fixtures';
import { historyFromReturns, randomReturns } from '../engine/margin/var/history';
import { sharedDataAvailable, sharedFile } from '../support/sharedData';

const dir = mkdtempSync(join(tmpdir(), 'offset-margin-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const history = historyFromReturns(['BTC', 'ETH'], [30_000, 2_000], randomReturns(500, [0.03, 0.04], 0.8));
const m = market();
const hedgedBook = { ...book([pos('BTC-29MAR24-45000-C', -3), pos('BTC-PERPETUAL', 4000), pos('ETH-29MAR24-2500-P', -20), pos('ETH_USDC-PERPETUAL', -5)], { BTC: 2, USDC: 50_000 }), name: 'desk' };

function insertBars(db: Db, asset: string, dates: string[], closes: ArrayLike<number>): void {
  ensureAsset(db, asset);
  const insert = db.prepare("INSERT OR REPLACE INTO price_bars (asset, interval, ts, close, source) VALUES (?, '1d', ?, ?, 'test')");
  db.transaction(() => dates.forEach((d, t) => Number.isFinite(closes[t]) && insert.run(asset, Date.parse(`${d}T00:00:00Z`), closes[t])))();
}

const dbPath = join(dir, 'store.sqlite');
{
  const db = openDatabase(dbPath);
  for (const [u, name] of history.underlyings.entries()) insertBars(db, name, history.dates, Array.from({ length: history.dates.length }, (_, t) => history.closes[t * 2 + u]));
  replacePortfolio(db, hedgedBook, m);
  db.close();
}

async function cli(args: string[], options: Record<string, string | boolean>): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const ctx: CliContext = { args, options: { db: dbPath, json: true, ...options }, json: true, stdout: (t) => out.push(t), stderr: () => {} };
  const code = await marginCommand.run(ctx);
  return { code, out: out.join('\n') };
}

describe('offset margin', () => {
  it('--model es --json prints margins, components, positions, collateral, conventions and timings; equals the engine on the stored history', async () => {
    const { code, out } = await cli(['desk'], { model: 'es', method: 'historical', confidence: '0.99', mpor: '2', lookback: '400', workers: '2' });
    expect(code).toBe(0);
    const r = JSON.parse(out);
    for (const key of ['initialMargin', 'maintenanceMargin', 'components', 'scenarios', 'positions', 'collateral', 'conventions', 'timings']) expect(r).toHaveProperty(key);
    expect(r.initialMargin).toBeGreaterThan(0);
    expect(r.maintenanceMargin).toBeLessThan(r.initialMargin);
    expect(r.positions.map((p: { symbol: string }) => p.symbol)).toContain('collateral BTC');
    expect(r.conventions.join(' ')).toMatch(/ceil\(n\(1-alpha\)\)/);
    expect(r.collateral.lines.map((l: { asset: string }) => l.asset).sort()).toEqual(['BTC', 'USDC']);
    // Same numbers as the engine run in-process on the same history and market.
    const spec = parseVarSpec({ measure: 'es', method: 'historical', confidence: 0.99, mporDays: 2, lookbackDays: 400 });
    const local = varMarginModel(spec, history).compute(hedgedBook, m, config({ collateral: { assets: {}, defaultHaircut: 0, moveWithScenario: true } }));
    expect(r.initialMargin).toBeCloseTo(local.initialMargin, 6);
  }, 60_000);

  it('--method montecarlo --seed: same seed, same margin, with 1 and 2 workers', async () => {
    const opts = { model: 'var', method: 'montecarlo', seed: '5', paths: '2000', lookback: '300' };
    const one = JSON.parse((await cli(['desk'], { ...opts, workers: '1' })).out);
    const two = JSON.parse((await cli(['desk'], { ...opts, workers: '2' })).out);
    const inProcess = JSON.parse((await cli(['desk'], { ...opts, workers: '0' })).out);
    expect(one.initialMargin).toBe(two.initialMargin);
    expect(inProcess.initialMargin).toBe(two.initialMargin);
  }, 60_000);

  it('--config file sets parameters, flags override it, a bad field is named', async () => {
    const file = join(dir, 'var.json');
    writeFileSync(file, JSON.stringify({ method: 'parametric', confidence: 0.975, lookbackDays: 250 }));
    const r = JSON.parse((await cli(['desk'], { model: 'var', config: file, confidence: '0.99' })).out);
    expect(r.model).toBe('var-parametric-99%-2d');
    writeFileSync(file, JSON.stringify({ method: 'parametric', mporDays: 9 }));
    await expect(cli(['desk'], { model: 'var', config: file })).rejects.toThrow(/--config .*var\.json: mporDays/);
    await expect(cli(['desk'], { model: 'var', method: 'bogus' })).rejects.toThrow(/--method must be one of/);
    expect(readFileSync(file, 'utf8')).toContain('parametric');
  });

  it('--compare runs every model and leads with the saving over standard margin', async () => {
    const { out } = await cli(['desk'], { compare: true, lookback: '400', workers: '0' });
    const r = JSON.parse(out);
    const names = r.models.map((x: { model: string }) => x.model);
    expect(names[0]).toBe('standard-deribit');
    expect(names).toEqual(expect.arrayContaining(['deribit-pm-like', 'span-16', 'var-historical-99%-2d', 'es-historical-99%-2d']));
    const best = Math.min(...r.models.slice(1).map((x: { initialMargin: number }) => x.initialMargin));
    expect(r.headline.bestInitialMargin).toBe(best);
    expect(r.headline.saving).toBeCloseTo(r.headline.standardInitialMargin - best, 6);
    for (const x of r.models) expect(x.initialMargin).toBeGreaterThanOrEqual(0);
  }, 60_000);
});

describe('real data (shared BTC/ETH closes and DVOL in the store)', () => {
  it.runIf(sharedDataAvailable())('historical ES of a BTC/ETH options book runs over 750 days, with BTC vols following DVOL', async () => {
    const db = openDatabase(join(dir, 'real.sqlite'));
    await importPrices(db, sharedFile('btc_usdt_binance_1d.csv'));
    await importPrices(db, sharedFile('eth_usdt_binance_1d.csv'));
    await importVols(db, sharedFile('deribit_dvol_btc_daily.csv'));
    const h = closeHistory(db, ['BTC', 'ETH']);
    db.close();
    const last = h.dates.length - 1;
    const spot = { BTC: h.closes[last * 2], ETH: h.closes[last * 2 + 1] };
    const t0 = Date.parse(`${h.dates[last]}T00:00:00Z`) + 86_400_000;
    const mkt = { valuationTime: t0, reportingCurrency: 'USD' as const, underlyings: { BTC: { underlying: 'BTC', spot: spot.BTC, rate: 0, vol: 0.5 }, ETH: { underlying: 'ETH', spot: spot.ETH, rate: 0, vol: 0.65 } } };
    const expiry = t0 + 30 * 86_400_000 - 16 * 3_600_000;
    const option = (u: 'BTC' | 'ETH', k: number, right: 'call' | 'put') => ({ symbol: `${u}-X-${Math.round(k)}-${right}`, kind: 'option' as const, underlying: u, quote: 'USD', settlement: 'inverse' as const, settleCurrency: u, expiry, strike: Math.round(k), right, multiplier: 1 });
    const realBook = book([
      { instrument: option('BTC', spot.BTC * 1.1, 'call'), quantity: -5 },
      { instrument: option('BTC', spot.BTC * 0.9, 'put'), quantity: 5 },
      { instrument: option('ETH', spot.ETH, 'put'), quantity: -40 },
      pos('ETH-PERPETUAL', -20_000),
    ]);
    const r = varMarginModel(parseVarSpec({ measure: 'es', method: 'historical', lookbackDays: 750 }), h).compute(realBook, mkt, config());
    expect(r.initialMargin).toBeGreaterThan(0);
    expect(Number.isFinite(r.initialMargin)).toBe(true);
    expect(r.conventions.join(" ")).toMatch(/749 overlapping 2-day joint moves of BTC, ETH/);
    expect(r.conventions.join(' ')).toMatch(/BTC: vol moves with its implied-vol series/);
    expect(r.components.reduce((a, c) => a + c.amount, 0)).toBeCloseTo(r.initialMargin, 6);
  }, 60_000);
});
