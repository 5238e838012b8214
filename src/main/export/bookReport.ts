/**
 * The report of one book under one margin model spec, shared by `offset export <portfolio>` and the exportReport
 * service (which runs it in an engine worker), so both write the same workbook for the same book and model.
 * The caller loads the book and computes the margin result (with attribution); this module adds what the store
 * knows about the book: stress results of the stored scenario sets run against the same model (else the scenarios
 * of the book's latest stored stress run),
 * the statistics and daily series of the book's latest backtest run, and whether the history is synthetic.
 */
import type { Book, MarketState } from '../../engine/market';
import type { MarginResult } from '../../engine/margin/types';
import type { StressOutcome } from '../../engine/stress/report';
import type { MarginModelSpec } from '../../shared/api';
import { isPresetSpec, varSpecOfSpec } from '../analysis/marginModels';
import { runStress } from '../analysis/stressRun';
import { getRun, getScenarioSet, listRuns, listScenarioSets, type Db } from '../store';
import { marginReport } from './marginReport';
import type { ReportModel } from './reportModel';
import { backtestTables, type BacktestTables } from './runReport';

/** Source tag of the daily bars `offset demo` writes. */
const SYNTHETIC_SOURCE = 'synthetic-demo';

/** Positions listed per stress scenario as its worst contributors. */
const STRESS_TOP_CONTRIBUTORS = 5;

/** True when a stored daily bar of these underlyings (any underlying: 'any') comes from `offset demo`. */
export function usesSyntheticHistory(db: Db, underlyings: string[] | 'any'): boolean {
  if (underlyings === 'any') return db.prepare('SELECT 1 FROM price_bars WHERE source = ? LIMIT 1').get(SYNTHETIC_SOURCE) !== undefined;
  const q = db.prepare('SELECT 1 FROM price_bars WHERE asset = ? AND source = ? LIMIT 1');
  return underlyings.some((u) => q.get(u, SYNTHETIC_SOURCE) !== undefined);
}

/** Flattens nested parameters to dotted names (monteCarlo.paths); keeps numbers and strings, shows booleans as text. */
function flatten(prefix: string, value: unknown, out: Record<string, string | number>): void {
  if (typeof value === 'number' || typeof value === 'string') out[prefix] = value;
  else if (typeof value === 'boolean') out[prefix] = value ? 'yes' : 'no';
  else if (Array.isArray(value)) out[prefix] = value.join(', ');
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) flatten(prefix ? `${prefix}.${k}` : k, v, out);
}

/** The parameters a spec resolves to, as the summary sheet lists them (VaR/ES: every field with its default filled in). */
export function specParameters(spec: MarginModelSpec): Record<string, string | number> {
  if (isPresetSpec(spec)) return { preset: spec.preset, 'preset parameters': spec.parameters ? 'edited in the Margin view' : 'as shipped' };
  const out: Record<string, string | number> = {};
  flatten('', varSpecOfSpec(spec), out);
  return out;
}

/**
 * Stress outcomes of every stored scenario set, run by the Stress view's own stress run (src/main/analysis/stressRun.ts:
 * positions and moving coin collateral, equity after against the spec's maintenance margin).
 */
async function storedSetOutcomes(db: Db, target: string, spec: MarginModelSpec, checkpoint?: () => Promise<void>): Promise<StressOutcome[]> {
  const outcomes: StressOutcome[] = [];
  for (const { name } of listScenarioSets(db).filter((s) => s.scenarioCount > 0)) {
    const set = getScenarioSet(db, name)!;
    const run = await runStress(
      db,
      target,
      { model: spec, set, historicalWindows: false, worstDays: 0, horizonDays: 1, timeShiftDays: 0, topContributors: STRESS_TOP_CONTRIBUTORS, reverseStress: false },
      checkpoint ? { checkpoint } : {},
    );
    outcomes.push(...run.scenarios.map((o) => ({ ...o, scenario: `${name}: ${o.scenario}` })));
  }
  return outcomes;
}

function isStressOutcome(x: unknown): x is StressOutcome {
  if (typeof x !== 'object' || x === null) return false;
  const o = x as Record<string, unknown>;
  return typeof o.scenario === 'string' && typeof o.pnl === 'number' && typeof o.equityAfter === 'number' && typeof o.maintenanceMargin === 'number' && typeof o.survives === 'boolean' && Array.isArray(o.topContributors);
}

/** Scenarios of the book's latest stored stress run (results.scenarios as `offset stress --json` writes them), if readable. */
function latestStressRunOutcomes(db: Db, portfolio: string): StressOutcome[] {
  const latest = listRuns(db, { kind: 'stress', portfolio, limit: 1 })[0];
  if (!latest) return [];
  const run = getRun(db, latest.id);
  const scenarios = (run?.results as { scenarios?: unknown } | undefined)?.scenarios;
  if (!Array.isArray(scenarios) || !scenarios.every(isStressOutcome)) return [];
  return scenarios.map((s) => ({ ...s, scenario: `run ${latest.id}: ${s.scenario}` }));
}

/** Statistics and daily series of the book's latest backtest run that holds a readable report. */
function latestBacktestTables(db: Db, portfolio: string): BacktestTables {
  const latest = listRuns(db, { kind: 'backtest', portfolio, limit: 1 })[0];
  const run = latest ? getRun(db, latest.id) : undefined;
  return run ? (backtestTables(run) ?? {}) : {};
}

export interface BookReportInput {
  db: Db;
  /** What the book was loaded from: a stored portfolio's name (or, from the CLI, a portfolio .json file). */
  target: string;
  book: Book;
  market: MarketState;
  spec: MarginModelSpec;
  /** The spec's margin result on this book and market, computed with attribution. */
  result: MarginResult;
  /** UTC ms. */
  generatedAt: number;
  /** Awaited between stress runs inside an engine job (cancellation). */
  checkpoint?: () => Promise<void>;
}

export async function bookReport({ db, target, book, market, spec, result, generatedAt, checkpoint }: BookReportInput): Promise<ReportModel> {
  const stored = await storedSetOutcomes(db, target, spec, checkpoint);
  const stress = stored.length > 0 ? stored : latestStressRunOutcomes(db, book.name);
  const underlyings = [...new Set(book.positions.map((p) => p.instrument.underlying))];
  const report = marginReport({
    book,
    market,
    result,
    modelKind: spec.kind,
    parameters: specParameters(spec),
    generatedAt,
    synthetic: usesSyntheticHistory(db, underlyings),
    ...(stress.length > 0 ? { stress } : {}),
  });
  Object.assign(report.tables, latestBacktestTables(db, book.name));
  return report;
}
