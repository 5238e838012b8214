/**
 * Browser end-to-end: the Backtest and Calibration views over the shared data and the e2e BTC book (harness.ts),
 * in headless Debian chromium. A short backtest runs with progress to completion, a long one is cancelled, a past
 * run reopens with the same figures, a calibration draws its frontier and names the chosen value. Screenshots of
 * both views at 1280x800 light and 2560x1440 dark.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataAvailable } from '../support/sharedData';
import { chromiumAvailable } from './chromium';
import { E2E_PORTFOLIO, startE2eApp, type E2eApp } from './harness';

describe.skipIf(!chromiumAvailable() || !sharedDataAvailable())('browser mode end to end: Backtest and Calibration', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp();
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  /** The first run's statistics and procyclicality text, compared after reopening it. */
  let firstRunText = '';
  const pastRows = () => app.page.locator('.past-runs .ag-row');

  it('runs a six-month backtest of the workspace book with progress to completion and shows chart, statistics and procyclicality', async () => {
    const { page } = app;
    // The Book view opens first and computes risk as a job; leaving mid-job cancels it (a 409 the page would log).
    await page.waitForLoadState('networkidle');
    await app.openView('Backtest');
    const form = page.getByRole('form', { name: 'Backtest run' });
    await expect.poll(() => form.getByLabel('Books').locator('option').first().innerText()).toContain(E2E_PORTFOLIO);
    const started = performance.now();
    await form.getByRole('button', { name: 'Run backtest' }).click();
    await page.locator('.job-progress progress').waitFor({ state: 'visible' });
    const progressSeen: number[] = [];
    // Sample the bar while it runs: it should move forward and never back.
    while ((await page.locator('.job-progress progress').count()) > 0) {
      const value = await page.locator('.job-progress progress').getAttribute('value').catch(() => null);
      if (value !== null) progressSeen.push(Number(value));
      await page.waitForTimeout(100);
    }
    await page.locator('.backtest-results h1').waitFor({ timeout: 60_000 });
    // Engine work is ~4 ms a day for this book (0.7 s); the rest is worker start-up and the shared machine's load.
    console.info(`six-month backtest of ${E2E_PORTFOLIO} in the browser: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(progressSeen).toEqual([...progressSeen].sort((a, b) => a - b));
    expect(Math.max(...progressSeen)).toBeGreaterThan(0);
    expect(await page.locator('.backtest-results h1').innerText()).toMatch(new RegExp(`Run #\\d+: ${E2E_PORTFOLIO}`));
    const stats = await page.locator('.backtest-stats').innerText();
    expect(stats).toMatch(/Observations\s+1\d\d days/);
    expect(stats).toContain('Kupiec POF');
    expect(stats).toContain('Christoffersen conditional coverage');
    expect(await page.locator('.backtest-stats .zone-chip').innerText()).toMatch(/GREEN|YELLOW|RED/);
    expect(await page.locator('.procyclicality').innerText()).toContain('Peak-to-trough');
    expect(await page.locator('.backtest-chart canvas').count()).toBeGreaterThan(0);
    firstRunText = await page.locator('.backtest-results').innerText();
    await app.screenshot('backtest-1280x800-light');
    await expect.poll(() => pastRows().count()).toBe(1);
  }, 90_000);

  it('cancels a long backtest: the page says cancelled and nothing is stored', async () => {
    const { page } = app;
    const form = page.getByRole('form', { name: 'Backtest run' });
    await form.getByLabel('From', { exact: true }).fill('2021-01-01');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    const bar = page.locator('.job-progress progress');
    await bar.waitFor({ state: 'visible' });
    await expect.poll(async () => Number(await bar.getAttribute('value')), { timeout: 20_000, interval: 50 }).toBeGreaterThan(0);
    const t0 = performance.now();
    await page.locator('.job-progress').getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Backtest cancelled.').waitFor({ timeout: 5_000 });
    console.info(`cancel click to "cancelled" shown: ${(performance.now() - t0).toFixed(0)} ms`);
    expect(performance.now() - t0).toBeLessThan(2_000);
    await page.waitForTimeout(300);
    expect(await pastRows().count()).toBe(1);
  }, 60_000);

  it('reopens the past run with the same statistics', async () => {
    const { page } = app;
    await expect.poll(() => page.locator('.backtest-results').count()).toBe(0);
    await pastRows().first().click();
    await page.locator('.backtest-results h1').waitFor();
    expect(await page.locator('.backtest-results').innerText()).toBe(firstRunText);
    expect(await page.locator('.backtest-chart canvas').count()).toBeGreaterThan(0);
  });

  it('exports the reopened run as an XLSX workbook whose statistics and daily series match the run', async () => {
    const { page, workDir } = app;
    const title = await page.locator('.backtest-results h1').innerText();
    const runId = Number(title.match(/^Run #(\d+):/)![1]);
    const observations = Number((await page.locator('.backtest-stats').innerText()).match(/Observations\s+([\d,]+) days/)![1].replace(/,/g, ''));
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 60_000 }),
      page.locator('.backtest-stats').getByRole('button', { name: 'Export XLSX' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(new RegExp(`^offset-.*-run-${runId}-\\d{4}-\\d{2}-\\d{2}\\.xlsx$`));
    const file = join(workDir, `run-${runId}.xlsx`);
    await download.saveAs(file);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['Backtest statistics', 'Daily series']));
    const tests: unknown[] = [];
    workbook.getWorksheet('Backtest statistics')!.eachRow((row, i) => i > 1 && tests.push(row.getCell(1).value));
    expect(tests).toEqual(expect.arrayContaining(['Kupiec POF (LR)', 'Christoffersen conditional coverage (LR)']));
    // One row per observed day under the header row.
    const daily = workbook.getWorksheet('Daily series')!;
    expect(daily.getRow(1).getCell(1).value).toBe('Date');
    expect(daily.actualRowCount - 1).toBe(observations);
    await expect.poll(() => page.locator('.export-run').innerText()).toContain(`Saved ${download.suggestedFilename()}`);
  }, 90_000);

  it('runs a one-month hypothetical suite: one stored run per book, a Book selector switches between them', async () => {
    const { page } = app;
    const form = page.getByRole('form', { name: 'Backtest run' });
    await form.getByLabel('Books', { exact: true }).selectOption('suite');
    await form.getByLabel('Suite', { exact: true }).selectOption('hypothetical');
    await form.getByLabel('From', { exact: true }).fill('2025-12-01');
    await form.getByRole('button', { name: 'Run backtest' }).click();
    const picker = page.locator('.book-pick select');
    await picker.waitFor({ timeout: 60_000 });
    // 7 generated books for each of BTC and ETH.
    expect(await picker.locator('option').count()).toBe(14);
    expect(await page.locator('.backtest-results h1').innerText()).toMatch(/: BTC long straddle 30d$/);
    await picker.selectOption({ index: 8 });
    await expect.poll(() => page.locator('.backtest-results h1').innerText()).toMatch(/: ETH short straddle 30d$/);
    expect(await page.locator('.backtest-stats').innerText()).toMatch(/Observations\s+3\d days/);
    await expect.poll(() => pastRows().count()).toBe(15);
  }, 90_000);

  it('holds its layout in the dark theme at 2560x1440', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.waitForTimeout(300);
    const chart = await page.locator('.backtest-chart').boundingBox();
    expect(chart!.width).toBeGreaterThan(1400);
    await app.screenshot('backtest-2560x1440-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
  });

  it('calibrates the grid scan scale: frontier chart, the chosen value in words, the run listed', async () => {
    const { page } = app;
    await app.openView('Calibration');
    const form = page.getByRole('form', { name: 'Calibration run' });
    await form.getByRole('button', { name: 'Run calibration' }).click();
    await page.locator('.calibration-result h1').waitFor({ timeout: 60_000 });
    const choice = await page.locator('.calibration-choice').innerText();
    expect(choice).toMatch(/^(Chosen scanScale = [\d.]+: the least average margin|No scanScale in 0\.5:1\.5:0\.25 meets the target)/);
    expect(await page.locator('.frontier-table tbody tr').count()).toBe(5);
    expect(await page.locator('.frontier-chart canvas').count()).toBeGreaterThan(0);
    await app.screenshot('calibration-1280x800-light');
    await expect.poll(() => pastRows().count()).toBe(1);
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.waitForTimeout(300);
    await app.screenshot('calibration-2560x1440-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 90_000);

  it('logged no errors, warnings or CSP violations in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
