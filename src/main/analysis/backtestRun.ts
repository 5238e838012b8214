/**
 * Margin backtests of stored books and suites, shared by `offset backtest` and the Backtest view's services:
 * which books a run covers (one portfolio or a named suite), the daily history they need, each book run on the
 * worker pool (src/main/worker/jobs/backtestRun.ts) with one overall progress fraction, and the stored 'backtest'
 * run: its report AND its daily series, so a reopened run redraws its chart and the export writes "Daily series".
 *
 * Stored run (src/main/store/runs.ts), kind 'backtest':
 *   portfolio  the stored portfolio's name (absent for generated suite books)
 *   inputs     { book, from, to, suite? }            (from/to: the requested ISO days, absent = whole history)
 *   params     { model, fallbackVol, mporDays, apcLookbackFloor }
 *   results    BacktestReport (JSON: Infinity -> null) & { series: StoredDailySeries }
 */
import { templateOfBook, type BookTemplate } from '../../engine/backtest/anchoredBook';
import type { CloseHistory } from '../../engine/backtest/history';
import type { BacktestSeries } from '../../engine/backtest/loop';
import { modelMporDays, type BacktestModelSpec } from '../../engine/backtest/modelSpec';
import { hypotheticalSuite } from '../../engine/backtest/suite';
import { closesMatrix, listPortfolios, loadBook, saveRun, type Db } from '../store';
import { DEFAULT_FALLBACK_VOL, runBacktest, type BacktestRunResult } from '../worker/jobs/backtestRun';
import type { WorkerPool } from '../worker/pool';

/** Named suites: generated hypothetical books, every stored portfolio with positions, or both. */
export const SUITE_NAMES = ['hypothetical', 'portfolios', 'all'] as const;
export type SuiteName = (typeof SUITE_NAMES)[number];

export type BookSizing = BookTemplate['sizing'];

/** What a run covers: one stored portfolio, or a suite (hypothetical books are built per underlying). */
export type BookSelection =
  | { portfolio: string; sizing?: BookSizing }
  | { suite: SuiteName; sizing?: BookSizing; /** Underlyings of the hypothetical books (default BTC, ETH). */ underlyings?: string[] };

export interface SuiteBook {
  template: BookTemplate;
  /** The stored portfolio the template was taken from; absent for generated books. */
  portfolio?: string;
}

export const DEFAULT_SUITE_UNDERLYINGS = ['BTC', 'ETH'];

/** The latest positive daily close of each underlying (the reference spot of hypothetical books). */
function latestSpots(db: Db, underlyings: string[]): Record<string, number> {
  const history = closesMatrix(db, underlyings);
  const spot: Record<string, number> = {};
  underlyings.forEach((u, j) => {
    for (let t = history.dates.length - 1; t >= 0; t--) {
      const close = history.closes[t * underlyings.length + j];
      if (close > 0) {
        spot[u] = close;
        break;
      }
    }
    if (!(spot[u] > 0)) throw new RangeError(`underlyings: no daily prices for ${u} in the database`);
  });
  return spot;
}

/** The books a backtest or calibration runs on, as re-anchorable templates (docs/methodology/backtesting.md). */
export function selectBooks(db: Db, selection: BookSelection): SuiteBook[] {
  const sizing = selection.sizing ?? 'quantity';
  if (sizing !== 'quantity' && sizing !== 'notional') throw new RangeError(`sizing must be quantity or notional, got '${String(sizing)}'`);
  const portfolio = (name: string): SuiteBook => {
    const { book, market } = loadBook(db, name);
    return { template: templateOfBook(book, market, sizing), portfolio: name };
  };
  if ('portfolio' in selection) return [portfolio(selection.portfolio)];
  const { suite } = selection;
  if (!SUITE_NAMES.includes(suite)) throw new RangeError(`suite must be ${SUITE_NAMES.join(', ')}, got '${String(suite)}'`);
  const books: SuiteBook[] = [];
  if (suite !== 'hypothetical') books.push(...listPortfolios(db).filter((p) => p.positionCount > 0).map((p) => portfolio(p.name)));
  if (suite !== 'portfolios') {
    const spots = latestSpots(db, selection.underlyings ?? DEFAULT_SUITE_UNDERLYINGS);
    books.push(...hypotheticalSuite(spots).map((template) => ({ template })));
  }
  if (books.length === 0) throw new RangeError(`suite '${suite}' has no books`);
  return books;
}

