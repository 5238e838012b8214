import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, replacePortfolio, saveRun } from '../../src/main/store';
import { book, market, pos } from '../engine/margin/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'offset-export-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dbPath = join(dir, 'store.sqlite');
const desk = { ...book([pos('BTC-29MAR24-45000-C', -3), pos('BTC-PERPETUAL', 4000), pos('ETH-29MAR24-2500-P', -20), pos('ETH_USDC-PERPETUAL', -5)], { BTC: 2, USDC: 50_000 }), name: 'desk' };
let backtestRunId = 0;
{
  const db = openDatabase(dbPath);
  replacePortfolio(db, desk, market());
  const breach = [0, 1, 0, 0];
  backtestRunId = saveRun(db, {
    kind: 'backtest', portfolio: 'desk', inputs: { book: 'desk' }, params: { model: 'var' }, startedAt: Date.UTC(2024, 0, 5), finishedAt: Date.UTC(2024, 0, 5),
    results: {
      confidence: 0.99, observations: 4, breaches: 1, breachRate: 0.25, breachDates: ['2024-01-02'], averageMargin: 100, averageLossOnLossDays: 50, coverageRatio: 2, averageShortfall: 10, worstShortfall: 10,
      kupiec: { lr: 5.5, pValue: 0.019 }, christoffersen: { independence: { lr: 0.1, pValue: 0.75 }, conditionalCoverage: { lr: 5.6, pValue: 0.06 } },
      trafficLight: { zone: 'red', yellowFrom: 1, redFrom: 1 }, procyclicality: null,
      series: { dates: ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04'], margin: [100, 100, 110, 90], loss: [20, 110, -5, 0], breach },
    },
  });
  db.close();
}

/** Runs the real `offset` executable (bin/offset.js). */
function offset(...args: string[]): string {
  return execFileSync(process.execPath, ['bin/offset.js', ...args, '--db', dbPath], { encoding: 'utf8', timeout: 60_000 });
}

async function readBook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

/** Summary value in column B of the row whose column A is `label`. */
function summaryValue(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Cell {
  let found: ExcelJS.Cell | undefined;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) found = row.getCell(2);
  });
  if (!found) throw new Error(`summary has no row '${label}'`);
  return found;
}

describe('offset export', () => {
  it('grid model: workbook cells equal `offset margin --json` for the same book; formats, frozen headers, no formulas; CSV of positions', async () => {
    const margin = JSON.parse(offset('margin', 'desk', '--model', 'grid', '--json'));
    const xlsx = join(dir, 'desk.xlsx');
    const csv = join(dir, 'desk.csv');
    offset('export', 'desk', '--model', 'grid', '--xlsx', xlsx, '--csv', csv);
    const wb = await readBook(xlsx);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Positions', 'Scenario grid', 'Backtest statistics', 'Daily series']);
    const summary = wb.getWorksheet('Summary')!;
    expect(summaryValue(summary, 'Initial margin (USD)').value).toBeCloseTo(margin.initialMargin, 6);
    expect(summaryValue(summary, 'Maintenance margin (USD)').value).toBeCloseTo(margin.maintenanceMargin, 6);
    expect(summaryValue(summary, 'Equity (USD)').value).toBeCloseTo(margin.collateral.equity, 6);
    expect(summaryValue(summary, 'Excess over maintenance (USD)').value).toBeCloseTo(margin.collateral.equity - margin.maintenanceMargin, 6);
    expect(summaryValue(summary, 'Initial margin (USD)').numFmt).toContain('#,##0.00');
    expect(summaryValue(summary, 'Margin ratio').numFmt).toBe('0.00%');
    const valuation = summaryValue(summary, 'Valuation time');
    expect(valuation.value).toBeInstanceOf(Date);
    expect((valuation.value as Date).getTime()).toBe(Date.UTC(2024, 0, 1, 8));
    expect(valuation.numFmt).toMatch(/yyyy-mm-dd/);

    const positions = wb.getWorksheet('Positions')!;
    expect(positions.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = positions.getRow(1).values as unknown[];
    expect(positions.getRow(1).font?.bold).toBe(true);
    const col = (name: string) => header.indexOf(name);
    for (const p of margin.positions as { symbol: string; standalone: number }[]) {
      let row: ExcelJS.Row | undefined;
      positions.eachRow((r, i) => {
        if (i > 1 && r.getCell(col('Instrument')).value === p.symbol) row = r;
      });
      expect(row, p.symbol).toBeDefined();
      expect(row!.getCell(col('Standalone margin (USD)')).value).toBeCloseTo(p.standalone, 6);
    }
    // Hand value: 4000 BTC-PERPETUAL contracts of 10 USD face = 1 BTC of delta at 40,000 USD spot: cash delta 40,000 USD.
    positions.eachRow((r) => {
      if (r.getCell(col('Instrument')).value === 'BTC-PERPETUAL') expect(r.getCell(col('Cash delta (USD)')).value).toBeCloseTo(40_000, 6);
    });
    const grid = wb.getWorksheet('Scenario grid')!;
    expect(grid.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(grid.getColumn(1).width).toBeGreaterThanOrEqual(10);
    let pctCells = 0;
    for (const sheet of wb.worksheets) sheet.eachRow((r) => r.eachCell((c) => {
      expect(c.formula).toBeUndefined();
      if (c.numFmt === '0.00%') pctCells++;
    }));
    expect(pctCells).toBeGreaterThan(3);

    const lines = readFileSync(csv, 'utf8').split('\r\n');
    expect(lines[0]).toMatch(/^Instrument,Underlying,Settlement,Quantity,/);
    expect(lines.filter((l) => l.startsWith('BTC-PERPETUAL,')).length).toBe(1);
  }, 120_000);

  it('--run ID: backtest statistics and the daily series with real dates; a missing run is named', async () => {
    const xlsx = join(dir, 'run.xlsx');
    offset('export', '--run', String(backtestRunId), '--xlsx', xlsx);
    const wb = await readBook(xlsx);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['Summary', 'Backtest statistics', 'Daily series']);
    const series = wb.getWorksheet('Daily series')!;
    expect((series.getCell('A3').value as Date).toISOString()).toBe('2024-01-02T00:00:00.000Z');
    expect(series.getCell('A3').numFmt).toBe('yyyy-mm-dd');
    expect(series.getCell('D3').value).toBe(true);
    expect(series.getCell('D2').value).toBe(false);
    expect(wb.getWorksheet('Backtest statistics')!.getCell('B2').value).toBe(5.5);
    expect(() => offset('export', '--run', '999', '--xlsx', xlsx)).toThrow(/--run 999: no such run/);
  }, 120_000);
});
