/**
 * Browser end-to-end: the Book view over the shared data and the e2e book (harness.ts), in headless Debian
 * chromium: greeks and margin attribution, a quantity edited in the grid and a trade added, with the what-if
 * margin change computed in a worker; grouping with subtotals. Also the browser-mode plumbing: the token leaves
 * the address bar, a page without the token explains itself, the progress WebSocket passes the CSP.
 * Screenshots at both supported window sizes and in both themes.
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
    const symbols = await page.locator('.ag-row.position-row .ag-cell[col-id="symbol"]').allInnerTexts();
    expect(symbols.sort()).toEqual(E2E_POSITIONS.map((p) => p.symbol).sort());
    const gridText = await page.locator('.positions-grid').innerText();
    // Formatting: thousands separators (the expiry column shows only on wider windows, see the 2560 test).
    expect(gridText).toContain('-20,000');
    const collateral = await page.locator('.collateral').innerText();
    expect(collateral).toContain('3 BTC');
    expect(collateral).toContain('$50,000.00 USDC');
  });

  it('shows greeks and a component margin column that adds up to the initial margin', async () => {
    const { page } = app;
    const summary = page.getByLabel('Margin', { exact: true });
    await expect.poll(() => summary.innerText(), { timeout: 30_000 }).toMatch(/IM \$[\d,]+\.\d\d/);
    const im = dollars((await summary.innerText()).match(/IM (\$[\d,.]+)/)![1]);
    const total = page.locator('.ag-row.subtotal-row', { hasText: 'Total' });
    await expect.poll(() => total.locator('.ag-cell[col-id="component"]').innerText()).not.toBe('');
    expect(dollars(await total.locator('.ag-cell[col-id="component"]').innerText())).toBeCloseTo(im, -1);
    // The perpetual short of 20,000 contracts x 10 USD: cash delta about -200,000 USD.
    const perp = page.locator('.ag-row.position-row[row-id="position:BTC-PERPETUAL"]');
    expect(dollars(await perp.locator('.ag-cell[col-id="cashDelta"]').innerText())).toBeCloseTo(-200_000, -4);
    const call = page.locator('.ag-row.position-row[row-id="position:BTC-27MAR26-100000-C"]');
    expect(dollars(await call.locator('.ag-cell[col-id="vegaPerPoint"]').innerText())).toBeLessThan(0); // short vega
    await app.screenshot('book-1280x800-light');
  });

  it('edits a quantity in the grid and shows the margin before -> after (change) from the worker', async () => {
    const { page } = app;
    const call = page.locator('.ag-row.position-row[row-id="position:BTC-27MAR26-100000-C"]');
    const valueBefore = dollars(await call.locator('.ag-cell[col-id="valueUsd"]').innerText());
    const cell = call.locator('.ag-cell[col-id="quantity"]');
    await cell.dblclick();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('-10');
    await page.keyboard.press('Enter');
    const im = page.getByTestId('what-if-im');
    await expect.poll(() => im.innerText(), { timeout: 30_000 }).toMatch(/→/);
    const [before, after, change] = whatIfFigures(await im.innerText());
    expect(after).toBeGreaterThan(before); // selling five more calls needs more margin
    expect(change).toBeCloseTo(after - before, 1);
    // Value scales with quantity (linear): -5 -> -10 doubles it.
    expect(dollars(await call.locator('.ag-cell[col-id="valueUsd"]').innerText())).toBeCloseTo(2 * valueBefore, -1);
    expect(await page.getByLabel('What-if margin').innerText()).toContain('What-if (1 change)');
  });

  it('adds a trade from the add-trade row, names a bad symbol, and resets the what-if', async () => {
    const { page } = app;
    await page.getByLabel('Trade symbol').fill('BTC-27MAR26-XYZ-C');
    await page.getByLabel('Trade quantity').fill('2');
    await page.getByLabel('Trade quantity').press('Enter');
    await expect.poll(() => page.locator('.field-error').innerText()).toMatch(/^symbol: unknown instrument/);
    await page.getByLabel('Trade symbol').fill('BTC-27MAR26-70000-P');
    await page.getByLabel('Trade quantity').press('Enter');
    await expect.poll(() => page.locator('.ag-row.trade-row .ag-cell[col-id="symbol"]').first().innerText()).toBe('BTC-27MAR26-70000-P');
    await expect.poll(() => page.getByLabel('What-if margin').innerText(), { timeout: 30_000 }).toContain('What-if (2 changes)');
    // The trade is priced by the what-if job: a long put has a positive value.
    await expect.poll(async () => dollars(await page.locator('.ag-row.trade-row .ag-cell[col-id="valueUsd"]').first().innerText()), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Reset what-if' }).click();
    await expect.poll(() => page.locator('.ag-row.trade-row').count()).toBe(0);
    await expect.poll(() => page.getByLabel('Margin', { exact: true }).innerText()).toContain('edit a quantity');
  });

  it('groups by expiry and by underlying with subtotal rows', async () => {
    const { page } = app;
    await page.getByLabel('Group by').selectOption('expiry');
    const labels = page.locator('.ag-row.subtotal-row .ag-cell[col-id="symbol"]');
    await expect.poll(async () => (await labels.allInnerTexts()).filter((l) => l !== 'Total')).toEqual(['27 Mar 2026 (3)', '26 Jun 2026 (1)', 'Undated (perpetual, spot, new trades) (1)', 'Collateral (2)']);
    await page.getByLabel('Group by').selectOption('underlying');
    const subtotals = page.locator('.ag-row.subtotal-row .ag-cell[col-id="symbol"]');
    // BTC collateral joins its group.
    await expect.poll(async () => (await subtotals.allInnerTexts()).filter((l) => l !== 'Total')).toEqual(['BTC (6)', 'USDC (1)']);
    await app.screenshot('book-grouped-1280x800-light');
    await page.getByLabel('Group by').selectOption('none');
  });

  it('keeps the session token across a reload (sessionStorage, not the URL)', async () => {
    const { page } = app;
    await page.reload();
    await page.waitForSelector('.ag-row');
    expect(await page.locator('.ag-row.position-row .ag-cell[col-id="symbol"]').count()).toBe(E2E_POSITIONS.length);
  });

  it('computes greeks and attribution as a job: a progress bar with Cancel while it runs, then the figures', async () => {
    const { page } = app;
    // The request is held in the page until the bar has been seen, so the check does not race the (fast) job.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/getBookRisk', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.reload();
      const bar = page.getByLabel('Greeks and margin attribution progress');
      await bar.waitFor({ state: 'visible', timeout: 30_000 });
      expect(await page.locator('.job-progress', { has: bar }).getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
      release();
      await expect.poll(() => page.getByLabel('Margin', { exact: true }).innerText(), { timeout: 30_000 }).toMatch(/IM \$[\d,]+\.\d\d/);
      expect(await bar.count()).toBe(0);
    } finally {
      release();
      await page.unroute('**/api/getBookRisk');
    }
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
    const first = page.locator('.ag-row.position-row[row-index="0"] .ag-cell[col-id="symbol"]');
    await expect.poll(() => first.innerText()).toBe('BTC-PERPETUAL');
  });

  it('switches to the dark theme and holds its layout at 2560x1440', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.setViewportSize({ width: 2560, height: 1440 });
    const grid = await page.locator('.positions-grid').boundingBox();
    expect(grid!.width).toBeGreaterThan(1800);
    // Wide enough for the expiry column: the Deribit expiry date in UTC.
    await expect.poll(() => page.locator('.positions-grid').innerText()).toContain('27 Mar 2026');
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

/** "$1,234.56", "-1,234", "−$5.00" -> number. */
function dollars(text: string): number {
  const negative = /^[-−(]/.test(text.trim());
  const value = Number(text.replace(/[^\d.]/g, ''));
  return negative ? -value : value;
}

/** "IM $a → $b (+$c)" -> [a, b, c]. */
function whatIfFigures(text: string): [number, number, number] {
  const m = text.match(/IM (\$[\d,.]+) → (\$[\d,.]+) \(([+−]\$[\d,.]+)\)/);
  if (!m) throw new Error(`no what-if figures in '${text}'`);
  return [dollars(m[1]), dollars(m[2]), dollars(m[3])];
}
