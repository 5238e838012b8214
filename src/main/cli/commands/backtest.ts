/**
 * `offset backtest <portfolio | --suite NAME> --model M [--from D] [--to D] [--json]`: margin backtest with no
 * look-ahead (docs/methodology/backtesting.md) on the worker pool; each book's report and daily series is stored as
 * a 'backtest' run. The work itself is src/main/analysis/backtestRun.ts (shared with the Backtest view).
 */
import { backtestModelSchema, type BacktestModelSpec } from '../../../engine/backtest/modelSpec';
import { PRESET_NAMES } from '../../../engine/margin/presets';
import {
  backtestBooks,
  historyFor,
  saveBacktestRun,
  selectBooks,
  SUITE_NAMES,
  type BacktestOptions,
  type BookSelection,
  type BookSizing,
  type SuiteName,
} from '../../analysis/backtestRun';
import { openStoreFromOptions } from '../../store';
import { DEFAULT_FALLBACK_VOL } from '../../worker/jobs/backtestRun';
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

/** The books a command runs on: the portfolio named by the first argument, or --suite [--underlyings] [--sizing]. */
export function selectionFromOptions(ctx: CliContext): BookSelection {
  const suite = stringOption(ctx.options, 'suite');
  const sizing = (stringOption(ctx.options, 'sizing') ?? 'quantity') as BookSizing;
  if (sizing !== 'quantity' && sizing !== 'notional') throw new Error(`--sizing must be quantity or notional, got '${sizing}'`);
  if (!suite) {
    if (!ctx.args[0]) throw new Error(`name a portfolio (or a .json file), or pass --suite ${SUITE_NAMES.join('|')}`);
    return { portfolio: ctx.args[0], sizing };
  }
  if (!(SUITE_NAMES as readonly string[]).includes(suite)) throw new Error(`--suite must be ${SUITE_NAMES.join(', ')}, got '${suite}'`);
  const underlyings = stringOption(ctx.options, 'underlyings')?.split(',');
  return { suite: suite as SuiteName, sizing, underlyings };
}

/** --from, --to, --fallback-vol, --mpor, --apc-floor. */
export function backtestOptionsFrom(ctx: CliContext): BacktestOptions {
  return {
    from: stringOption(ctx.options, 'from'),
    to: stringOption(ctx.options, 'to'),
    fallbackVol: numberOption(ctx.options, 'fallback-vol') ?? DEFAULT_FALLBACK_VOL,
    mporDays: numberOption(ctx.options, 'mpor'),
    apcLookbackFloor: ctx.options['apc-floor'] === true,
  };
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
      const selection = selectionFromOptions(ctx);
      const books = selectBooks(db, selection);
      const options = backtestOptionsFrom(ctx);
      const startedAt = Date.now();
      const done = await backtestBooks(pool, books, historyFor(db, books, options.to), model, options);
      const suite = 'suite' in selection ? selection.suite : undefined;
      // Every book's run (report and daily series) saved together, or none.
      const runIds = db.transaction(() => done.map((book) => saveBacktestRun(db, { book, model, options, suite, startedAt })))();
      const results = done.map((b, i) => ({ book: b.template.name, runId: runIds[i], report: b.result.report }));
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
