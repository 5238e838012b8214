/**
 * Browser end-to-end: the Margin view on the e2e book (harness.ts) in headless chromium: the model's figures and
 * breakdown (lines adding up to the initial margin), every model side by side with the saving over standard
 * margin, and the configuration form: a preset chosen, a parameter edited with its validation error shown next to
 * the field, the edited model applied and in effect. Screenshots at both window sizes and themes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDataAvailable } from '../support/sharedData';
import { chromiumAvailable } from './chromium';
import { E2E_PORTFOLIO, startE2eApp, type E2eApp } from './harness';

/** "$1,234.56", "-1,234" -> number. */
function dollars(text: string): number {
  const negative = /^[-−]/.test(text.trim());
  const value = Number(text.replace(/[^\d.]/g, ''));
  return negative ? -value : value;
}

describe.skipIf(!chromiumAvailable() || !sharedDataAvailable())('browser mode end to end: Margin', () => {
  let app: E2eApp;

  beforeAll(async () => {
    app = await startE2eApp();
    await app.openView('Margin');
  });

  afterAll(async () => {
    await app?.close();
  });

  const figure = (label: string) => app.page.locator('.margin-figure', { has: app.page.locator('dt', { hasText: label }) }).locator('dd');

  it('shows initial and maintenance margin, equity, excess, ratio and liquidation distance of the model', async () => {
    const { page } = app;
    await expect.poll(() => figure('Initial margin').count(), { timeout: 30_000 }).toBe(1);
    const im = dollars(await figure('Initial margin').innerText());
    const mm = dollars(await figure('Maintenance margin').innerText());
    const equity = dollars(await figure('Equity').innerText());
    expect(im).toBeGreaterThan(0);
    expect(mm / im).toBeCloseTo(0.8, 4); // deribit-pm-like: MM = 0.8 x IM
    expect(dollars(await figure('Excess').innerText())).toBeCloseTo(equity - mm, 0);
    expect(await figure('Margin ratio').innerText()).toMatch(/^\d+\.\d%$/);
    // Down / up: a percentage move, or 'not reached' (this book's long puts and short perpetual keep it solvent).
    expect(await figure('Distance to liquidation').innerText()).toMatch(/^([+-]?\d+\.\d%|not reached) \/ ([+-]?\d+\.\d%|not reached)$/);
    // The breakdown lines add up to the initial margin (pinned total row = the same figure).
    const amounts = page.locator('.breakdown-grid .ag-row').filter({ hasNotText: 'Initial margin (total)' }).locator('.ag-cell[col-id="amount"]');
    await expect.poll(() => amounts.count()).toBeGreaterThan(1);
    const lines = await amounts.allInnerTexts();
    expect(lines.map(dollars).reduce((a, b) => a + b, 0)).toBeCloseTo(im, 0);
    await app.screenshot('margin-1280x800-light');
  });

  it('compares every model with the portfolio-margin saving over standard margin', async () => {
    const { page } = app;
    const headline = page.locator('.comparison-headline');
    await expect.poll(() => headline.count(), { timeout: 60_000 }).toBe(1);
    const names = await page.locator('.comparison-grid .ag-cell[col-id="model"]').allInnerTexts();
    expect(names[0]).toBe('standard-deribit');
    expect(names).toEqual(expect.arrayContaining(['deribit-pm-like', 'span-16', 'okx-pm-like', 'var-historical-99%-2d', 'es-historical-99%-2d']));
    const ims = (await page.locator('.comparison-grid .ag-cell[col-id="initialMargin"]').allInnerTexts()).map(dollars);
    const best = Math.min(...ims.slice(1));
    const saving = dollars((await headline.innerText()).match(/saves (\$[\d,.]+)/)![1]);
    expect(saving).toBeCloseTo(ims[0] - best, -1); // grid figures are rounded to whole dollars
    const chart = await page.getByRole('img', { name: 'Initial margin by model, USD' }).boundingBox();
    expect(chart!.height).toBeGreaterThan(150);
  });

  it('names an invalid parameter next to its field and applies a valid edit that takes effect', async () => {
    const { page } = app;
    const field = page.getByLabel('default.maintenanceFactor', { exact: true });
    await field.fill('-1');
    await expect.poll(() => page.locator('.parameter-field.invalid .field-error').innerText()).toMatch(/^default\.maintenanceFactor: .*>0/);
    await expect.poll(() => page.getByRole('button', { name: /^Apply/ }).isDisabled()).toBe(true);
    await page.locator('.model-config').scrollIntoViewIfNeeded();
    await app.screenshot('margin-form-invalid-1280x800-light');
    await field.fill('abc');
    await expect.poll(() => page.locator('.parameter-field.invalid .field-error').innerText()).toMatch(/default\.maintenanceFactor: .*expected number/);
    await field.fill('0.9');
    await expect.poll(() => page.locator('.parameter-field.invalid').allInnerTexts()).toEqual([]);
    await page.getByRole('button', { name: 'Apply edited parameters' }).click();
    await expect.poll(() => page.locator('.margin-view .portfolio-header').innerText()).toContain('grid · deribit-pm-like (edited)');
    // MM = maintenanceFactor x risk margin, IM = 1 x risk margin: the ratio is the edited 0.9.
    await expect.poll(async () => dollars(await figure('Maintenance margin').innerText()) / dollars(await figure('Initial margin').innerText()), { timeout: 30_000 }).toBeCloseTo(0.9, 4);
  });

  it('switches preset and model from the form and from the comparison', async () => {
    const { page } = app;
    await page.getByLabel('Preset').selectOption('span-16');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expect.poll(() => page.locator('.margin-breakdown h2').textContent(), { timeout: 30_000 }).toContain('span-16');
    const esRow = page.locator('.comparison-grid .ag-row', { hasText: 'es-historical-99%-2d' });
    await esRow.getByRole('button', { name: 'Use' }).click();
    await expect.poll(() => page.locator('.margin-view .portfolio-header').innerText()).toContain('es · historical');
    await expect.poll(() => page.locator('.margin-breakdown h2').textContent(), { timeout: 60_000 }).toContain('es-historical-99%-2d');
    // The VaR/ES form shows the model's parameters.
    await expect.poll(() => page.getByLabel('Model kind').inputValue()).toBe('es');
    expect(await page.getByLabel('confidence', { exact: true }).inputValue()).toBe('0.99');
  });

  it('computes the margin as a job: a progress bar with Cancel while it runs, then the figures', async () => {
    const { page } = app;
    // The request is held in the page until the bar has been seen, so the check does not race the (fast) job.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/getMarginReport', async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.locator('.comparison-grid .ag-row', { hasText: 'deribit-pm-like' }).getByRole('button', { name: 'Use' }).click();
      const bar = page.getByLabel(`Margin of '${E2E_PORTFOLIO}' progress`);
      await bar.waitFor({ state: 'visible' });
      const panel = page.locator('.job-progress', { has: bar });
      expect(await panel.getByRole('button', { name: 'Cancel' }).isVisible()).toBe(true);
      expect(await page.locator('.margin-figures').count()).toBe(0); // the previous model's figures are not shown as this one's
      await page.locator('.margin-view .portfolio-header').scrollIntoViewIfNeeded();
      await app.screenshot('margin-running-1280x800-light');
      release();
      await expect.poll(() => page.locator('.margin-breakdown h2').textContent(), { timeout: 30_000 }).toContain('deribit-pm-like');
      expect(await bar.count()).toBe(0);
    } finally {
      release();
      await page.unroute('**/api/getMarginReport');
    }
  });

  it('says a cancelled computation was cancelled and computes it again on request', async () => {
    const { page } = app;
    // The server's answer to a cancelled call (HTTP 409, code 'cancelled'), given by the page so it cannot race the job.
    await page.route('**/api/getMarginReport', (route) =>
      route.fulfill({ status: 409, contentType: 'application/json', body: JSON.stringify({ ok: false, error: { code: 'cancelled', message: 'margin cancelled' } }) }),
    );
    try {
      await page.getByLabel('Preset').selectOption('span-16');
      await page.getByRole('button', { name: 'Apply', exact: true }).click();
      await page.getByText(`Margin of '${E2E_PORTFOLIO}' cancelled.`).waitFor({ timeout: 30_000 });
      await page.locator('.margin-view .portfolio-header').scrollIntoViewIfNeeded();
      await app.screenshot('margin-cancelled-1280x800-light');
    } finally {
      await page.unroute('**/api/getMarginReport');
    }
    await page.getByRole('button', { name: 'Compute again' }).click();
    await expect.poll(() => page.locator('.margin-breakdown h2').textContent(), { timeout: 30_000 }).toContain('span-16');
    expect(await page.getByRole('button', { name: 'Compute again' }).count()).toBe(0);
  });

  it('holds its layout at 2560x1440 in the dark theme, with the form beside the figures', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Toggle light or dark theme' }).click();
    await page.setViewportSize({ width: 2560, height: 1440 });
    await page.getByLabel('Model kind').selectOption('grid');
    const main = await page.locator('.margin-main').boundingBox();
    const side = await page.locator('.margin-side').boundingBox();
    expect(side!.x).toBeGreaterThan(main!.x + main!.width - 1);
    await app.screenshot('margin-2560x1440-dark');
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('logged no errors, warnings or CSP violations in the page', () => {
    expect(app.problems).toEqual([]);
  });
});
