/**
 * `offset margin <portfolio>`: one margin model on a stored book (standard, grid, VaR or ES), or `--compare` to run
 * them all side by side with the portfolio-margin saving over standard margin as the headline. Scenario VaR/ES
 * models revalue through the worker pool (--workers N, 0 = in-process). Market and history come from the store
 * (loadBook; src/main/market/modelInputs.ts for the VaR history).
 */
import { readFileSync } from 'node:fs';
import type { Book, MarketState } from '../../../engine/market';
import { loadPreset, modelFromPreset, PRESET_NAMES } from '../../../engine/margin/presets';
import type { MarginConfig, MarginResult } from '../../../engine/margin/types';
import { comparisonSpecs, summariseComparison } from '../../analysis/marginComparison';
import { DEFAULT_PRESET, defaultMarginConfig, isPresetSpec, presetOfSpec } from '../../analysis/marginModels';
import { isScenarioMethod, varMarginModel } from '../../../engine/margin/var/model';
import { parseVarSpec, VAR_METHODS, type VarSpec } from '../../../engine/margin/var/spec';
import { bookUnderlyings, closeHistory } from '../../market/modelInputs';
import { loadBook, openStoreFromOptions, type Db } from '../../store';
import { runVarMargin } from '../../worker/jobs/marginVarRun';
import { WorkerPool } from '../../worker/pool';
import { numberOption, stringOption } from '../args';
import type { CliCommand, CliContext } from '../command';

export const MODELS = ['standard', 'grid', 'var', 'es'] as const;
export type ModelKind = (typeof MODELS)[number];

const text = (ctx: CliContext, name: string) => stringOption(ctx.options, name);

const isInt = (x: number) => Number.isInteger(x);

/** VaR/ES parameters: the --config file (a VarSpec JSON), then command-line flags on top. */
export function varSpecFromOptions(ctx: CliContext, measure: 'var' | 'es'): VarSpec {
  const file = text(ctx, 'config');
  let base: Record<string, unknown> = {};
  if (file) {
    try {
      base = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (e) {
      throw new Error(`--config ${file}: ${(e as Error).message}`, { cause: e });
    }
    if (typeof base !== 'object' || base === null || Array.isArray(base)) throw new Error(`--config ${file}: expected a JSON object of VaR parameters`);
  }
  const method = text(ctx, 'method');
  if (method !== undefined && !(VAR_METHODS as readonly string[]).includes(method)) throw new Error(`--method must be one of ${VAR_METHODS.join(', ')}, got '${method}'`);
  const flags: Record<string, unknown> = {
    measure,
    method,
    confidence: numberOption(ctx.options, 'confidence', (x) => x > 0.5 && x < 1),
    mporDays: numberOption(ctx.options, 'mpor', (x) => isInt(x) && x >= 1 && x <= 5),
    lookbackDays: numberOption(ctx.options, 'lookback', (x) => isInt(x) && x >= 20),
  };
  const monteCarlo: Record<string, unknown> = { ...((base.monteCarlo as Record<string, unknown>) ?? {}) };
  const seed = numberOption(ctx.options, 'seed', isInt);
  const paths = numberOption(ctx.options, 'paths', (x) => isInt(x) && x >= 100);
  if (seed !== undefined) monteCarlo.seed = seed;
  if (paths !== undefined) monteCarlo.paths = paths;
  const merged = { ...base, ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)), monteCarlo };
  return parseVarSpec(merged, file ? `--config ${file}` : 'VaR options');
}

export interface MarginRun {
  db: Db;
  book: Book;
  market: MarketState;
  config: MarginConfig;
  workers: number;
}

export function presetResult(run: MarginRun, kind: 'standard' | 'grid', name: string): MarginResult {
  if (!PRESET_NAMES.includes(name)) throw new Error(`--preset ${name}: unknown preset (presets: ${PRESET_NAMES.join(', ')})`);
  if (loadPreset(name).kind !== kind) throw new Error(`--preset ${name} is a ${loadPreset(name).kind} preset, not ${kind} (presets: ${PRESET_NAMES.join(', ')})`);
  return modelFromPreset(presetOfSpec({ kind, preset: name })).compute(run.book, run.market, run.config);
}

export async function varResult(run: MarginRun, spec: VarSpec, pool: () => WorkerPool): Promise<MarginResult> {
  const history = closeHistory(run.db, bookUnderlyings(run.book));
  if (run.workers === 0 || !isScenarioMethod(spec)) return varMarginModel(spec, history).compute(run.book, run.market, run.config);
  return runVarMargin(pool(), { spec, history, book: run.book, market: run.market, config: run.config });
}

