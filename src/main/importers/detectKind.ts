/**
 * Which importer a file needs, from its name and header line, for imports where the user did not say (the Data
 * view's drop zone). The rules follow the formats in docs/cli.md: JSON is a portfolio file; CSV headers name their
 * kind by their columns (instrument_name: option chain; portfolio + instrument: positions; funding_*: funding;
 * date/timestamp_utc + OHLCV or a wide close pivot: prices; date + one *vol* column: an implied-vol index).
 */
import type { ImportKind } from './index';

/** The header line's column names, lower-cased and trimmed (a UTF-8 BOM is ignored). */
function headerColumns(text: string): string[] {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return firstLine.split(',').map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
}

/** The kind of a file, or a reason why it cannot be told (the caller then asks the user to pick one). */
export function detectImportKind(fileName: string, text: string): { kind: ImportKind } | { reason: string } {
  if (/\.json$/i.test(fileName) || /^\s*\{/.test(text)) return { kind: 'portfolio' };
  const columns = headerColumns(text);
  const has = (c: string) => columns.includes(c);
  if (has('instrument_name')) return { kind: 'chain' };
  if (has('portfolio') && has('instrument')) return { kind: 'positions' };
  if (has('funding_rate') || has('funding_time_utc')) return { kind: 'funding' };
  if (columns[0] === 'timestamp_utc') return { kind: 'prices' };
  if (columns[0] === 'date') {
    if (has('open') || has('close')) return { kind: 'prices' };
    const values = columns.slice(1).filter((c) => c !== 'source');
    if (values.length === 1 && (/vol/.test(values[0]) || /vol/i.test(fileName))) return { kind: 'vols' };
    return { kind: 'prices' };
  }
  return { reason: `cannot tell what ${fileName} holds from its header '${columns.join(',').slice(0, 80)}': choose the kind` };
}
