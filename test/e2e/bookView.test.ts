/**
 * Browser end-to-end: the renderer built with vite, served by the browser-mode server in-process, driven in
 * headless Debian chromium. Checks the Book view shows an imported book, the CSP allows what the app needs, and
 * saves screenshots (test-output/screenshots/) at the two supported window sizes and in both themes.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOffsetServer, type RunningOffsetServer } from '../../src/main/server/offsetServer';
import { createOffsetServices } from '../../src/main/services/offsetServices';
import { createProgressHub } from '../../src/main/services/progressHub';
import { webRendererConfig } from '../../vite.renderer.config';
import { CHROMIUM_PATH, chromiumAvailable } from './chromium';
import { seedBookDatabase, SEEDED_PORTFOLIO, SEEDED_SYMBOLS } from './seedBook';

const repoRoot = resolve(import.meta.dirname, '..', '..');
const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

describe.skipIf(!chromiumAvailable())('browser mode end to end', () => {
  let workDir: string;
  let server: RunningOffsetServer;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];
  let closeStore = () => {};

  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'offset-e2e-'));
    const staticDir = join(workDir, 'renderer');
    await build({ ...webRendererConfig(staticDir), configFile: false, logLevel: 'warn' });
    const seeded = await seedBookDatabase(join(workDir, 'book.sqlite'));
    closeStore = seeded.close;
    const progress = createProgressHub();
    server = await startOffsetServer({
      services: createOffsetServices({ source: seeded.source, info: { version: 'e2e', transport: 'http', databasePath: seeded.dbPath } }),
      progress,
      staticDir,
    });
    context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      executablePath: CHROMIUM_PATH,
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: ['--no-sandbox', '--disable-background-networking'],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    closeStore();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  });

  it('shows the imported positions and collateral in the Book view', async () => {
    await page.goto(server.url);
    await page.waitForSelector('.ag-row', { timeout: 30_000 });
    // The token moved to sessionStorage and left the address bar.
    expect(page.url()).toBe(`${server.origin}/`);
    await expect.poll(() => page.locator('.portfolio-header h1').textContent()).toBe(SEEDED_PORTFOLIO);
    const symbols = await page.locator('.ag-row .ag-cell[col-id="symbol"]').allInnerTexts();
    expect(symbols.sort()).toEqual([...SEEDED_SYMBOLS].sort());
    const gridText = await page.locator('.positions-grid').innerText();
    // Formatting: thousands separators and the Deribit expiry date in UTC.
    expect(gridText).toContain('-1,000');
    expect(gridText).toContain('27 Dec 2024');
    const collateral = await page.locator('.collateral').innerText();
    expect(collateral).toContain('2.5 BTC');
    expect(collateral).toContain('$25,000.00 USDC');
    await page.screenshot({ path: join(screenshotDir, 'book-1280x800-light.png') });
  });

  it('keeps the session token across a reload (sessionStorage, not the URL)', async () => {
    await page.reload();
    await page.waitForSelector('.ag-row');
    expect(await page.locator('.ag-row .ag-cell[col-id="symbol"]').count()).toBe(SEEDED_SYMBOLS.length);
  });

  it('explains what to do, instead of a blank page, when opened without the token', async () => {
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
    await page.locator('.ag-header-cell[col-id="quantity"] .ag-header-cell-label').click();
    const first = page.locator('.ag-row[row-index="0"] .ag-cell[col-id="symbol"]');
    await expect.poll(() => first.innerText()).toBe('BTC-PERPETUAL');
  });

  it('switches to the dark theme and holds its layout at 2560x1440', async () => {
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.setViewportSize({ width: 2560, height: 1440 });
    const grid = await page.locator('.positions-grid').boundingBox();
    expect(grid!.width).toBeGreaterThan(1800);
    await page.screenshot({ path: join(screenshotDir, 'book-2560x1440-dark.png') });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('shows a placeholder, not a blank page, for views not built yet', async () => {
    await page.getByRole('button', { name: /Stress/ }).click();
    expect(await page.locator('.content').innerText()).toContain('not available yet');
  });

  it('lets the page open the progress WebSocket under its CSP', async () => {
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
    expect(problems).toEqual([]);
  });
});
