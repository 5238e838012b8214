/**
 * Browser end-to-end: the Data view over an empty market store (harness with marketData: false). The shared data
 * goes in through the view's file input, a book and a bad file through the drop zone; row counts and gaps are
 * checked against the shared data README (counted independently of the importers), the smile is drawn, a grid
 * exports to CSV, and the layout is captured at both window sizes and themes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataAvailable, sharedFile } from '../support/sharedData';
import { chromiumAvailable } from './chromium';
import { startE2eApp, type E2eApp } from './harness';

/** Shared files and their row counts as the README states them. */
const FILES = [
  ['btc_usdt_binance_1d.csv', 3065],
  ['btc_usdt_binance_4h.csv', 18371],
  ['eth_usdt_binance_1d.csv', 3065],
  ['deribit_dvol_btc_daily.csv', 1769],
  ['binance_btcusdt_perp_funding_8h.csv', null],
  ['deribit_eth_options_snapshot_2024-01-08.csv', 684],
] as const;

/** Drops files (name + text) on an element, as a user dragging them from the desktop would. */
async function dropFiles(app: E2eApp, selector: string, files: { name: string; text: string }[]): Promise<void> {
  const transfer = await app.page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File([f.text], f.name, { type: 'text/csv' }));
    return dt;
  }, files);
  await app.page.dispatchEvent(selector, 'dragover', { dataTransfer: transfer });
  await app.page.dispatchEvent(selector, 'drop', { dataTransfer: transfer });
}

describe.skipIf(!chromiumAvailable() || !sharedDataAvailable())('browser mode end to end: Data view', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp({ marketData: false });
    await app.openView('Data');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });



  it('starts with no series and says what to do', async () => {
    await expect.poll(() => app.page.locator('.coverage-panel').innerText()).toContain('Nothing imported yet');
    await expect.poll(() => app.page.locator('.smile-panel').innerText()).toContain('No option chain stored');
  });

  it('imports the shared files through the file dialog input, with the README row counts', async () => {
    const { page } = app;
    await page.getByLabel('Files to import').setInputFiles(FILES.map(([name]) => sharedFile(name)));
    const log = page.getByRole('list', { name: 'Import results' });
    await expect.poll(() => log.locator('li').count(), { timeout: 60_000 }).toBe(FILES.length);
    const text = await log.innerText();
    for (const [name, rows] of FILES) {
      expect(text).toContain(name);
      if (rows !== null) expect(text).toMatch(new RegExp(`${name.replace(/[.]/g, '\\.')} — \\w+: ${rows.toLocaleString('en-US')} rows`));
    }
    expect(text).not.toContain('was not imported');
  }, 90_000);

  it('lists coverage and gaps: the 4h files miss 16 bars in 8 gaps, DVOL 85 days (README)', async () => {
    const { page } = app;
    const coverage = page.locator('.coverage-grid');
    await expect.poll(() => coverage.locator('.ag-row').count()).toBeGreaterThanOrEqual(5);
    const cell = (key: string, col: string) => coverage.locator(`.ag-row:has(.ag-cell[col-id="key"]:text-is("${key}")) .ag-cell[col-id="${col}"]`).first().innerText();
    expect(await cell('BTC 1d', 'rows')).toBe('3,065');
    expect(await cell('BTC 1d', 'gaps')).toBe('0 days');
    expect(await cell('BTC 1d', 'first')).toBe('17 Aug 2017');
    expect(await cell('BTC 4h', 'gaps')).toBe('16 4h bars');
    expect(await cell('BTC DVOL', 'gaps')).toBe('85 days');
    // The gaps grid: filter to BTC 4h by sorting on the series and reading the first 4h hole (2018-02-08 -> 02-09 08:00, 7 bars).
    const gaps = page.locator('.gaps-grid');
    const holes4h = gaps.locator('.ag-row:has(.ag-cell[col-id="key"]:text-is("BTC 4h"))');
    await expect.poll(() => holes4h.count()).toBe(8);
    const first = gaps.locator('.ag-row:has(.ag-cell[col-id="after"]:text-is("2018-02-08 00:00")):has(.ag-cell[col-id="key"]:text-is("BTC 4h"))');
    expect(await first.locator('.ag-cell[col-id="before"]').innerText()).toBe('2018-02-09 08:00');
    expect(await first.locator('.ag-cell[col-id="missing"]').innerText()).toBe('7 4h bars');
  });

  it('exports the coverage grid to CSV', async () => {
    const { page, workDir } = app;
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('.coverage-panel').getByRole('button', { name: 'CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('offset-series-coverage.csv');
    const file = join(workDir, 'coverage.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    expect(csv.split('\n')[0]).toContain('"Series"');
    expect(csv).toMatch(/"BTC 1d","Price bars","3,065"/);
  });

  it('rejects a dropped bad file with file, line and field, and imports nothing from it', async () => {
    const { page } = app;
    const bad = 'date,open,high,low,close,volume\n2024-02-01,100,110,90,105,1\n2024-02-02,105,99,100,106,1\n';
    await dropFiles(app, '[data-testid="drop-zone"]', [{ name: 'zzz_usdt_bad_1d.csv', text: bad }]);
    const alert = page.locator('.import-log .error-panel').first();
    await expect.poll(() => alert.innerText()).toContain('zzz_usdt_bad_1d.csv, line 3, field high: is below low 100');
    expect(await alert.innerText()).toContain('Nothing was imported');
    expect(await page.locator('.coverage-grid .ag-cell[col-id="key"]:text-is("ZZZ 1d")').count()).toBe(0);
  });

  it('imports a book dropped as positions CSV and the top-bar picker lists it', async () => {
    const { page } = app;
    await dropFiles(app, '[data-testid="drop-zone"]', [{ name: 'dropped.csv', text: 'portfolio,instrument,quantity,avg_price\ndropped-book,BTC-PERPETUAL,-10000,90000\ndropped-book,BTC-27MAR26-90000-C,2,0.05\n' }]);
    await expect.poll(() => page.getByRole('list', { name: 'Import results' }).locator('li').first().innerText()).toContain('positions: 2 positions into dropped-book');
    await expect.poll(() => page.getByLabel('Portfolio').locator('option').allInnerTexts()).toContain('dropped-book (2)');
  });

  it('draws the ETH smile of the chain snapshot for a chosen expiry, by strike and by log-moneyness', async () => {
    const { page } = app;
    const panel = page.locator('.smile-panel');
    await expect.poll(() => panel.innerText()).toContain('ETH chain of 2024-01-08 11:19 UTC');
    const expiry = page.getByLabel('Expiry', { exact: true });
    const labels = await expiry.locator('option').allInnerTexts();
    const march = labels.find((l) => l.startsWith('29 Mar 2024'));
    expect(march).toBeDefined();
    await expiry.selectOption({ label: march! });
    expect(await panel.locator('.smile-chart canvas').count()).toBe(1);
    await app.screenshot('data-1280x800-light');
    await page.getByLabel('Smile x axis').selectOption('moneyness');
    await expiry.selectOption('all');
    await page.locator('.smile-panel').scrollIntoViewIfNeeded();
    await app.screenshot('data-smile-all-1280x800-light');
  });

  it('holds its layout in the dark theme at 2560x1440', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
    await page.setViewportSize({ width: 2560, height: 1440 });
    const coverage = await page.locator('.coverage-panel').boundingBox();
    const gaps = await page.locator('.gaps-panel').boundingBox();
    // Side by side when wide.
    expect(gaps!.x).toBeGreaterThan(coverage!.x + coverage!.width - 1);
    await app.screenshot('data-2560x1440-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('logged no errors, warnings or CSP violations in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
