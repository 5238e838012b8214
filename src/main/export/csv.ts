import type { CellValue, ColumnFormat, ReportTable } from './reportModel';

/**
 * RFC 4180 CSV of a report table: CRLF line ends, a header row, fields holding a comma, double quote, CR or LF
 * enclosed in double quotes with inner quotes doubled. Numbers are written raw (full precision, no thousands
 * separators, percent columns as fractions) so the file re-imports exactly; dates as ISO-8601 UTC.
 */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvValue(value: CellValue, format: ColumnFormat): string {
  if (value === null) return '';
  if (typeof value === 'number' && format === 'date') return new Date(value).toISOString().slice(0, 10);
  if (typeof value === 'number' && format === 'datetime') return new Date(value).toISOString();
  return csvField(String(value));
}

export function tableCsv(table: ReportTable): string {
  const lines = [table.columns.map((c) => csvField(c.header)).join(',')];
  for (const row of table.rows) lines.push(table.columns.map((c) => csvValue(row[c.key] ?? null, c.format)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
