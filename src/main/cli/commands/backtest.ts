/**
 * `offset backtest <portfolio | --suite NAME> --model M [--from D] [--to D] [--json]`: margin backtest with no
 * look-ahead (docs/methodology/backtesting.md) on the worker pool; each book's report is stored as a 'backtest' run.
 */
import { templateOfBook, type BookTemplate } from '../../../engine/backtest/anchoredBook';
import type { CloseHistory } from '../../../engine/backtest/history';
import { backtestModelSchema, type BacktestModelSpec } from '../../../engine/backtest/modelSpec';
import { hypotheticalSuite } from '../../../engine/backtest/suite';
import type { BacktestReport } from '../../../engine/backtest/summary';
import { PRESET_NAMES } from '../../../engine/margin/presets';
import { closesMatrix, listPortfolios, loadBook, openStoreFromOptions, saveRun, type Db } from '../../store';
import { runBacktest, DEFAULT_FALLBACK_VOL } from '../../worker/jobs/backtestRun';
import { WorkerPool } from '../../worker/pool';
import { numberOption, stringOption } from '../args';
import type { CliCommand, CliContext } from '../command';

/**
 * --model var|es [--method historical|fhs-ewma|fhs-garch|parametric|delta-gamma|montecarlo] [--confidence 0.99]
 * [--lookback DAYS] [--mpor DAYS] [--ewma-lambda L], or --model PRESET (a shipped margin preset) [--scan-scale K].
 */
export function modelFromOptions(ctx: CliContext): BacktestModelSpec {
  const name = stringOption(ctx.options, 'model');
  if (!name) throw new Error(`--model is required: var, es, or a preset (${PRESET_NAMES.join(', ')})`);
  const candidate =
    name === 'var' || name === 'es'
      ? {
          kind: 'var',
          spec: Object.fromEntries(
            Object.entries({
              measure: name,
              method: stringOption(ctx.options, 'method'),
              confidence: numberOption(ctx.options, 'confidence'),
              lookbackDays: numberOption(ctx.options, 'lookback'),
              mporDays: numberOption(ctx.options, 'mpor'),
              ewmaLambda: numberOption(ctx.options, 'ewma-lambda'),
            }).filter(([, v]) => v !== undefined),
          ),
        }
      : PRESET_NAMES.includes(name)
        ? { kind: 'preset', name, scanScale: numberOption(ctx.options, 'scan-scale') }
        : undefined;
  if (!candidate) throw new Error(`--model '${name}' is not var, es or a preset (${PRESET_NAMES.join(', ')})`);
  const parsed = backtestModelSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`--model ${name}: ${issue.path.join('.')}: ${issue.message}`);
  }
  return parsed.data;
}

export interface SuiteBook {
  template: BookTemplate;
  portfolio?: string;
}

/** The books a command runs on: one portfolio, or a suite ('hypothetical', 'portfolios', or 'all'). */
export function suiteBooks(db: Db, ctx: CliContext): SuiteBook[] {
  const suite = stringOption(ctx.options, 'suite');
  const sizing = (stringOption(ctx.options, 'sizing') ?? 'quantity') as BookTemplate['sizing'];
  if (sizing !== 'quantity' && sizing !== 'notional') throw new Error(`--sizing must be quantity or notional, got '${sizing}'`);
  const portfolio = (name: string): SuiteBook => {
    const { book, market } = loadBook(db, name);
    return { template: templateOfBook(book, market, sizing), portfolio: name };
  };
  if (!suite) {
    if (!ctx.args[0]) throw new Error('name a portfolio (or a .json file), or pass --suite hypothetical|portfolios|all');
    return [portfolio(ctx.args[0])];
  }
  if (!['hypothetical', 'portfolios', 'all'].includes(suite)) throw new Error(`--suite must be hypothetical, portfolios or all, got '${suite}'`);
  const books: SuiteBook[] = [];
  if (suite !== 'hypothetical') books.push(...listPortfolios(db).filter((p) => p.positionCount > 0).map((p) => portfolio(p.name)));
  if (suite !== 'portfolios') {
    const underlyings = (stringOption(ctx.options, 'underlyings') ?? 'BTC,ETH').split(',');
    const last = closesMatrix(db, underlyings);
    const spot: Record<string, number> = {};
    underlyings.forEach((u, j) => {
      for (let t = last.dates.length - 1; t >= 0; t--) {
        const c = last.closes[t * underlyings.length + j];
        if (c > 0) {
          spot[u] = c;
          break;
        }
      }
      if (!(spot[u] > 0)) throw new Error(`--underlyings: no daily prices for ${u} in the database`);
    });
    books.push(...hypotheticalSuite(spot).map((template) => ({ template })));
  }
  if (books.length === 0) throw new Error(`suite '${suite}' has no books`);
  return books;
}

