/**
 * Browser end-to-end: the Scenarios (grid heatmap) and Correlations views over the shared data and the e2e BTC
 * book (harness.ts), in headless Debian chromium. Values shown are compared with the services' own answers
 * (themselves checked against closed forms in test/main/services/scenarioServices.test.ts). Screenshots at both
 * supported window sizes and in both themes.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataAvailable } from '../support/sharedData';
import { chromiumAvailable } from './chromium';
import { E2E_POSITIONS, E2E_PORTFOLIO, startE2eApp, type E2eApp } from './harness';

/** Plot area insets of the scenario heatmap (scenarios/heatmapOption.ts grid). */
const HEATMAP_GRID = { left: 84, right: 16, top: 34, bottom: 48 };

/**
 * Waits until no job of the view is running. Changing a control while a job runs cancels it, which the browser
 * logs as a failed (409) request: the tests let each run finish before the next change.
 */
async function settled(page: Page): Promise<void> {
  await expect.poll(() => page.locator('.job-progress, [aria-busy="true"]').count(), { timeout: 30_000 }).toBe(0);
}

describe.skipIf(!chromiumAvailable() || !sharedDataAvailable())('browser mode end to end: Scenarios and Correlations', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  it('shows the workspace grid model heatmap with the worst cell and its per-position P&L', async () => {
    const { page, runtime } = app;
    await page.waitForLoadState('networkidle');
    await app.openView('Scenarios');
    await page.waitForSelector('.scenario-heatmap canvas', { timeout: 30_000 });
    await page.waitForSelector('.scenario-positions .ag-row');
    await settled(page);
    const expected = await runtime.services.scenarioHeatmap({ jobId: 'e2e-heatmap-check', portfolio: E2E_PORTFOLIO, model: { kind: 'grid', preset: 'deribit-pm-like' } });
    const btc = expected.groups.find((g) => g.underlying === 'BTC')!;
    // Core table only by default (+-16%): the worst shown cell is the minimum over those columns.
    let worst = Infinity;
    btc.priceMoves.forEach((m, p) => {
      if (Math.abs(m) <= btc.coreRange + 1e-12) for (let v = 0; v < btc.volShocks.length; v++) worst = Math.min(worst, btc.pnl[p * btc.volShocks.length + v]);
    });
    const summary = await page.locator('.scenario-summary').innerText();
    const worstText = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(worst);
    expect(summary).toContain(`Worst shown:`);
    expect(summary).toContain(worstText);
    // Every position plus the BTC collateral row, and the pinned total equals the worst cell.
    const symbols = await page.locator('.scenario-positions .ag-row:not(.ag-row-pinned) .ag-cell[col-id="symbol"]').allInnerTexts();
    expect(symbols.sort()).toEqual([...E2E_POSITIONS.map((p) => p.symbol), 'collateral:BTC'].sort());
    const total = await page.locator('.scenario-positions .ag-row-pinned .ag-cell[col-id="pnl"]').innerText();
    expect(total).toBe(worstText);
    await app.screenshot('scenarios-1280x800-light');
  });

  it('clicking a cell lists that scenario: top-left is spot -16%, vol +50%', async () => {
    const { page } = app;
    const box = (await page.locator('.scenario-heatmap').boundingBox())!;
    const width = box.width - HEATMAP_GRID.left - HEATMAP_GRID.right;
    const height = box.height - HEATMAP_GRID.top - HEATMAP_GRID.bottom;
    // 9 price columns x 3 vol rows; the last vol category (+50%) is drawn at the top.
    await page.mouse.click(box.x + HEATMAP_GRID.left + width / 18, box.y + HEATMAP_GRID.top + height / 6);
    await expect.poll(() => page.locator('.scenario-positions h2').textContent()).toBe('Per-position P&L: spot −16%, vol +50%');
    // Keyboard: two right and one down from there.
    await page.getByLabel('Scenario heatmap: arrow keys select a cell').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('.scenario-positions h2').textContent()).toBe('Per-position P&L: spot −8%, vol 0%');
  });

  it('switches to the SPAN preset (absolute vol points) and to the extended moves', async () => {
    const { page } = app;
    await page.getByLabel('Grid model').selectOption('span-16');
    await expect.poll(() => page.locator('.scenario-positions h2').textContent(), { timeout: 30_000 }).toMatch(/vol [+−]?\d+ pts/);
    await settled(page);
    await page.getByLabel('Grid model').selectOption('workspace');
    await settled(page);
    await page.getByLabel(/Extended moves/).check();
    await expect.poll(() => page.locator('.scenario-summary').innerText(), { timeout: 30_000 }).toMatch(/Worst shown: spot [+−]\d+%/);
    expect(await page.getByRole('img', { name: /scenario P&L heatmap/ }).count()).toBe(1);
    await app.screenshot('scenarios-extended-1280x800-light');
  });

  it('shows the correlation matrix of the stored coins and the BTC/ETH rolling correlation', async () => {
    const { page } = app;
    await app.openView('Correlations');
    await page.waitForSelector('.correlation-heatmap canvas', { timeout: 30_000 });
    await page.waitForSelector('.correlation-rolling canvas', { timeout: 30_000 });
    await settled(page);
    const info = await page.locator('.correlation-info').innerText();
    expect(info).toContain('(as of 2026-01-06)');
    expect(info).toContain('90 common returns per pair');
    expect(info).toContain('Pairwise-complete');
    expect(info).toContain('positive semi-definite');
    expect(await page.getByLabel('First underlying').inputValue()).toBe('BTC');
    expect(await page.getByLabel('Second underlying').inputValue()).toBe('ETH');
    await app.screenshot('correlations-1280x800-light');
  });

  it('recomputes for EWMA, a 30-day window and an earlier as-of day; rejects a bad lambda naming it', async () => {
    const { page } = app;
    await settled(page);
    await page.getByLabel('Method').selectOption('ewma');
    await settled(page);
    await page.getByLabel('Window').selectOption('30d');
    await settled(page);
    await page.getByLabel('As of').fill('2024-01-01');
    await expect.poll(() => page.locator('.correlation-info').innerText(), { timeout: 30_000 }).toContain('(as of 2024-01-01)');
    expect(await page.locator('.correlation-info').innerText()).toContain('30 common returns per pair');
    await page.getByLabel('EWMA lambda').fill('1.5');
    await expect.poll(() => page.locator('.field-error').innerText()).toContain('λ must be a number between 0 and 1');
    await page.getByLabel('EWMA lambda').fill('0.97');
    await expect.poll(() => page.locator('.field-error').count()).toBe(0);
    await settled(page);
    await page.getByLabel('Second underlying').selectOption('SOL');
    await expect.poll(() => page.getByRole('img', { name: 'Rolling correlation of BTC and SOL' }).count()).toBe(1);
    await settled(page);
  });

  it('holds its layout at 2560x1440 in the dark theme', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.getByLabel('Window').selectOption('full');
    await settled(page);
    await page.getByLabel('As of').fill('');
    await expect.poll(() => page.locator('.correlation-info').innerText(), { timeout: 30_000 }).toContain('(as of 2026-01-06)');
    await settled(page);
    const heatmap = (await page.locator('.correlation-heatmap').boundingBox())!;
    expect(heatmap.width).toBeGreaterThan(800);
    await app.screenshot('correlations-2560x1440-dark');
    await app.openView('Scenarios');
    await page.waitForSelector('.scenario-positions .ag-row', { timeout: 30_000 });
    await settled(page);
    await app.screenshot('scenarios-2560x1440-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('logged no errors, warnings or CSP violations in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
