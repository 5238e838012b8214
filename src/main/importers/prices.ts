import { basename } from 'node:path';
import { ensureAsset, INTERVAL_MS, type BarInterval, type Db } from '../store';
import { duplicateGuard, importCsv, requireColumns, sourceOf, type ProgressCallback } from './csvImport';
import type { CsvRow } from './csvRow';
import { ImportError } from './importError';

export interface PriceImportOptions {
  asset?: string;
  interval?: BarInterval;
  /** Provenance stored on every row; default: the file name without extension. */
  source?: string;
  onProgress?: ProgressCallback;
}

export interface PriceImportResult {
  rows: number;
  /** Series written, e.g. ['BTC 1d'] or one per column of the wide close file. */
  series: string[];
}

const OHLCV = ['open', 'high', 'low', 'close', 'volume'];
/** btc_usdt_binance_1d.csv -> BTC, 1d. */
const BAR_FILE = /^([a-z0-9]+)_[a-z0-9]+_[a-z0-9]+_(1d|4h)\.csv$/i;

/** Asset and interval of a bar file: explicit options win, else inferred from names like btc_usdt_binance_1d.csv. */
export function barFileIdentity(path: string, options: PriceImportOptions): { asset: string; interval: BarInterval } {
  const m = BAR_FILE.exec(basename(path));
  const asset = options.asset ?? m?.[1].toUpperCase();
  const interval = options.interval ?? (m?.[2] as BarInterval | undefined);
  if (!asset || !interval) {
    throw new ImportError(basename(path), 0, undefined, undefined, 'cannot infer asset and interval from the file name: give --asset X --interval 1d|4h');
  }
  if (!(interval in INTERVAL_MS)) throw new ImportError(basename(path), 0, undefined, interval, "interval must be '1d' or '4h'");
  return { asset, interval };
}

function checkBar(row: CsvRow, open: number, high: number, low: number, close: number): void {
  if (high < low) row.fail('high', `is below low ${low}`);
  if (high < Math.max(open, close)) row.fail('high', `is below max(open, close) ${Math.max(open, close)}`);
  if (low > Math.min(open, close)) row.fail('low', `is above min(open, close) ${Math.min(open, close)}`);
}

/**
 * Imports OHLCV bars (`date,open,high,low,close,volume` daily or `timestamp_utc,...` intraday) or the wide close
 * pivot (`date,<asset>,<asset>,...`: closes only, empty cell = not listed). Idempotent: rows upsert by
 * (asset, interval, ts); the wide file only sets closes and keeps any OHLCV already stored.
 */
export async function importPrices(db: Db, path: string, options: PriceImportOptions = {}): Promise<PriceImportResult> {
  const source = sourceOf(path, options.source);
  const guard = duplicateGuard<number>();
  let series: string[] = [];
  let writeRow: (row: CsvRow) => void = () => undefined;
  const rows = await importCsv(
    db,
    path,
    {
      checkHeader(columns, fail) {
        const timeColumn = columns[0];
        if (timeColumn !== 'date' && timeColumn !== 'timestamp_utc') fail("first column must be 'date' or 'timestamp_utc'");
        if (columns.includes('close') || columns.includes('open')) requireColumns(columns, [timeColumn, ...OHLCV], fail);
        else if (columns.length < 2 || timeColumn !== 'date') fail('expected date,open,high,low,close,volume or the wide close file date,<asset>,...');
      },
      begin(columns) {
        const timeColumn = columns[0];
        const stamp = (row: CsvRow) => (timeColumn === 'date' ? row.day('date') : row.time('timestamp_utc'));
        if (columns.includes('close')) {
          const { asset, interval } = barFileIdentity(path, options);
          ensureAsset(db, asset);
          series = [`${asset} ${interval}`];
          const step = INTERVAL_MS[interval];
          const upsert = db.prepare(
            `INSERT INTO price_bars (asset, interval, ts, open, high, low, close, volume, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (asset, interval, ts) DO UPDATE SET open = excluded.open, high = excluded.high, low = excluded.low,
               close = excluded.close, volume = excluded.volume, source = excluded.source`,
          );
          writeRow = (row) => {
            const ts = stamp(row);
            if (ts % step !== 0) row.fail(timeColumn, `is not on the ${interval} grid (bars open at multiples of ${interval} from 00:00 UTC)`);
            guard(row, ts, timeColumn);
            const open = row.number('open', 'positive');
            const high = row.number('high', 'positive');
            const low = row.number('low', 'positive');
            const close = row.number('close', 'positive');
            checkBar(row, open, high, low, close);
            upsert.run(asset, interval, ts, open, high, low, close, row.number('volume', 'nonNegative'), source);
          };
        } else {
          const assets = columns.slice(1).map((c) => c.toUpperCase());
          assets.forEach((a) => ensureAsset(db, a));
          series = assets.map((a) => `${a} 1d`);
          const upsertClose = db.prepare(
            `INSERT INTO price_bars (asset, interval, ts, close, source) VALUES (?, '1d', ?, ?, ?)
             ON CONFLICT (asset, interval, ts) DO UPDATE SET close = excluded.close`,
          );
          const names = columns.slice(1);
          writeRow = (row) => {
            const ts = row.day('date');
            guard(row, ts, 'date');
            names.forEach((column, i) => {
              const close = row.optionalNumber(column, 'positive');
              if (close !== null) upsertClose.run(assets[i], ts, close, source);
            });
          };
        }
      },
      row: (row) => writeRow(row),
    },
    options.onProgress,
  );
  return { rows, series };
}
