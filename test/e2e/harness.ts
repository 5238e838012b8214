/**
 * Shared set-up of the browser end-to-end tests: the renderer built with vite, a store seeded the way a user
 * would (the shared market data and a book imported through the importers), the browser-mode server over the
 * real services and worker pool, and headless Debian chromium. Every page error, console error/warning and CSP
 * violation is collected in `problems`; each test file asserts it stays empty.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { startOffsetServer, type RunningOffsetServer } from '../../src/main/server/offsetServer';
import { startServiceRuntime, type ServiceRuntime } from '../../src/main/services/runtime';
import { importFile } from '../../src/main/importers';
import { openDatabase, setCollateral, type Db } from '../../src/main/store';
import { webRendererConfig } from '../../vite.renderer.config';
import { sharedFile } from '../support/sharedData';
import { CHROMIUM_PATH } from './chromium';

const repoRoot = resolve(import.meta.dirname, '..', '..');
export const screenshotDir = join(repoRoot, 'test-output', 'screenshots');

/** The book every e2e test sees: BTC inverse perpetual, future and options live after the last close (2026-01-06). */
export const E2E_PORTFOLIO = 'e2e-desk';
export const E2E_POSITIONS = [
  { symbol: 'BTC-PERPETUAL', quantity: -20_000, avgPrice: 94_000 },
  { symbol: 'BTC-27MAR26', quantity: 10_000, avgPrice: 95_500 },
  { symbol: 'BTC-27MAR26-100000-C', quantity: -5, avgPrice: 0.03 },
  { symbol: 'BTC-27MAR26-80000-P', quantity: 10, avgPrice: 0.02 },
  { symbol: 'BTC-26JUN26-90000-C', quantity: 4, avgPrice: 0.08 },
] as const;
export const E2E_COLLATERAL = { BTC: 3, USDC: 50_000 };

/** Shared data files the seed imports (daily history of every coin, BTC DVOL, funding, the ETH chain snapshot). */
const SEED_FILES = [
  ['prices', 'crypto_daily_close_wide_binance_usdt.csv'],
  ['prices', 'btc_usdt_binance_1d.csv'],
  ['prices', 'eth_usdt_binance_1d.csv'],
  ['vols', 'deribit_dvol_btc_daily.csv'],
  ['funding', 'binance_btcusdt_perp_funding_8h.csv'],
  ['chain', 'deribit_eth_options_snapshot_2024-01-08.csv'],
] as const;

export async function seedStore(dbPath: string, options: { marketData?: boolean } = {}): Promise<Db> {
  const db = openDatabase(dbPath);
  if (options.marketData !== false) for (const [kind, file] of SEED_FILES) await importFile(kind, db, sharedFile(file));
  const csv = `portfolio,instrument,quantity,avg_price\n${E2E_POSITIONS.map((p) => `${E2E_PORTFOLIO},${p.symbol},${p.quantity},${p.avgPrice}`).join('\n')}\n`;
  const csvPath = `${dbPath}.positions.csv`;
  writeFileSync(csvPath, csv);
  await importFile('positions', db, csvPath);
  setCollateral(db, E2E_PORTFOLIO, E2E_COLLATERAL);
  return db;
}

export interface E2eApp {
  page: Page;
  context: BrowserContext;
  server: RunningOffsetServer;
  runtime: ServiceRuntime;
  db: Db;
  workDir: string;
  problems: string[];
  /** Saves test-output/screenshots/<name>.png of the page. */
  screenshot(name: string): Promise<void>;
  /** Clicks a view in the left navigation and waits for it to be the current page. */
  openView(label: string): Promise<void>;
  close(): Promise<void>;
}

export async function startE2eApp(options: { marketData?: boolean; viewport?: { width: number; height: number } } = {}): Promise<E2eApp> {
  const workDir = mkdtempSync(join(tmpdir(), 'offset-e2e-'));
  const staticDir = join(workDir, 'renderer');
  await build({ ...webRendererConfig(staticDir), configFile: false, logLevel: 'warn' });
  const db = await seedStore(join(workDir, 'offset.sqlite'), options);
  const runtime = startServiceRuntime({ db, info: { version: 'e2e', transport: 'http', databasePath: db.name }, pool: { size: 2 } });
  const server = await startOffsetServer({ services: runtime.services, progress: runtime.progress, staticDir });
  const context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    args: ['--no-sandbox', '--disable-background-networking'],
    acceptDownloads: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('console', (message) => {
    // Chromium logs every non-2xx response. The API answers 400/404/409 for the caller's outcomes (bad input or data,
    // unknown name, a job cancelled when its view is left), which the views show as messages the tests check; a
    // 5xx (a fault) stays a problem.
    if (message.type() === 'error' && /status of (400|404|409) /.test(message.text())) return;
    if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  mkdirSync(screenshotDir, { recursive: true });
  await page.goto(server.url);
  await page.waitForSelector('.app-shell');

  return {
    page,
    context,
    server,
    runtime,
    db,
    workDir,
    problems,
    screenshot: async (name) => void (await page.screenshot({ path: join(screenshotDir, `${name}.png`) })),
    async openView(label) {
      await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label, exact: true }).click();
      await page.waitForSelector(`nav button[aria-current="page"]:text-is("${label}")`);
    },
    async close() {
      await context.close();
      await server.close();
      await runtime.close();
      db.close();
      rmSync(workDir, { recursive: true, force: true });
    },
  };
}
