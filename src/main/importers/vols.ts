import { basename } from 'node:path';
import { ensureAsset, type Db } from '../store';
import { duplicateGuard, importCsv, sourceOf, type ProgressCallback } from './csvImport';
import { ImportError } from './importError';

export interface VolImportOptions {
  asset?: string;
  /** Series name; default: the value column's name upper-cased (dvol -> DVOL). */
  series?: string;
  source?: string;
  onProgress?: ProgressCallback;
}

/** deribit_dvol_btc_daily.csv -> BTC. */
const VOL_FILE = /(?:^|_)[a-z]*vol_([a-z0-9]+)(?:_|\.)/i;

/**
 * Imports a daily implied-vol index series `date,<series>[,source]` (values in vol points, as published). A per-row
 * `source` column wins over the file-level source. Idempotent upsert by (asset, series, date).
 */
export async function importVols(db: Db, path: string, options: VolImportOptions = {}): Promise<{ rows: number; series: string[] }> {
  const asset = options.asset ?? VOL_FILE.exec(basename(path))?.[1].toUpperCase();
  if (!asset) throw new ImportError(basename(path), 0, undefined, undefined, 'cannot infer the asset from the file name: give --asset X');
  const fileSource = sourceOf(path, options.source);
  const guard = duplicateGuard<number>();
  let valueColumn = '';
  let series = '';
  const upsert = db.prepare(
    `INSERT INTO vol_series (asset, series, ts, value, source) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (asset, series, ts) DO UPDATE SET value = excluded.value, source = excluded.source`,
  );
  const rows = await importCsv(
    db,
    path,
    {
      checkHeader(columns, fail) {
        if (columns[0] !== 'date') fail("first column must be 'date'");
        const values = columns.slice(1).filter((c) => c !== 'source');
        if (values.length !== 1) fail('expected date,<series>[,source] with exactly one value column');
      },
      begin(columns) {
        valueColumn = columns.slice(1).find((c) => c !== 'source')!;
        series = options.series ?? valueColumn.toUpperCase();
        ensureAsset(db, asset);
      },
      row(row) {
        const ts = row.day('date');
        guard(row, ts, 'date');
        upsert.run(asset, series, ts, row.number(valueColumn, 'positive'), row.optionalText('source') ?? fileSource);
      },
    },
    options.onProgress,
  );
  return { rows, series: [`${asset} ${series}`] };
}