/** Daily closes (and DVOL where stored) of every underlying the books hold, up to --to. */
export function historyFor(db: Db, books: SuiteBook[], to?: string): CloseHistory {
  const underlyings = [...new Set(books.flatMap((b) => b.template.positions.map((p) => p.underlying)))].sort();
  const end = to ? Date.parse(`${to}T23:59:59Z`) : undefined;
  if (to && !Number.isFinite(end)) throw new Error(`--to must be an ISO day, got '${to}'`);
  const history = closesMatrix(db, underlyings, undefined, end, 'DVOL');
  if (history.dates.length === 0) throw new Error(`no daily prices for ${underlyings.join(', ')} in the database (offset import prices)`);
  return history;
}

export interface BookBacktestOutput {
  book: string;
  /** Stored run id (undefined when not saved). */
  runId?: number;
  report: BacktestReport;
}

export async function backtestBooks(
  ctx: CliContext,
  db: Db,
  books: SuiteBook[],
  history: CloseHistory,
  model: BacktestModelSpec,
  pool: WorkerPool,
  save = true,
): Promise<BookBacktestOutput[]> {
  const from = stringOption(ctx.options, 'from');
  const to = stringOption(ctx.options, 'to');
  const fallbackVol = numberOption(ctx.options, 'fallback-vol') ?? DEFAULT_FALLBACK_VOL;
  const out: BookBacktestOutput[] = [];
  for (const { template, portfolio } of books) {
    const startedAt = Date.now();
    const { report } = await runBacktest(pool, { history, template, model, from, to, fallbackVol, mporDays: numberOption(ctx.options, 'mpor'), apcLookbackFloor: ctx.options['apc-floor'] === true });
    const runId = save ? saveRun(db, { kind: 'backtest', portfolio, inputs: { book: template.name, from, to }, params: { model, fallbackVol }, results: report, startedAt, finishedAt: Date.now() }) : undefined;
    out.push({ book: template.name, runId, report });
  }
  return out;
}

export const backtestCommand: CliCommand = {
  name: ['backtest'],
  summary: 'Backtest a margin model on a portfolio or a suite with no look-ahead (breaches, Kupiec, Christoffersen, traffic light, procyclicality)',
  usage:
    'offset backtest <portfolio|--suite hypothetical|portfolios|all> --model var|es|PRESET [--method M] [--confidence C] [--lookback D] [--mpor D] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--sizing quantity|notional] [--fallback-vol V] [--apc-floor] [--workers N] [--db FILE] [--json]',
  async run(ctx) {
    const model = modelFromOptions(ctx);
    const db = openStoreFromOptions(ctx.options);
    const pool = new WorkerPool({ size: numberOption(ctx.options, 'workers') });
    try {
      const books = suiteBooks(db, ctx);
      const results = await backtestBooks(ctx, db, books, historyFor(db, books, stringOption(ctx.options, 'to')), model, pool);
      if (ctx.json) ctx.stdout(JSON.stringify({ model, results }, null, 2));
      else {
        ctx.stdout('book | days | breaches | rate | Kupiec p | zone | avg margin | worst shortfall | run');
        for (const { book, report: r, runId } of results) {
          ctx.stdout(`${book} | ${r.observations} | ${r.breaches} | ${(100 * r.breachRate).toFixed(2)}% | ${r.kupiec.pValue.toFixed(4)} | ${r.trafficLight.zone} | ${r.averageMargin.toFixed(0)} | ${r.worstShortfall.toFixed(0)} | #${runId}`);
        }
      }
      return 0;
    } finally {
      await pool.close();
      db.close();
    }
  },
};