/** Daily closes (and DVOL where stored) of every underlying the books hold, up to `to` (ISO day) inclusive. */
export function historyFor(db: Db, books: SuiteBook[], to?: string): CloseHistory {
  const underlyings = [...new Set(books.flatMap((b) => b.template.positions.map((p) => p.underlying)))].sort();
  const end = to ? Date.parse(`${to}T23:59:59Z`) : undefined;
  if (to && !Number.isFinite(end)) throw new RangeError(`to must be an ISO day, got '${to}'`);
  const history = closesMatrix(db, underlyings, undefined, end, 'DVOL');
  if (history.dates.length === 0) throw new RangeError(`no daily prices for ${underlyings.join(', ')} in the database (offset import prices)`);
  return history;
}

/** Run settings besides the model (same meaning as the fields of BacktestRunRequest). */
export interface BacktestOptions {
  from?: string;
  to?: string;
  fallbackVol?: number;
  /** Default: the model's MPOR (VaR spec), 1 day for presets. */
  mporDays?: number;
  apcLookbackFloor?: boolean;
}

export interface PoolRunControl {
  signal?: AbortSignal;
  /** Overall fraction done in [0, 1]. */
  onProgress?: (fraction: number) => void;
}

export interface BookBacktest extends SuiteBook {
  result: BacktestRunResult;
}

/**
 * Backtests every book in turn (each one's test dates already spread over the pool in chunks); progress is the
 * fraction of books done plus the running book's share. `onBookDone` sees each book as soon as it finishes.
 */
export async function backtestBooks(
  pool: WorkerPool,
  books: SuiteBook[],
  history: CloseHistory,
  model: BacktestModelSpec,
  options: BacktestOptions,
  control: PoolRunControl = {},
  onBookDone?: (done: BookBacktest, index: number) => void,
): Promise<BookBacktest[]> {
  const out: BookBacktest[] = [];
  for (let i = 0; i < books.length; i++) {
    const { template, portfolio } = books[i];
    const result = await runBacktest(
      pool,
      { history, template, model, from: options.from, to: options.to, fallbackVol: options.fallbackVol, mporDays: options.mporDays, apcLookbackFloor: options.apcLookbackFloor },
      { signal: control.signal, onProgress: (f) => control.onProgress?.((i + f) / books.length) },
    );
    const done: BookBacktest = portfolio === undefined ? { template, result } : { template, portfolio, result };
    out.push(done);
    onBookDone?.(done, i);
  }
  return out;
}

/** The daily series as stored in a run's results (plain arrays; breach 0/1; floorMargin when the run computed it). */
export interface StoredDailySeries {
  dates: string[];
  margin: number[];
  loss: number[];
  breach: number[];
  floorMargin?: number[];
}

export function storedSeries(series: BacktestSeries): StoredDailySeries {
  const out: StoredDailySeries = { dates: series.dates, margin: Array.from(series.margin), loss: Array.from(series.loss), breach: Array.from(series.breach) };
  if (series.floorMargin) out.floorMargin = Array.from(series.floorMargin);
  return out;
}

/** Saves one book's backtest as a 'backtest' run (one INSERT, so atomic); returns its id. */
export function saveBacktestRun(
  db: Db,
  run: { book: BookBacktest; model: BacktestModelSpec; options: BacktestOptions; suite?: SuiteName; startedAt: number; finishedAt?: number },
): number {
  const { book, model, options } = run;
  return saveRun(db, {
    kind: 'backtest',
    portfolio: book.portfolio,
    inputs: { book: book.template.name, from: options.from, to: options.to, suite: run.suite },
    params: {
      model,
      fallbackVol: options.fallbackVol ?? DEFAULT_FALLBACK_VOL,
      mporDays: options.mporDays ?? modelMporDays(model),
      apcLookbackFloor: options.apcLookbackFloor === true,
    },
    results: { ...book.result.report, series: storedSeries(book.result.series) },
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? Date.now(),
  });
}
