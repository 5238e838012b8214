/**
 * Browser end-to-end: the Book view over the shared data and the e2e book (harness.ts), in headless Debian
 * chromium. Also the browser-mode plumbing: the token leaves the address bar, a page without the token explains
 * itself, the progress WebSocket passes the CSP. Screenshots at both supported window sizes and in both themes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataAvailable } from '../support/sharedData';
import { chromiumAvailable } from './chromium';
import { E2E_PORTFOLIO, E2E_POSITIONS, startE2eApp, type E2eApp } from './harness';

describe.skipIf(!chromiumAvailable() || !sharedDataAvailable())('browser mode end to end: Book', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the imported positions and collateral in the Book view', async () => {
    const { page, server } = app;
    await page.waitForSelector('.ag-row', { timeout: 30_000 });
    // The token moved to sessionStorage and left the address bar.
    expect(page.url()).toBe(`${server.origin}/`);
    await expect.poll(() => page.locator('.portfolio-header h1').textContent()).toBe(E2E_PORTFOLIO);
    const symbols = await page.locator('.ag-row .ag-cell[col-id="symbol"]').allInnerTexts();
    expect(symbols.sort()).toEqual(E2E_POSITIONS.map((p) => p.symbol).sort());
    const gridText = await page.locator('.positions-grid').innerText();
    // Formatting: thousands separators and the Deribit expiry date in UTC.
    expect(gridText).toContain('-20,000');
    expect(gridText).toContain('27 Mar 2026');
    const collateral = await page.locator('.collateral').innerText();
    expect(collateral).toContain('3 BTC');
    expect(collateral).toContain('$50,000.00 USDC');
    await app.screenshot('book-1280x800-light');
  });

  it('keeps the session token across a reload (sessionStorage, not the URL)', async () => {
    const { page } = app;
    await page.reload();
    await page.waitForSelector('.ag-row');
    expect(await page.locator('.ag-row .ag-cell[col-id="symbol"]').count()).toBe(E2E_POSITIONS.length);
  });

  it('explains what to do, instead of a blank page, when opened without the token', async () => {
    const { server, context } = app;
    const other = await context.newPage();
    try {
      await other.goto(`${server.origin}/`);
      const alert = other.getByRole('alert');
      await expect.poll(() => alert.innerText()).toContain('No session token');
      expect(await other.locator('.ag-row').count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('sorts the grid by quantity when the header is clicked', async () => {
    const { page } = app;
    await page.locator('.ag-header-cell[col-id="quantity"] .ag-header-cell-label').click();
    const first = page.locator('.ag-row[row-index="0"] .ag-cell[col-id="symbol"]');
    await expect.poll(() => first.innerText()).toBe('BTC-PERPETUAL');
  });

  it('switches to the dark theme and holds its layout at 2560x1440', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.setViewportSize({ width: 2560, height: 1440 });
    const grid = await page.locator('.positions-grid').boundingBox();
    expect(grid!.width).toBeGreaterThan(1800);
    await app.screenshot('book-2560x1440-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('lets the page open the progress WebSocket under its CSP', async () => {
    const { page, server } = app;
    const opened = await page.evaluate(
      (token) =>
        new Promise<boolean>((done) => {
          const ws = new WebSocket(`ws://${location.host}/api/events?token=${encodeURIComponent(token)}`);
          ws.onopen = () => done(true);
          ws.onerror = () => done(false);
        }),
      server.token,
    );
    expect(opened).toBe(true);
  });

  it('logged no errors, warnings or CSP violations in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