function report(result: MarginResult) {
  const { account } = result;
  return {
    model: result.model,
    initialMargin: result.initialMargin,
    maintenanceMargin: result.maintenanceMargin,
    components: result.components,
    scenarios: result.scenarios,
    positions: result.positions,
    collateral: { lines: account.collateral, value: account.collateralValue, positionsValue: account.positionsValue, equity: account.equity, availableFunds: account.availableFunds, excess: account.excess, marginRatio: account.marginRatio },
    conventions: result.conventions,
    timings: result.timings,
  };
}

const usd = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 2, minimumFractionDigits: 2 });

function printTable(ctx: CliContext, result: MarginResult): void {
  ctx.stdout(`${result.model}: initial margin ${usd(result.initialMargin)} USD, maintenance ${usd(result.maintenanceMargin)} USD, equity ${usd(result.account.equity)} USD`);
  for (const c of result.components) ctx.stdout(`  ${c.name.padEnd(36)} ${usd(c.amount).padStart(16)}  ${c.description}`);
  if (result.positions.length > 0) {
    ctx.stdout(`  ${'position'.padEnd(36)} ${'standalone'.padStart(16)} ${'incremental'.padStart(16)} ${'component'.padStart(16)}`);
    for (const p of result.positions) ctx.stdout(`  ${p.symbol.padEnd(36)} ${usd(p.standalone).padStart(16)} ${usd(p.incremental).padStart(16)} ${usd(p.component).padStart(16)}`);
  }
}

async function compare(ctx: CliContext, run: MarginRun, pool: () => WorkerPool): Promise<number> {
  const results: MarginResult[] = [];
  for (const spec of comparisonSpecs()) {
    if (isPresetSpec(spec)) results.push(presetResult(run, spec.kind, spec.preset));
    else results.push(await varResult(run, varSpecFromOptions(ctx, spec.kind), pool));
  }
  const { headline, models } = summariseComparison(results);
  if (ctx.json) {
    ctx.stdout(JSON.stringify({ portfolio: run.book.name, headline, models, conventions: Object.fromEntries(results.map((r) => [r.model, r.conventions])) }, null, 2));
    return 0;
  }
  ctx.stdout(`${run.book.name}: portfolio margin saves ${usd(headline.saving)} USD (${headline.savingPct.toFixed(1)}%) over standard margin with ${headline.bestPortfolioModel}`);
  for (const m of models) ctx.stdout(`  ${m.model.padEnd(28)} IM ${usd(m.initialMargin).padStart(16)}  MM ${usd(m.maintenanceMargin).padStart(16)}  saving ${m.savingPct.toFixed(1).padStart(6)}%`);
  return 0;
}

export const marginCommand: CliCommand = {
  name: ['margin'],
  summary: 'Margin of a stored portfolio under the standard, grid, VaR or ES model, or all of them side by side',
  usage:
    'offset margin <portfolio-name-or-file.json> [--db FILE] [--model standard|grid|var|es] [--preset NAME] [--config FILE.json] [--confidence 0.99] [--mpor 2] ' +
    `[--lookback 750] [--method ${VAR_METHODS.join('|')}] [--seed N] [--paths N] [--workers N] [--compare] [--json]`,
  async run(ctx) {
    const target = ctx.args[0];
    if (!target) throw new Error(`missing portfolio: ${this.usage}`);
    const model = (text(ctx, 'model') ?? 'es') as ModelKind;
    if (!MODELS.includes(model)) throw new Error(`--model must be one of ${MODELS.join(', ')}, got '${model}'`);
    const workers = numberOption(ctx.options, 'workers', (x) => isInt(x) && x >= 0) ?? 2;
    const db = openStoreFromOptions(ctx.options, { readonly: true });
    let workerPool: WorkerPool | undefined;
    const pool = () => (workerPool ??= new WorkerPool({ size: workers }));
    try {
      const { book, market } = loadBook(db, target);
      const run: MarginRun = { db, book, market, config: defaultMarginConfig(), workers };
      if (ctx.options.compare) return await compare(ctx, run, pool);
      const preset = text(ctx, 'preset');
      const result =
        model === 'standard' || model === 'grid'
          ? presetResult(run, model, preset ?? DEFAULT_PRESET[model])
          : await varResult(run, varSpecFromOptions(ctx, model), pool);
      if (ctx.json) ctx.stdout(JSON.stringify({ portfolio: book.name, ...report(result) }, null, 2));
      else printTable(ctx, result);
      return 0;
    } finally {
      await workerPool?.close();
      db.close();
    }
  },
};
