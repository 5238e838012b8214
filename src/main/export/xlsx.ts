import ExcelJS from 'exceljs';
import { SUMMARY_SHEET, TABLE_SHEETS, type CellValue, type ColumnFormat, type ReportModel, type ReportTable, type TableName } from './reportModel';

/**
 * Renders a ReportModel as an XLSX workbook: values only (no formulas), real Excel number formats and dates, bold
 * frozen header rows and column widths fitted to the content. Sheets appear in TABLE_SHEETS order after the summary.
 */

/** Excel number format per column format ('text' and 'boolean' keep Excel's General). */
export const EXCEL_NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  boolean: undefined,
  integer: '#,##0',
  number: '#,##0.0000',
  usd: '"$"#,##0.00;[Red]-"$"#,##0.00',
  coin: '#,##0.00000000',
  percent: '0.00%',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm:ss "UTC"',
};

const MIN_WIDTH = 10;
const MAX_WIDTH = 60;

/** Cell value for exceljs: dates become Date objects (exceljs stores them as UTC serial dates). */
function excelValue(value: CellValue, format: ColumnFormat): ExcelJS.CellValue {
  if (value === null) return null;
  if ((format === 'date' || format === 'datetime') && typeof value === 'number') return new Date(value);
  return value;
}

/** Approximate display width of a value in characters, for column widths. */
function displayWidth(value: CellValue, format: ColumnFormat): number {
  if (value === null) return 0;
  if (typeof value !== 'number') return String(value).length;
  switch (format) {
    case 'date':
      return 10;
    case 'datetime':
      return 23;
    case 'percent':
      return (value * 100).toFixed(2).length + 1;
    default: {
      const digits = Math.max(1, Math.floor(Math.log10(Math.abs(value) || 1)) + 1);
      const decimals = format === 'usd' ? 3 : format === 'coin' ? 9 : format === 'integer' ? 0 : 5;
      return digits + Math.floor((digits - 1) / 3) + decimals + (format === 'usd' ? 2 : 1);
    }
  }
}

function setCell(cell: ExcelJS.Cell, value: CellValue, format: ColumnFormat): void {
  cell.value = excelValue(value, format);
  const numFmt = EXCEL_NUMBER_FORMATS[format];
  if (numFmt && (typeof value === 'number')) cell.numFmt = numFmt;
}

function fitWidth(widths: number[]): number {
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, ...widths.map((w) => w + 2)));
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: ReportTable): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
  const header = sheet.getRow(1);
  table.columns.forEach((c, j) => (header.getCell(j + 1).value = c.header));
  header.font = { bold: true };
  table.rows.forEach((row, i) => {
    const r = sheet.getRow(i + 2);
    table.columns.forEach((c, j) => setCell(r.getCell(j + 1), row[c.key] ?? null, c.format));
  });
  table.columns.forEach((c, j) => {
    sheet.getColumn(j + 1).width = fitWidth([c.header.length, ...table.rows.map((row) => displayWidth(row[c.key] ?? null, c.format))]);
  });
}

function addSummarySheet(workbook: ExcelJS.Workbook, model: ReportModel): void {
  const { summary } = model;
  const sheet = workbook.addWorksheet(SUMMARY_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.getCell('A1').value = summary.title;
  sheet.getRow(1).font = { bold: true, size: 14 };
  let row = 3;
  const line = (label: string, value: CellValue, format: ColumnFormat, bold = false) => {
    sheet.getCell(row, 1).value = label;
    if (bold) sheet.getCell(row, 1).font = { bold: true };
    setCell(sheet.getCell(row, 2), value, format);
    row++;
  };
  const section = (title: string) => {
    row++;
    line(title, null, 'text', true);
  };
  line('Book', summary.book, 'text');
  line('Model', summary.model, 'text');
  line('Valuation time', summary.valuationTime, 'datetime');
  line('Generated at', summary.generatedAt, 'datetime');
  line('Data', summary.synthetic ? 'synthetic demo data' : 'as stored (market snapshot or imported history)', 'text');
  const parameters = Object.entries(summary.parameters);
  if (parameters.length > 0) {
    section('Parameters');
    for (const [name, value] of parameters) line(name, value, typeof value === 'number' ? 'number' : 'text');
  }
  section('Totals');
  for (const f of summary.figures) line(f.label, f.value, f.format);
  section('Notes');
  for (const note of summary.notes) line(note, null, 'text');
  sheet.getColumn(1).width = 36;
  sheet.getColumn(2).width = fitWidth([summary.book.length, summary.model.length, 23, ...summary.figures.map((f) => displayWidth(f.value, f.format))]);
}

export function reportWorkbook(model: ReportModel): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Offset';
  workbook.created = new Date(model.summary.generatedAt);
  addSummarySheet(workbook, model);
  for (const name of Object.keys(TABLE_SHEETS) as TableName[]) {
    const table = model.tables[name];
    if (table) addTableSheet(workbook, TABLE_SHEETS[name], table);
  }
  return workbook;
}

export async function writeReportXlsx(model: ReportModel, path: string): Promise<void> {
  await reportWorkbook(model).xlsx.writeFile(path);
}

export async function reportXlsxBuffer(model: ReportModel): Promise<Uint8Array> {
  return new Uint8Array(await reportWorkbook(model).xlsx.writeBuffer());
}
