import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportError, importFile, type ImportKind } from '../../../src/main/importers';
import { getPortfolio, openDatabase } from '../../../src/main/store';
import { sharedDataAvailable, sharedFile } from '../../support/sharedData';

const dir = mkdtempSync(join(tmpdir(), 'offset-rejects-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNo = 0;

function write(name: string, text: string): string {
  const path = join(dir, `${fileNo++}`, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
}

const counts = (db: ReturnType<typeof openDatabase>) =>
  Object.fromEntries(['price_bars', 'vol_series', 'funding_rates', 'option_quotes', 'positions', 'instruments', 'portfolios'].map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get()]));

const BARS = 'date,open,high,low,close,volume\n2024-01-01,100,110,90,105,5\n2024-01-02,105,120,100,115,6\n';
const CHAIN_HEADER =
  'instrument_name,expiry_utc,strike,option_type,underlying_index,underlying_price,mark_price,bid_price,ask_price,mid_price,last,high,low,price_change,open_interest,volume,volume_usd,estimated_delivery_price,interest_rate,creation_timestamp_utc\n';
const CHAIN_ROW = 'ETH-29MAR24-2200-C,2024-03-29T08:00:00Z,2200,C,ETH-29MAR24,2260,0.1,0.099,0.101,0.1,0.1,,,,10,1,200,2222,0,2024-01-08T11:19:41.423Z\n';

/** [label, kind, file name, content, expected 'line: column value' fragment]. */
const BAD: [string, ImportKind, string, string, RegExp][] = [
  ['unparseable date', 'prices', 'btc_usdt_x_1d.csv', `${BARS}2024-13-01,1,1,1,1,1\n`, /:4: column 'date' value '2024-13-01': is not a date/],
  ['day that does not exist', 'prices', 'btc_usdt_x_1d.csv', `${BARS}2024-02-30,1,1,1,1,1\n`, /:4: column 'date' value '2024-02-30'/],
  ['zero price', 'prices', 'btc_usdt_x_1d.csv', `${BARS}2024-01-03,0,1,1,1,1\n`, /:4: column 'open' value '0': must be positive/],
  ['negative close', 'prices', 'btc_usdt_x_1d.csv', `${BARS}2024-01-03,1,1,1,-1,1\n`, /:4: column 'close' value '-1': must be positive/],
  ['NaN', 'prices', 'btc_usdt_x_1d.csv', `${BARS}2024-01-03,1,1,1,NaN,1\n`, /:4: column 'close' value 'NaN': is not a number/],
  ['duplicate date', 'prices', 'btc_usdt_x_1d.csv', `${BARS}2024-01-02,105,120,100,115,6\n`, /:4: column 'date' value '2024-01-02': duplicates/],
  ['wrong column count', 'prices', 'btc_usdt_x_1d.csv', `${BARS}2024-01-03,1,1,1,1\n`, /:4: value '2024-01-03,1,1,1,1': has 5 columns, the header has 6/],
  ['high below low', 'prices', 'btc_usdt_x_1d.csv', `${BARS}2024-01-03,100,90,95,92,1\n`, /:4: column 'high' value '90': is below low 95/],
  ['4h bar off the grid', 'prices', 'btc_usdt_x_4h.csv', 'timestamp_utc,open,high,low,close,volume\n2024-01-01T03:00:00Z,1,1,1,1,1\n', /:2: column 'timestamp_utc'.*4h grid/],
  ['wide file: bad cell', 'prices', 'wide.csv', 'date,btc,eth\n2024-01-01,100,\n2024-01-02,abc,5\n', /:3: column 'btc' value 'abc'/],
  ['vol: empty value', 'vols', 'deribit_dvol_btc_daily.csv', 'date,dvol,source\n2024-01-01,50,x\n2024-01-02,,x\n', /:3: column 'dvol' value '': is empty/],
  ['funding in percent', 'funding', 'binance_btcusdt_perp_funding_8h.csv', 'funding_time_utc,funding_rate\n2024-01-01T00:00:00.001Z,1.5\n', /:2: column 'funding_rate' value '1.5'/],
  ['chain: unknown instrument', 'chain', 'chain.csv', `${CHAIN_HEADER}${CHAIN_ROW}${CHAIN_ROW.replace('ETH-29MAR24-2200-C', 'ETH-31FEB24-2200-C')}`, /:3: column 'instrument_name' value 'ETH-31FEB24-2200-C'/],
  ['chain: strike disagrees with symbol', 'chain', 'chain.csv', `${CHAIN_HEADER}${CHAIN_ROW.replace(',2200,C,', ',2300,C,')}`, /:2: column 'strike' value '2300': does not match/],
  ['chain: duplicate instrument', 'chain', 'chain.csv', `${CHAIN_HEADER}${CHAIN_ROW}${CHAIN_ROW}`, /:3: column 'instrument_name'.*duplicates/],
  ['positions: unknown instrument', 'positions', 'pos.csv', 'portfolio,instrument,quantity\nbook,BTC-PERPETUAL,10\nbook,BTC-FOO,1\n', /:3: column 'instrument' value 'BTC-FOO': unknown instrument/],
  ['positions: duplicate pair', 'positions', 'pos.csv', 'portfolio,instrument,quantity\nbook,BTC-PERPETUAL,10\nbook,BTC-PERPETUAL,1\n', /:3: column 'instrument'.*duplicates/],
  ['missing header column', 'prices', 'btc_usdt_x_1d.csv', 'date,open,high,low,close\n2024-01-01,1,1,1,1\n', /:1: .*lacks column\(s\) volume/],
];

describe('a bad row rejects the whole file and leaves the database unchanged', () => {
  it.each(BAD)('%s', async (_label, kind, name, content, expected) => {
    const db = openDatabase(join(dir, `bad-${fileNo}.sqlite`));
    const before = counts(db);
    const path = write(name, content);
    const error = await importFile(kind, db, path).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportError);
    expect((error as Error).message).toMatch(new RegExp(`^${name.replace('.', '\\.')}:`));
    expect((error as Error).message).toMatch(expected);
    expect(counts(db)).toEqual(before);
    expect(db.inTransaction).toBe(false);
    db.close();
  });

  it('accepts the good part alone (the fixtures fail only because of the bad row)', async () => {
    const db = openDatabase(join(dir, 'good.sqlite'));
    await importFile('prices', db, write('btc_usdt_x_1d.csv', BARS));
    await importFile('chain', db, write('chain.csv', `${CHAIN_HEADER}${CHAIN_ROW}`));
    await importFile('positions', db, write('pos.csv', 'portfolio,instrument,quantity,avg_price\nbook,BTC-PERPETUAL,10,42000\n'));
    expect(counts(db)).toMatchObject({ price_bars: 2, option_quotes: 1, positions: 1 });
    expect(getPortfolio(db, 'book')!.positions[0]).toMatchObject({ quantity: 10, avgPrice: 42000 });
    db.close();
  });

  it.runIf(sharedDataAvailable())('a corrupted copy of a real file is rejected at its line and changes nothing', async () => {
    const db = openDatabase(join(dir, 'real.sqlite'));
    await importFile('prices', db, sharedFile('btc_usdt_binance_1d.csv'));
    const before = counts(db);
    const volumeOfFirstDay = () => db.prepare("SELECT volume FROM price_bars WHERE asset = 'BTC' AND interval = '1d' AND ts = ?").pluck().get(Date.UTC(2017, 7, 17));
    const original = volumeOfFirstDay();
    const lines = readFileSync(sharedFile('btc_usdt_binance_1d.csv'), 'utf8').split('\n');
    lines[1] = lines[1].replace(/,[^,]+$/, ',12345'); // a valid new volume that must not be committed
    lines[1500] = lines[1500].replace(/^(\d{4}-\d{2}-\d{2}),([^,]+),/, '$1,-$2,');
    const bad = lines[1500].split(',')[1];
    const path = write('btc_usdt_binance_1d.csv', lines.join('\n'));
    await expect(importFile('prices', db, path)).rejects.toThrow(`btc_usdt_binance_1d.csv:1501: column 'open' value '${bad}': must be positive`);
    expect(counts(db)).toEqual(before);
    expect(volumeOfFirstDay()).toBe(original);
    expect(original).not.toBe(12345);
    db.close();
  });
});

