import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import type { Db } from '../store';
import { CsvRow } from './csvRow';
import { ImportError } from './importError';

export interface ImportProgress {
  bytesRead: number;
  totalBytes: number;
  /** Data rows processed so far. */
  rows: number;
}

export type ProgressCallback = (progress: ImportProgress) => void;

export interface CsvImportSpec {
  /** Checks the header (column names, lower-cased and trimmed); throw via `fail` to reject the file. */
  checkHeader(columns: string[], fail: (reason: string) => never): void;
  /** Runs once inside the transaction before the first row (e.g. prepare statements, register assets). */
  begin(columns: string[]): void;
  /** Validates and writes one row (inside the transaction). */
  row(row: CsvRow): void;
}

const PROGRESS_EVERY_ROWS = 2000;

/** Splits one CSV line (RFC 4180 quoting; the common unquoted case takes the fast path). */
export function splitCsvLine(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') field += line[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * Streams a CSV file line by line into the database inside ONE transaction: any bad row throws an ImportError,
 * the transaction is rolled back and the database is unchanged. Returns the number of data rows.
 * The connection must not be used by anything else while the import runs (it awaits file reads mid-transaction).
 */
export async function importCsv(db: Db, path: string, spec: CsvImportSpec, onProgress?: ProgressCallback): Promise<number> {
  const file = basename(path);
  let totalBytes: number;
  try {
    totalBytes = statSync(path).size;
  } catch (error) {
    throw new ImportError(file, 0, undefined, undefined, `cannot read: ${(error as Error).message}`);
  }
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let columns: Map<string, number> | undefined;
  let lineNumber = 0;
  let rows = 0;
  const report = () => onProgress?.({ bytesRead: Math.min(stream.bytesRead, totalBytes), totalBytes, rows });
  db.exec('BEGIN IMMEDIATE');
  try {
    for await (const text of lines) {
      lineNumber++;
      const line = lineNumber === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (line.trim() === '') continue;
      const fields = splitCsvLine(line);
      if (!columns) {
        const names = fields.map((f) => f.trim().toLowerCase());
        spec.checkHeader(names, (reason) => {
          throw new ImportError(file, lineNumber, undefined, line, reason);
        });
        columns = new Map(names.map((n, i) => [n, i]));
        spec.begin(names);
        continue;
      }
      if (fields.length !== columns.size) {
        throw new ImportError(file, lineNumber, undefined, line, `has ${fields.length} columns, the header has ${columns.size}`);
      }
      spec.row(new CsvRow(file, lineNumber, columns, fields));
      rows++;
      if (rows % PROGRESS_EVERY_ROWS === 0) report();
    }
    if (!columns) throw new ImportError(file, 1, undefined, undefined, 'is empty (no header line)');
    db.exec('COMMIT');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    stream.destroy();
    throw error;
  }
  report();
  return rows;
}

/** Rejects a file whose header lacks required columns. */
export function requireColumns(columns: string[], required: string[], fail: (reason: string) => never): void {
  const missing = required.filter((c) => !columns.includes(c));
  if (missing.length > 0) fail(`header lacks column(s) ${missing.join(', ')} (expected ${required.join(',')})`);
}

/** Rejects a second row with the same key within one file. */
export function duplicateGuard<K>(): (row: CsvRow, key: K, column: string) => void {
  const seen = new Set<K>();
  return (row, key, column) => {
    if (seen.has(key)) row.fail(column, 'duplicates an earlier row of this file');
    seen.add(key);
  };
}

/** Provenance stored on imported rows: the explicit --source, else the file name without extension. */
export function sourceOf(path: string, explicit?: string): string {
  return explicit ?? basename(path).replace(/\.[^.]*$/, '');
}
