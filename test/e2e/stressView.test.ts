/**
 * Browser end-to-end: the Stress view over the shared data and the e2e BTC book (harness.ts). Creates a set in the
 * editor (typed shock and time shift, blocked invalid cells, a historical move from the date picker), saves it to the
 * database, runs it with progress and checks the results grid, the per-position drill-down and the worst-scenario
 * chart; reloads and deletes the set; reopens a stored past run with the same results. Screenshots at both supported window sizes and in both themes.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getScenarioSet } from '../../src/main/store';
import { sharedDataAvailable, sharedFile } from '../support/sharedData';
import { chromiumAvailable } from './chromium';
import { E2E_POSITIONS, startE2eApp, type E2eApp } from './harness';

const SET_NAME = 'e2e desk shocks';

/** BTC close on a day, read straight from the CSV. */
function btcClose(day: string): number {
  const line = readFileSync(sharedFile('btc_usdt_binance_1d.csv'), 'utf8').split('\n').find((l) => l.startsWith(day));
  return Number(line!.split(',')[4]);
}

describe.skipIf(!chromiumAvailable() || !sharedDataAvailable())('browser mode end to end: Stress', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp();
    await app.openView('Stress');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const cell = (row: number, col: string) => app.page.locator(`.stress-editor-grid .ag-row[row-index="${row}"] .ag-cell[col-id="${col}"]`);
  const tick = (row: number) => app.page.locator(`.stress-editor-grid .ag-row[row-index="${row}"] .ag-checkbox-input`);
  async function typeInto(row: number, col: string, text: string) {
    await cell(row, col).click();
    await app.page.keyboard.press('ControlOrMeta+A');
    await app.page.keyboard.type(text);
    await app.page.keyboard.press('Enter');
  }

  it('creates a scenario in the grid and blocks saving an invalid cell with a clear message', async () => {
    const { page } = app;
    await page.getByLabel('Set name').fill(SET_NAME);
    await page.getByLabel('Set description').fill('typed and historical BTC shocks');
    await page.getByRole('button', { name: 'Add scenario' }).click();
    await expect.poll(() => cell(0, 'name').innerText()).toBe('New scenario');
    await typeInto(0, 'name', 'BTC crash');
    await typeInto(0, 'spot:BTC', '-150');
    await expect.poll(() => cell(0, 'spot:BTC').getAttribute('class')).toContain('cell-invalid');
    await page.getByRole('button', { name: 'Save set' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.innerText()).toContain('BTC spot move must be above -100 %');
    expect(getScenarioSet(app.db, SET_NAME)).toBeUndefined();
    await typeInto(0, 'spot:BTC', '-30');
    await typeInto(0, 'vol:BTC', '15');
    await expect.poll(() => cell(0, 'spot:BTC').getAttribute('class')).not.toContain('cell-invalid');
    expect(await cell(0, 'spot:BTC').innerText()).toBe('-30.00');
    await typeInto(0, 'time', '-2');
    await expect.poll(() => cell(0, 'time').getAttribute('class')).toContain('cell-invalid');
    await typeInto(0, 'time', '7');
    await expect.poll(() => cell(0, 'time').getAttribute('class')).not.toContain('cell-invalid');
    expect(await cell(0, 'time').innerText()).toBe('7');
  });

  it('appends the realised historical move of a picked date (close ratio from the CSV)', async () => {
    const { page } = app;
    await page.getByLabel('Historical date').fill('2020-03-12');
    await page.getByLabel('Historical horizon days').fill('1');
    await page.getByRole('button', { name: 'Add historical' }).click();
    await expect.poll(() => cell(1, 'name').innerText()).toBe('historical 2020-03-12 1d');
    const expected = (100 * (btcClose('2020-03-12') / btcClose('2020-03-11') - 1)).toFixed(2);
    expect(await cell(1, 'spot:BTC').innerText()).toBe(expected);
    // Every stored underlying got a column (ETH from the wide file).
    expect(await page.locator('.stress-editor-grid .ag-header-cell[col-id="spot:ETH"]').count()).toBe(1);
  });

  it('copies and deletes ticked rows, then saves the set to the database', async () => {
    const { page } = app;
    await tick(0).check();
    await page.getByRole('button', { name: 'Copy ticked' }).click();
    await expect.poll(() => cell(2, 'name').innerText()).toBe('BTC crash copy');
    await tick(0).uncheck();
    await tick(2).check();
    await page.getByRole('button', { name: 'Delete ticked' }).click();
    await expect.poll(() => page.locator('.stress-editor-grid .ag-row').count()).toBe(2);
    await page.getByRole('button', { name: 'Save set' }).click();
    await expect.poll(() => page.locator('.stress-status').innerText()).toContain(`Saved set '${SET_NAME}' (2 scenarios)`);
    const stored = getScenarioSet(app.db, SET_NAME)!;
    expect(stored.description).toBe('typed and historical BTC shocks');
    expect(stored.volShiftMode).toBe('absolute');
    expect(stored.scenarios.map((s) => s.name)).toEqual(['BTC crash', 'historical 2020-03-12 1d']);
    expect(stored.scenarios[0].shocks.BTC.spotMultiplier).toBeCloseTo(0.7, 12);
    expect(stored.scenarios[0].shocks.BTC.volShift).toBeCloseTo(0.15, 12);
    expect(stored.scenarios.map((s) => s.timeShiftDays)).toEqual([7, undefined]);
    expect(stored.scenarios[1].shocks.BTC.spotMultiplier).toBeCloseTo(btcClose('2020-03-12') / btcClose('2020-03-11'), 12);
  });

  it('runs the set with progress and shows P&L, survive/fail, per-position P&L and the worst-scenario chart', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Run stress' }).click();
    await page.waitForSelector('.stress-results .ag-row', { timeout: 60_000 });
    const rows = page.locator('.stress-results-grid .ag-row');
    await expect.poll(() => rows.count()).toBe(2);
    // Same numbers as the service computes for the stored set (the UI shows what the engine returned).
    const { report } = await app.runtime.services.runStress({ jobId: 'e2e-stress-check', portfolio: 'e2e-desk', model: { kind: 'grid', preset: 'deribit-pm-like' }, set: getScenarioSet(app.db, SET_NAME)!, historicalWindows: false, worstDays: 0, horizonDays: 1, timeShiftDays: 0, topContributors: 3, reverseStress: false });
    const crash = report.scenarios.find((s) => s.scenario === 'BTC crash')!;
    const usd = (x: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(x);
    const crashRow = page.locator('.stress-results-grid .ag-row', { hasText: 'BTC crash' });
    const crashText = await page.locator('.stress-results-grid .ag-row').filter({ has: page.locator(`.ag-cell[col-id="pnl"]:text-is("${usd(crash.pnl)}")`) }).count();
    expect(crashText).toBe(1);
    const results = await page.locator('.stress-results-grid').innerText();
    expect(results).toContain(crash.survives ? 'survives' : 'FAILS');
    expect(await page.locator('.stress-summary').innerText()).toContain(usd(report.maintenanceMargin));
    await crashRow.first().click();
    await expect.poll(() => page.locator('.stress-positions-grid .ag-row').count()).toBe(E2E_POSITIONS.length + 1);
    expect(await page.locator('.stress-positions-grid').innerText()).toContain('BTC collateral');
    expect(await page.locator('.stress-chart canvas').count()).toBeGreaterThan(0);
    expect(await page.locator('.stress-reverse').innerText()).toContain('BTC');
    await app.screenshot('stress-editor-1280x800-light');
    await page.locator('.stress-results').scrollIntoViewIfNeeded();
    await app.screenshot('stress-1280x800-light');
  });

  it('reloads the saved set into a new editor and deletes it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'New set' }).click();
    await expect.poll(() => page.locator('.stress-editor-grid .ag-row').count()).toBe(0);
    await page.getByLabel('Saved sets').selectOption(SET_NAME);
    await expect.poll(() => cell(0, 'name').innerText()).toBe('BTC crash');
    expect(await page.getByLabel('Set name').inputValue()).toBe(SET_NAME);
    expect(await cell(0, 'vol:BTC').innerText()).toBe('15.00');
    expect(await cell(0, 'time').innerText()).toBe('7');
    await page.getByRole('button', { name: 'Delete set…' }).click();
    await page.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect.poll(() => page.locator('.stress-status').innerText()).toContain(`Deleted saved set '${SET_NAME}'`);
    expect(getScenarioSet(app.db, SET_NAME)).toBeUndefined();
  });

  it('runs the set with the crash windows and worst days, and holds its layout in the dark theme at 2560x1440', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add scenario' }).click();
    await typeInto(2, 'name', 'BTC melt-up');
    await typeInto(2, 'spot:BTC', '250');
    await page.getByLabel('built-in crash windows').check();
    await page.getByLabel('Worst historical moves').fill('3');
    await page.getByRole('button', { name: 'Run stress' }).click();
    await expect.poll(() => page.locator('.stress-results-grid .ag-row').count(), { timeout: 60_000 }).toBeGreaterThan(10);
    // Survive/fail is the sign of equity after minus maintenance margin, as shown in the same row.
    const meltUp = page.locator('.stress-results-grid .ag-row', { hasText: 'BTC melt-up' });
    const excessAfter = await meltUp.locator('.ag-cell[col-id="margin"]').innerText();
    expect(await meltUp.locator('.ag-cell[col-id="result"]').innerText()).toBe(excessAfter.startsWith('-') ? 'FAILS' : 'survives');
    expect(await page.getByTestId('stress-failures').innerText()).toMatch(/^\d+ of \d+$/);
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.locator('.stress-results-grid .ag-row').first().click();
    await page.waitForSelector('.stress-positions-grid .ag-row');
    const grid = await page.locator('.stress-editor-grid').boundingBox();
    expect(grid!.width).toBeGreaterThan(1800);
    await app.screenshot('stress-2560x1440-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('lists the stored runs of the book and reopens the first one with the same results', async () => {
    const { page } = app;
    const picker = page.getByLabel('Past stress runs');
    // Two runs from the view and one from the service check above, newest first.
    await expect.poll(() => picker.locator('option[value]:not([value=""])').count()).toBe(3);
    const firstId = Math.min(...(await picker.locator('option[value]:not([value=""])').evaluateAll((os) => os.map((o) => Number((o as HTMLOptionElement).value)))));
    expect(await picker.locator(`option[value="${firstId}"]`).innerText()).toContain(`set ${SET_NAME} (2)`);
    await picker.selectOption(String(firstId));
    await expect.poll(() => page.locator('.stress-results-grid .ag-row').count()).toBe(2);
    const stored = await app.runtime.services.getStressRun({ id: firstId });
    const crash = stored.report.scenarios.find((s) => s.scenario === 'BTC crash')!;
    const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(crash.pnl);
    expect(await page.locator(`.stress-results-grid .ag-cell[col-id="pnl"]:text-is("${usd}")`).count()).toBe(1);
  });

  it('logged no errors, warnings or CSP violations in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
