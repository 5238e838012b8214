import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { VolSmile } from '../../src/engine/market';
import { black76Price } from '../../src/engine/pricing/black';
import { timeToExpiry } from '../../src/engine/time';
import { parsePortfolioFile, toBookAndMarket } from '../../src/shared/portfolioFile';
import { chainSnapshot, getPortfolio, loadBook, openDatabase, priceSeries } from '../../src/main/store';

const dir = mkdtempSync(join(tmpdir(), 'offset-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

/** Runs the real launcher as a user would. */
function offset(...args: string[]) {
  const run = spawnSync(process.execPath, ['bin/offset.js', ...args], { encoding: 'utf8', env: { ...process.env, OFFSET_DB: join(dir, 'env-default.sqlite') } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('offset CLI', () => {
  it('--help lists the commands and exits 0', () => {
    const r = offset('--help');
    expect(r.code).toBe(0);
    for (const words of ['import prices', 'import chain', 'export portfolio', 'list portfolios', 'db info', 'demo']) expect(r.stdout).toContain(words);
    expect(offset('import', 'prices', '--help').stdout).toMatch(/usage: offset import prices FILE/);
  });

  it('bad input exits non-zero with one line and no stack trace', () => {
    const db = join(dir, 'errors.sqlite');
    const missing = offset('import', 'prices', join(dir, 'nope_usdt_x_1d.csv'), '--db', db);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^offset import prices: nope_usdt_x_1d\.csv: cannot read: ENOENT/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const unknown = offset('frobnicate', '--db', db);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'frobnicate'/);
    const interval = offset('import', 'prices', 'x.csv', '--interval', '1h', '--db', db, '--json');
    expect(interval.code).toBe(1);
    expect(interval.stderr).toMatch(/--interval must be 1d or 4h/);
  });

  it('imports a portfolio JSON and exports it unchanged in meaning', () => {
    const db = join(dir, 'roundtrip.sqlite');
    const imported = offset('import', 'portfolio', fixture('portfolio-sample.json'), '--db', db, '--json');
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe(''); // no progress bar when stderr is not a terminal
    expect(JSON.parse(imported.stdout)).toMatchObject({ kind: 'portfolio', rows: 5, series: ['sample-book'] });
    const out = join(dir, 'exported.json');
    expect(offset('export', 'portfolio', 'sample-book', '--out', out, '--db', db).code).toBe(0);
    const original = toBookAndMarket(parsePortfolioFile(JSON.parse(readFileSync(fixture('portfolio-sample.json'), 'utf8'))));
    const exported = toBookAndMarket(parsePortfolioFile(JSON.parse(readFileSync(out, 'utf8'))));
    // Positions come back ordered by underlying and symbol; compare as sets.
    const bySymbol = (b: typeof original.book) => ({ ...b, positions: [...b.positions].sort((x, y) => x.instrument.symbol.localeCompare(y.instrument.symbol)) });
    expect(bySymbol(exported.book)).toEqual(bySymbol(original.book));
    expect(exported.market).toEqual(original.market);
    const list = offset('list', 'portfolios', '--json', '--db', db);
    expect(JSON.parse(list.stdout)).toEqual([{ name: 'sample-book', positionCount: 5, collateralAssets: ['BTC', 'USDC'] }]);
  });

  it('imports positions from CSV into several books, using OFFSET_DB when --db is absent', () => {
    const r = offset('import', 'positions', fixture('positions-sample.csv'), '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 4, series: ['csv-book', 'other-book'] });
    const db = openDatabase(join(dir, 'env-default.sqlite'), { readonly: true });
    expect(getPortfolio(db, 'other-book')!.positions).toEqual([{ instrument: expect.objectContaining({ symbol: 'ETH-29MAR24-2200-P', strike: 2200, right: 'put' }), quantity: 5, avgPrice: 0.08 }]);
    expect(getPortfolio(db, 'csv-book')!.positions.map((p) => [p.instrument.symbol, p.quantity, p.avgPrice])).toEqual([
      ['BTC-29MAR24-50000-C', -2, 0.045],
      ['BTC-PERPETUAL', 2500, 43000],
      ['ETH_USDC-PERPETUAL', -10, undefined],
    ]);
    // No prices stored for its underlyings: the book cannot be valued, and the error says what to import.
    expect(() => loadBook(db, 'csv-book')).toThrow(/no daily prices for BTC/);
    db.close();
  });

  it('demo fills an empty database with labelled synthetic data and refuses a second run', () => {
    const db = join(dir, 'demo.sqlite');
    const r = offset('demo', '--db', db, '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ source: 'synthetic-demo', book: 'demo-book', bars: 3 * 730, volPoints: 2 * 730 });
    const again = offset('demo', '--db', db);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/EMPTY database/);
    const info = JSON.parse(offset('db', 'info', '--json', '--db', db).stdout) as { series: { sources: string[] }[]; counts: Record<string, number> };
    expect(info.series.every((s) => s.sources.length === 1 && s.sources[0] === 'synthetic-demo')).toBe(true);
    expect(info.counts.portfolios).toBe(1);

    const store = openDatabase(db, { readonly: true });
    const { book, market } = loadBook(store, 'demo-book');
    expect(store.prepare('SELECT source FROM portfolios').pluck().get()).toBe('synthetic-demo');
    expect(book.collateral).toEqual({ BTC: 10, USDC: 250000 });
    // The synthetic chain is internally consistent: each stored mark is the Black-76 price at its stored IV (coin
    // terms), and the book's market smile holds exactly those IVs.
    const chain = chainSnapshot(store, 'BTC')!;
    const smiles = market.underlyings.BTC.vol as VolSmile[];
    for (const q of chain.quotes) {
      const usd = black76Price(q.right, q.underlyingPrice, q.strike, timeToExpiry(q.quoteTs, q.expiry), 0, q.markIv!);
      expect(q.markPrice).toBeCloseTo(usd / q.underlyingPrice, 12);
      const smile = smiles.find((s) => s.expiry === q.expiry)!;
      expect(smile.vols[smile.strikes.indexOf(q.strike)]).toBe(q.markIv);
    }
    expect(market.underlyings.BTC.spot).toBe(chain.quotes[0].underlyingPrice);
    // The generator does what it says: BTC's realised vol of daily log returns is near the model's
    // sqrt(0.55^2 + 4 x (0.04^2 + 0.08^2)) = 0.578 (diffusion plus 4 jumps a year), within sampling error.
    const closes = priceSeries(store, 'BTC', '1d').close;
    const logReturns = Array.from(closes.subarray(1), (c, i) => Math.log(c / closes[i]));
    const mean = logReturns.reduce((a, b) => a + b, 0) / logReturns.length;
    const realised = Math.sqrt((365 * logReturns.reduce((a, b) => a + (b - mean) ** 2, 0)) / (logReturns.length - 1));
    expect(realised).toBeGreaterThan(0.578 - 0.08);
    expect(realised).toBeLessThan(0.578 + 0.08);
    store.close();
  });
});
