import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDeribitSymbol } from '../../../src/engine/instrument';
import type { MarketState } from '../../../src/engine/market';
import {
  LATEST_SCHEMA_VERSION,
  chainSnapshot,
  closesMatrix,
  deleteScenarioSet,
  getPortfolio,
  getRun,
  getScenarioSet,
  listPortfolios,
  listRuns,
  loadBook,
  migrate,
  openDatabase,
  priceSeries,
  replacePortfolio,
  resolveDbPath,
  saveRun,
  saveScenarioSet,
  seriesInfo,
  setCollateral,
  upsertInstrument,
  upsertPositions,
  userDataDir,
  type ScenarioSet,
} from '../../../src/main/store';

const dir = mkdtempSync(join(tmpdir(), 'offset-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const d = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('database', () => {
  it('creates a fresh database at the latest version with WAL and foreign keys', () => {
    const db = openDatabase(join(dir, 'fresh', 'a.sqlite'));
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(() => db.prepare("INSERT INTO positions (portfolio_id, instrument_id, quantity) VALUES (99, 99, 1)").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('upgrades a version-1 database to the latest version and keeps its data', () => {
    const path = join(dir, 'v1.sqlite');
    const v1 = new Database(path);
    v1.pragma('foreign_keys = ON');
    expect(migrate(v1, 1)).toBe(1);
    v1.prepare("INSERT INTO assets (symbol) VALUES ('BTC'), ('USD')").run();
    v1.prepare("INSERT INTO portfolios (name, created_at) VALUES ('old', 1)").run();
    v1.prepare("INSERT INTO price_bars (asset, interval, ts, close, source) VALUES ('BTC', '1d', 0, 100, 'x')").run();
    v1.prepare("INSERT INTO collateral_balances (portfolio_id, asset, amount) VALUES (1, 'BTC', 2.5)").run();
    v1.close();

    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(getPortfolio(db, 'old')).toEqual({ name: 'old', positions: [], collateral: { BTC: 2.5 } });
    expect(Array.from(priceSeries(db, 'BTC', '1d').close)).toEqual([100]);
    expect(saveRun(db, { kind: 'margin', inputs: {}, params: {}, startedAt: 1 })).toBe(1);
    db.close();
  });

  it('refuses a database written by a newer build', () => {
    const path = join(dir, 'future.sqlite');
    const raw = new Database(path);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer than this Offset build/);
  });

  it('read-only mode reads but cannot write, and needs an existing file', () => {
    const path = join(dir, 'ro.sqlite');
    openDatabase(path).close();
    const ro = openDatabase(path, { readonly: true });
    expect(listPortfolios(ro)).toEqual([]);
    expect(() => setCollateral(ro, 'x', { BTC: 1 })).toThrow(/readonly/i);
    ro.close();
    expect(() => openDatabase(join(dir, 'missing.sqlite'), { readonly: true })).toThrow(/does not exist/);
  });

  it('resolves the path from --db, then OFFSET_DB, then the per-user directory', () => {
    expect(resolveDbPath('/x/y.sqlite', { OFFSET_DB: '/z.sqlite' })).toBe('/x/y.sqlite');
    expect(resolveDbPath(undefined, { OFFSET_DB: '/z.sqlite' })).toBe('/z.sqlite');
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/Offset');
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\u\\AppData\\Roaming' })).toMatch(/Roaming.Offset$/);
    expect(userDataDir('darwin', {})).toMatch(/Library\/Application Support\/Offset$/);
  });
});

describe('repositories', () => {
  const db = openDatabase(join(dir, 'repo.sqlite'));
  const call = parseDeribitSymbol('BTC-27DEC24-70000-C');
  const perp = parseDeribitSymbol('BTC-PERPETUAL');

  it('stores books: positions upsert per (portfolio, instrument), collateral per asset', () => {
    upsertPositions(db, 'book', [
      { instrument: call, quantity: -2, avgPrice: 0.05 },
      { instrument: perp, quantity: 1000 },
    ]);
    upsertPositions(db, 'book', [{ instrument: call, quantity: -3 }]);
    setCollateral(db, 'book', { BTC: 1.5, USDC: 1000 });
    const book = getPortfolio(db, 'book')!;
    expect(book.positions).toEqual([
      { instrument: call, quantity: -3 },
      { instrument: perp, quantity: 1000 },
    ]);
    expect(book.collateral).toEqual({ BTC: 1.5, USDC: 1000 });
    expect(listPortfolios(db)).toEqual([{ name: 'book', positionCount: 2, collateralAssets: ['BTC', 'USDC'] }]);
    expect(getPortfolio(db, 'nope')).toBeUndefined();
  });

  it('aligns closes of several assets by date with NaN where an asset has no bar', () => {
    const insert = db.prepare("INSERT INTO price_bars (asset, interval, ts, close, source) VALUES (?, '1d', ?, ?, 't')");
    db.prepare("INSERT INTO assets (symbol) VALUES ('ETH') ON CONFLICT DO NOTHING").run();
    insert.run('BTC', d('2024-01-01'), 40000);
    insert.run('BTC', d('2024-01-03'), 42000);
    insert.run('ETH', d('2024-01-02'), 2300);
    insert.run('ETH', d('2024-01-03'), 2400);
    db.prepare("INSERT INTO vol_series (asset, series, ts, value, source) VALUES ('BTC', 'DVOL', ?, 55, 't')").run(d('2024-01-03'));
    const h = closesMatrix(db, ['BTC', 'ETH'], d('2024-01-01'), d('2024-01-03'), 'DVOL');
    expect(h.dates).toEqual(['2024-01-01', '2024-01-02', '2024-01-03']);
    expect(Array.from(h.closes)).toEqual([40000, NaN, NaN, 2300, 42000, 2400]);
    expect(Array.from(h.vols!)).toEqual([NaN, NaN, NaN, NaN, 0.55, NaN]);
    const info = seriesInfo(db).find((s) => s.key === 'BTC 1d')!;
    // 2024-01-01 and 2024-01-03: one missing day between them.
    expect(info).toMatchObject({ rows: 2, first: '2024-01-01T00:00:00.000Z', last: '2024-01-03T00:00:00.000Z', gaps: 1 });
  });

  it('builds a market from stored history for a book without a snapshot', () => {
    const { market } = loadBook(db, 'book');
    expect(market.underlyings.BTC).toEqual({ underlying: 'BTC', spot: 42000, rate: 0, vol: 0.55 });
    expect(market.valuationTime).toBe(d('2024-01-03'));
    expect(() => loadBook(db, 'missing')).toThrow(/no portfolio named 'missing'/);
  });

  it('returns the latest chain snapshot at or before a time', () => {
    const id = upsertInstrument(db, call);
    const q = db.prepare("INSERT INTO option_quotes (instrument_id, snapshot_ts, quote_ts, mark_price, mark_iv, underlying_price, source) VALUES (?, ?, ?, ?, ?, 42000, 't')");
    q.run(id, 1000, 1000, 0.05, 0.6);
    q.run(id, 2000, 2000, 0.06, null);
    expect(chainSnapshot(db, 'BTC')!.snapshotTs).toBe(2000);
    expect(chainSnapshot(db, 'BTC', 1500)!.quotes).toMatchObject([{ symbol: call.symbol, markPrice: 0.05, markIv: 0.6, strike: 70000, right: 'call' }]);
    expect(chainSnapshot(db, 'BTC', 500)).toBeUndefined();
  });

  it('saves runs with JSON and binary results', () => {
    const pnl = new Float64Array([1.5, -2.25]);
    const id = saveRun(db, { kind: 'stress', portfolio: 'book', inputs: { a: 1 }, params: { b: 2 }, results: { worst: -2.25 }, resultsBlob: new Uint8Array(pnl.buffer), startedAt: 10, finishedAt: 20, timings: { total: 10 } });
    saveRun(db, { kind: 'margin', inputs: {}, params: {}, startedAt: 30 });
    const run = getRun(db, id)!;
    expect(Array.from(new Float64Array(run.resultsBlob!.slice().buffer))).toEqual([1.5, -2.25]);
    expect(run).toMatchObject({ kind: 'stress', portfolio: 'book', results: { worst: -2.25 }, finishedAt: 20, timings: { total: 10 } });
    expect(listRuns(db).map((r) => r.startedAt)).toEqual([30, 10]);
    expect(listRuns(db, { kind: 'stress' })).toHaveLength(1);
  });

  it('keeps scenario sets in order and replaces them on save', () => {
    const set: ScenarioSet = { name: 'crash', volShiftMode: 'absolute', scenarios: [{ name: 'a', shocks: { BTC: { spotMultiplier: 0.7, volShift: 0.2 } } }, { name: 'b', shocks: {} }] };
    saveScenarioSet(db, set);
    expect(getScenarioSet(db, 'crash')).toEqual(set);
    saveScenarioSet(db, { ...set, scenarios: [set.scenarios[1]] });
    expect(getScenarioSet(db, 'crash')!.scenarios.map((s) => s.name)).toEqual(['b']);
    expect(deleteScenarioSet(db, 'crash')).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM stress_scenarios').pluck().get()).toBe(0);
  });

  it('loads a book by name with its stored market, or from a .json file', () => {
    const market: MarketState = { valuationTime: d('2024-01-08'), reportingCurrency: 'USD', underlyings: { BTC: { underlying: 'BTC', spot: 45000, rate: 0.05, vol: 0.5 } } };
    const book = { name: 'snap', positions: [{ instrument: perp, quantity: 10 }], collateral: { BTC: 1 } };
    replacePortfolio(db, book, market);
    expect(loadBook(db, 'snap')).toEqual({ book, market });
    const file = join(dir, 'b.json');
    writeFileSync(file, JSON.stringify({ format: 'offset.portfolio', version: 1, name: 'f', valuationTime: '2024-01-08T00:00:00Z', reportingCurrency: 'USD', market: { BTC: { spot: 45000, rate: 0, vol: 0.5 } }, positions: [{ symbol: 'BTC-PERPETUAL', quantity: 5 }] }));
    expect(loadBook(db, file).book.positions[0].quantity).toBe(5);
    expect(loadBook(db, file).market.valuationTime).toBe(d('2024-01-08'));
    expect(() => loadBook(db, join(dir, 'none.json'))).toThrow(/does not exist/);
  });
});
