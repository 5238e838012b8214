/** Import kind detection (src/main/importers/detectKind.ts) on the header line of every shared file and on hand-made headers. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectImportKind } from '../../../src/main/importers/detectKind';
import { sharedDataAvailable, sharedFile } from '../../support/sharedData';

const SHARED: [string, string][] = [
  ['btc_usdt_binance_1d.csv', 'prices'],
  ['btc_usdt_binance_4h.csv', 'prices'],
  ['crypto_daily_close_wide_binance_usdt.csv', 'prices'],
  ['deribit_dvol_btc_daily.csv', 'vols'],
  ['binance_btcusdt_perp_funding_8h.csv', 'funding'],
  ['deribit_eth_options_snapshot_2024-01-08.csv', 'chain'],
];

describe('detectImportKind', () => {
  it.skipIf(!sharedDataAvailable())('tells every shared file by its name and header', () => {
    for (const [name, kind] of SHARED) {
      const header = readFileSync(sharedFile(name), 'utf8').split('\n', 1)[0];
      expect(detectImportKind(name, `${header}\n`), name).toEqual({ kind });
    }
  });

  it('reads positions, portfolio JSON, a BOM and quoted headers; asks when it cannot tell', () => {
    expect(detectImportKind('book.csv', 'portfolio,instrument,quantity\n')).toEqual({ kind: 'positions' });
    expect(detectImportKind('desk.json', '{"name":"desk"}')).toEqual({ kind: 'portfolio' });
    expect(detectImportKind('export.txt', '  {\n "name": "desk" }')).toEqual({ kind: 'portfolio' });
    expect(detectImportKind('x.csv', '\uFEFF"Date","Open","High","Low","Close","Volume"\r\n')).toEqual({ kind: 'prices' });
    expect(detectImportKind('iv.csv', 'date,ethvol\n')).toEqual({ kind: 'vols' });
    // One value column that is not a vol index: a wide close file of one asset.
    expect(detectImportKind('closes.csv', 'date,btc\n')).toEqual({ kind: 'prices' });
    expect(detectImportKind('mystery.csv', 'a,b\n')).toMatchObject({ reason: expect.stringContaining("header 'a,b'") });
  });
});