describe('a killed import', () => {
  it('kill -9 of the CLI mid-import leaves the database consistent with the rows it had', async () => {
    const dbPath = join(dir, 'killed.sqlite');
    const db = openDatabase(dbPath);
    await importFile('prices', db, write('btc_usdt_x_1d.csv', BARS));
    db.close();
    // A synthetic 4h file large enough to take several seconds: 600k bars on the 4h grid.
    const big = join(dir, 'big.csv');
    await new Promise<void>((resolve, reject) => {
      const out = createWriteStream(big);
      out.on('error', reject);
      out.write('timestamp_utc,open,high,low,close,volume\n');
      const start = Date.UTC(2000, 0, 1);
      let i = 0;
      const pump = () => {
        let ok = true;
        while (i < 600_000 && ok) {
          const p = 100 + (i % 50);
          ok = out.write(`${new Date(start + i * 14_400_000).toISOString().replace('.000Z', 'Z')},${p},${p + 2},${p - 1},${p + 1},${i % 7}\n`);
          i++;
        }
        if (i < 600_000) out.once('drain', pump);
        else out.end(resolve);
      };
      pump();
    });
    expect(statSync(big).size).toBeGreaterThan(20e6);
    const child = spawn(process.execPath, ['bin/offset.js', 'import', 'prices', big, '--asset', 'SYN', '--interval', '4h', '--db', dbPath], { stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    // Kill once the import has spilled uncommitted pages into the WAL (it is mid-transaction), or after 20 s.
    const deadline = Date.now() + 20_000;
    const walGrown = () => existsSync(`${dbPath}-wal`) && statSync(`${dbPath}-wal`).size > 2e6;
    while (Date.now() < deadline && !walGrown()) await new Promise((r) => setTimeout(r, 50));
    const midImport = walGrown();
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(midImport).toBe(true);
    const after = openDatabase(dbPath);
    expect(after.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(after.prepare('SELECT COUNT(*) FROM price_bars').pluck().get()).toBe(2);
    expect(after.prepare("SELECT COUNT(*) FROM price_bars WHERE asset = 'SYN'").pluck().get()).toBe(0);
    after.close();
  }, 120_000);
});
