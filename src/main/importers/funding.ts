import { basename } from 'node:path';
import { ensureAsset, type Db } from '../store';
import { duplicateGuard, importCsv, requireColumns, sourceOf, type ProgressCallback } from './csvImport';
import { ImportError } from './importError';

export interface FundingImportOptions {
  /** Venue instrument, e.g. BTCUSDT-PERP; default inferred from names like binance_btcusdt_perp_funding_8h.csv. */
  instrument?: string;
  asset?: string;
  intervalHours?: number;
  source?: string;
  onProgress?: ProgressCallback;
}

const FUNDING_FILE = /^[a-z0-9]+_([a-z0-9]+?)(usdt|usdc|usd)_perp_funding_(\d+)h\.csv$/i;

/** Imports perpetual funding rates `funding_time_utc,funding_rate` (decimal per interval). Upsert by (instrument, time). */
export async function importFunding(db: Db, path: string, options: FundingImportOptions = {}): Promise<{ rows: number; series: string[] }> {
  const m = FUNDING_FILE.exec(basename(path));
  const asset = options.asset ?? m?.[1].toUpperCase();
  const instrument = options.instrument ?? (m ? `${m[1]}${m[2]}-PERP`.toUpperCase() : undefined);
  const intervalHours = options.intervalHours ?? (m ? Number(m[3]) : 8);
  if (!asset || !instrument) {
    throw new ImportError(basename(path), 0, undefined, undefined, 'cannot infer the perpetual from the file name: give --asset X --instrument NAME');
  }
  const source = sourceOf(path, options.source);
  const guard = duplicateGuard<number>();
  const upsert = db.prepare(
    `INSERT INTO funding_rates (instrument, asset, ts, rate, interval_hours, source) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (instrument, ts) DO UPDATE SET rate = excluded.rate, asset = excluded.asset, interval_hours = excluded.interval_hours, source = excluded.source`,
  );
  const rows = await importCsv(
    db,
    path,
    {
      checkHeader: (columns, fail) => requireColumns(columns, ['funding_time_utc', 'funding_rate'], fail),
      begin() {
        ensureAsset(db, asset);
      },
      row(row) {
        const ts = row.time('funding_time_utc');
        guard(row, ts, 'funding_time_utc');
        const rate = row.number('funding_rate');
        if (Math.abs(rate) >= 1) row.fail('funding_rate', 'is not a decimal rate per interval (|rate| >= 1; percent given?)');
        upsert.run(instrument, asset, ts, rate, intervalHours, source);
      },
    },
    options.onProgress,
  );
  return { rows, series: [instrument] };
}
