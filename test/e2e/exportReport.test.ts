/**
 * Browser end-to-end: "Export report" in the top bar downloads the XLSX report of the selected book under the
 * selected model (default: grid, deribit-pm-like). The workbook is read back with exceljs and its key cells are
 * checked against the CLI's JSON for the same book on the same database file (`offset margin ... --json`,
 * `offset stress ... --set ... --json`), which computes them in its own process.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveScenarioSet } from '../../src/main/store';
import { sharedDataAvailable } from '../support/sharedData';
import { chromiumAvailable } from './chromium';
import { E2E_PORTFOLIO, E2E_POSITIONS, startE2eApp, type E2eApp } from './harness';

/** Runs the real `offset` executable against the app's database file. */
function offsetJson(app: E2eApp, ...args: string[]): Record<string, unknown> {
  return JSON.parse(execFileSync(process.execPath, ['bin/offset.js', ...args, '--json', '--db', app.db.name], { encoding: 'utf8', timeout: 90_000 }));
}

/** Column B of the Summary row whose column A is `label`. */
function summaryValue(sheet: ExcelJS.Worksheet, label: string): unknown {
  let found: unknown;
  sheet.eachRow((row) => {
    if (row.getCell(1).value === label) found = row.getCell(2).value;
  });
  if (found === undefined) throw new Error(`summary has no row '${label}'`);
  return found;
}

/** Row of a table sheet whose first column is `key`, as header -> value. */
function tableRow(sheet: ExcelJS.Worksheet, key: string): Record<string, unknown> {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  let out: Record<string, unknown> | undefined;
  sheet.eachRow((row, i) => {
    if (i > 1 && row.getCell(1).value === key) out = Object.fromEntries(headers.map((h, j) => [h, row.getCell(j + 1).value]));
  });
  if (!out) throw new Error(`${sheet.name} has no row '${key}'`);
  return out;
}

describe.skipIf(!chromiumAvailable() || !sharedDataAvailable())('browser mode end to end: Export report', () => {
  let app: E2eApp;
  let workbook: ExcelJS.Workbook;

  beforeAll(async () => {
    app = await startE2eApp();
    saveScenarioSet(app.db, {
      name: 'e2e crash',
      volShiftMode: 'absolute',
      scenarios: [
        { name: 'BTC -25%, vol +20', shocks: { BTC: { spotMultiplier: 0.75, volShift: 0.2 } } },
        { name: 'BTC +15%', shocks: { BTC: { spotMultiplier: 1.15, volShift: 0 } } },
      ],
    });
    await app.page.waitForFunction((name) => (document.querySelector('select[aria-label="Portfolio"]') as HTMLSelectElement | null)?.value === name, E2E_PORTFOLIO);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  it('downloads the XLSX report of the selected book with the summary, positions, scenario grid and stress sheets', async () => {
    const { page, workDir } = app;
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 90_000 }), page.getByRole('button', { name: 'Export report' }).click()]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^offset-${E2E_PORTFOLIO}-grid-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const file = join(workDir, 'report.xlsx');
    await download.saveAs(file);
    workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Summary', 'Positions', 'Scenario grid', 'Stress results']);
    await expect.poll(() => page.locator('.export-done').innerText()).toContain(download.suggestedFilename());
    await app.screenshot('export-report-1280x800-light');
  }, 120_000);

  it('has the totals and per-position margins of `offset margin --model grid --json` on the same database', () => {
    const cli = offsetJson(app, 'margin', E2E_PORTFOLIO, '--model', 'grid') as {
      model: string;
      initialMargin: number;
      maintenanceMargin: number;
      collateral: { equity: number; excess: number };
      positions: { symbol: string; standalone: number; incremental: number; component: number }[];
    };
    const summary = workbook.getWorksheet('Summary')!;
    expect(summaryValue(summary, 'Book')).toBe(E2E_PORTFOLIO);
    expect(summaryValue(summary, 'Model')).toBe(cli.model);
    expect(summaryValue(summary, 'Initial margin (USD)')).toBeCloseTo(cli.initialMargin, 6);
    expect(summaryValue(summary, 'Maintenance margin (USD)')).toBeCloseTo(cli.maintenanceMargin, 6);
    expect(summaryValue(summary, 'Equity (USD)')).toBeCloseTo(cli.collateral.equity, 6);
    expect(summaryValue(summary, 'Excess over maintenance (USD)')).toBeCloseTo(cli.collateral.excess, 6);
    const positions = workbook.getWorksheet('Positions')!;
    const symbols: string[] = E2E_POSITIONS.map((p) => p.symbol);
    // Attribution rows: the five positions, plus the BTC collateral line the grid model attributes too.
    expect(cli.positions.filter((p) => symbols.includes(p.symbol))).toHaveLength(symbols.length);
    for (const p of cli.positions) {
      const row = tableRow(positions, p.symbol);
      expect(row['Standalone margin (USD)'], p.symbol).toBeCloseTo(p.standalone, 6);
      expect(row['Incremental margin (USD)'], p.symbol).toBeCloseTo(p.incremental, 6);
      expect(row['Component margin (USD)'], p.symbol).toBeCloseTo(p.component, 6);
    }
    // Real formats and frozen headers, values only.
    expect(positions.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(positions.getCell('N2').numFmt).toContain('$');
    expect(positions.getColumn(1).width).toBeGreaterThanOrEqual(10);
    for (const sheet of workbook.worksheets) sheet.eachRow((r) => r.eachCell((c) => expect(c.formula).toBeUndefined()));
  }, 120_000);

  it('has the stress P&L of `offset stress --set` for the stored set', () => {
    const cli = offsetJson(app, 'stress', E2E_PORTFOLIO, '--set', 'e2e crash') as { scenarios: { scenario: string; pnl: number }[] };
    const stress = workbook.getWorksheet('Stress results')!;
    expect(cli.scenarios).toHaveLength(2);
    for (const s of cli.scenarios) expect(tableRow(stress, `e2e crash: ${s.scenario}`)['P&L (USD)'], s.scenario).toBeCloseTo(s.pnl, 6);
  }, 120_000);

  it('logged no errors, warnings or CSP violations in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
