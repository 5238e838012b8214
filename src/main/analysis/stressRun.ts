/**
 * A stress run of one stored book (docs/methodology/stress.md), shared by `offset stress` and the Stress view's
 * engine job: the scenarios (a user set, the built-in historical windows, the book's worst historical moves), each
 * revalued by the kernel with per-position P&L, equity after the shock against the maintenance margin of the chosen
 * model (survive/fail), the top contributors, and the reverse stress test. Coin collateral moves with its
 * underlying exactly as in the margin models (equity after = equity + positions P&L + collateral P&L).
 * Also the single-date historical scenario the editor's generator appends to a set.
 */
import type { CloseHistory } from '../../engine/backtest/history';
import { rowOfDate } from '../../engine/backtest/history';
import { compileBook, revalue, type CompiledBook } from '../../engine/kernel';
import { movingCollateral, riskUnderlyings, type MovingCollateral } from '../../engine/margin/var/collateralMoves';
import { scenarioBatch, type RevaluationResult, type ScenarioBatch } from '../../engine/scenario';
import { allJointMoves, BUILT_IN_WINDOWS, jointMove, toScenarioBatch, windowScenarios, worstScenarioIndices, type NamedScenario } from '../../engine/stress/historical';
import { stressOutcomes, type StressOutcome } from '../../engine/stress/report';
import { correlationDirection, estimateVolPerLogMove, reverseStress, singleUnderlyingDirection, type ReverseStressResult } from '../../engine/stress/reverse';
import type { MarginModelSpec } from '../../shared/api';
import { closesMatrix, loadBook, type Db, type ScenarioSet, type StressScenario } from '../store';
import { DEFAULT_VOL_SERIES } from '../market/modelInputs';
import { computeSpecMargin, defaultMarginConfig, isPresetSpec } from './marginModels';

/** Days of history the joint reverse-stress direction is estimated from. */
const DIRECTION_LOOKBACK_DAYS = 365;
/** The reverse stress needs at least this many days of the book's history. */
const REVERSE_MIN_DAYS = 30;
/** Scenarios per kernel call, so a cancel is seen between calls. */
const CHUNK_SCENARIOS = 256;

export interface StressRunOptions {
  model: MarginModelSpec;
  /** A user set (stored or as edited); its scenarios run first. */
  set?: Pick<ScenarioSet, 'name' | 'volShiftMode' | 'scenarios'>;
  /** Also the built-in crypto crash windows (BUILT_IN_WINDOWS), moves read from the price DB. */
  historicalWindows: boolean;
  /** The book's N worst historical joint moves over horizonDays (0 = none). */
  worstDays: number;
  horizonDays: number;
  /** Calendar days the clock moves forward in every scenario of the user set (theta), added to each scenario's own. */
  timeShiftDays: number;
  /** Contributors listed per scenario. */
  topContributors: number;
  reverseStress: boolean;
}

/** Progress and cancellation, supplied by the engine job (the CLI runs without them). */
export interface StressRunHooks {
  progress?(fraction: number, stage: string): void;
  /** Awaited between kernel calls; throws once the run is cancelled. */
  checkpoint?(): Promise<void>;
}

export interface StressScenarioResult extends StressOutcome {
  /** Which group the scenario came from: 'set NAME', 'historical windows', 'worst N historical 1-day moves'. */
  source: string;
  /** Underlyings the scenario left unshocked because the history has no close for them. */
  unshocked: string[];
}

export interface ReverseStressReport {
  underlying: string;
  spotOnly: ReverseStressResult;
  spotAndVol: ReverseStressResult | null;
  volPerLogMove: number | null;
}

export interface StressRunReport {
  portfolio: string;
  /** Label of the margin model the maintenance margin comes from. */
  model: string;
  equity: number;
  maintenanceMargin: number;
  excess: number;
  /** In run order; StressOutcome[] is what src/main/export/stressReport.ts tabulates. */
  scenarios: StressScenarioResult[];
  /** Built-in windows the history does not cover, with the reason. */
  skippedWindows: string[];
  reverseStress: { perUnderlying: ReverseStressReport[]; joint: ReverseStressReport | null } | null;
}

interface ScenarioGroup {
  source: string;
  names: string[];
  missing: string[][];
  batch: ScenarioBatch;
  /** Position in the report of each scenario of the batch. */
  slots: number[];
}

/** Assets with daily closes in the store, with their first and last day. */
export function dailyAssets(db: Db): { asset: string; first: string; last: string }[] {
  const rows = db.prepare("SELECT asset, MIN(ts) AS first, MAX(ts) AS last FROM price_bars WHERE interval = '1d' GROUP BY asset ORDER BY asset").all() as { asset: string; first: number; last: number }[];
  const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
  return rows.map((r) => ({ asset: r.asset, first: day(r.first), last: day(r.last) }));
}

/**
 * A set's scenarios as batches over every underlying any scenario (or the book's risk) names: one batch per distinct
 * time shift (the run's plus the scenario's own), since a batch has one clock. `slots` put the results back in the
 * set's order.
 */
function setGroups(set: NonNullable<StressRunOptions['set']>, extraUnderlyings: string[], runTimeShiftDays: number, firstSlot: number): ScenarioGroup[] {
  const underlyings = [...new Set([...set.scenarios.flatMap((s) => Object.keys(s.shocks)), ...extraUnderlyings])].sort();
  const byShift = new Map<number, number[]>();
  set.scenarios.forEach((s, i) => {
    const shift = runTimeShiftDays + (s.timeShiftDays ?? 0);
    byShift.set(shift, [...(byShift.get(shift) ?? []), i]);
  });
  return [...byShift].map(([shift, indices]) => {
    const rows = indices.map((i) => ({
      spotMultiplier: underlyings.map((u) => set.scenarios[i].shocks[u]?.spotMultiplier ?? 1),
      volShift: underlyings.map((u) => set.scenarios[i].shocks[u]?.volShift ?? 0),
    }));
    return {
      source: `set ${set.name}`,
      names: indices.map((i) => set.scenarios[i].name),
      missing: indices.map(() => []),
      batch: scenarioBatch(underlyings, rows, set.volShiftMode, shift),
      slots: indices.map((i) => firstSlot + i),
    };
  });
}

/** Report positions firstSlot, firstSlot + 1, ... for a group whose batch is already in report order. */
const consecutiveSlots = (firstSlot: number, count: number) => Array.from({ length: count }, (_, i) => firstSlot + i);

function historicalWindowsGroup(history: CloseHistory, firstSlot: number): { group: ScenarioGroup; skipped: string[] } {
  const scenarios: NamedScenario[] = [];
  const skipped: string[] = [];
  for (const w of BUILT_IN_WINDOWS) {
    try {
      scenarios.push(...windowScenarios(history, w));
    } catch (error) {
      skipped.push((error as Error).message);
    }
  }
  const group = { source: 'historical windows', names: scenarios.map((s) => s.name), missing: scenarios.map((s) => s.missing), batch: toScenarioBatch(history.underlyings, scenarios) };
  return { group: { ...group, slots: consecutiveSlots(firstSlot, scenarios.length) }, skipped };
}

/** Book P&L per scenario: the kernel's positions plus moving coin collateral as extra rows named '<COIN> collateral'. */
function bookRevaluation(compiled: CompiledBook | undefined, collateral: MovingCollateral[], batch: ScenarioBatch): RevaluationResult {
  const S = batch.count;
  const positions: RevaluationResult = compiled ? revalue(compiled, batch, { perInstrument: true }) : { pnl: new Float64Array(S), instruments: [], perInstrument: new Float64Array(0) };
  if (collateral.length === 0) return positions;
  const U = batch.underlyings.length;
  const pnl = Float64Array.from(positions.pnl);
  const perInstrument = new Float64Array((positions.instruments.length + collateral.length) * S);
  perInstrument.set(positions.perInstrument!);
  collateral.forEach((c, r) => {
    const u = batch.underlyings.indexOf(c.asset);
    const row = (positions.instruments.length + r) * S;
    for (let s = 0; s < S; s++) {
      // A batch that does not list the coin leaves it unshocked (multiplier 1).
      const move = u < 0 ? 0 : c.value * (batch.spotMultiplier[s * U + u] - 1);
      perInstrument[row + s] = move;
      pnl[s] += move;
    }
  });
  return { pnl, instruments: [...positions.instruments, ...collateral.map((c) => `${c.asset} collateral`)], perInstrument };
}

/** Scenarios [from, to) of a batch (same underlyings, mode and time shift). */
function sliceBatch(batch: ScenarioBatch, from: number, to: number): ScenarioBatch {
  const U = batch.underlyings.length;
  return { ...batch, count: to - from, spotMultiplier: batch.spotMultiplier.subarray(from * U, to * U), volShift: batch.volShift.subarray(from * U, to * U) };
}

function worstDaysGroup(pnlOf: (batch: ScenarioBatch) => Float64Array, history: CloseHistory, n: number, horizon: number, firstSlot: number): ScenarioGroup {
  const { batch, endDates } = allJointMoves(history, horizon);
  const picked = worstScenarioIndices(pnlOf(batch), n);
  const U = batch.underlyings.length;
  const rows = picked.map((s) => ({ spotMultiplier: Array.from(batch.spotMultiplier.subarray(s * U, (s + 1) * U)), volShift: Array.from(batch.volShift.subarray(s * U, (s + 1) * U)) }));
  return {
    source: `worst ${n} historical ${horizon}-day moves`,
    names: picked.map((s) => `worst ${horizon}d ending ${endDates[s]}`),
    missing: picked.map(() => []),
    batch: scenarioBatch(batch.underlyings, rows, 'absolute', horizon),
    slots: consecutiveSlots(firstSlot, picked.length),
  };
}

function reverse(pnlOf: (batch: ScenarioBatch) => Float64Array, history: CloseHistory, excess: number): NonNullable<StressRunReport['reverseStress']> {
  const underlyings = history.underlyings;
  const volK = underlyings.map((_, u) => estimateVolPerLogMove(history, u));
  const run = (label: string, direction: Float64Array, k: number | null): ReverseStressReport => ({
    underlying: label,
    spotOnly: reverseStress(pnlOf, { underlyings, direction, excess }),
    spotAndVol: k === null ? null : reverseStress(pnlOf, { underlyings, direction, excess, volPerLogMove: k }),
    volPerLogMove: k,
  });
  const perUnderlying = underlyings.map((u, j) => run(u, singleUnderlyingDirection(underlyings, u), volK[j]));
  if (underlyings.length < 2) return { perUnderlying, joint: null };
  const U = underlyings.length;
  const first = Math.max(0, history.dates.length - 1 - DIRECTION_LOOKBACK_DAYS);
  const recent: CloseHistory = { dates: history.dates.slice(first), underlyings, closes: history.closes.subarray(first * U) };
  // One vol coupling for the joint move: that of the direction's leading underlying, where estimable.
  const direction = correlationDirection(recent);
  const lead = direction.indexOf(1);
  return { perUnderlying, joint: run('joint (historical correlation direction)', direction, volK[lead]) };
}

export function modelSpecLabel(spec: MarginModelSpec): string {
  return isPresetSpec(spec) ? `${spec.preset}${spec.parameters ? ' (edited)' : ''}` : `${spec.kind} (${spec.spec?.method ?? 'historical'})`;
}

export async function runStress(db: Db, portfolio: string, options: StressRunOptions, hooks: StressRunHooks = {}): Promise<StressRunReport> {
  const progress = hooks.progress ?? (() => {});
  const checkpoint = hooks.checkpoint ?? (async () => {});
  progress(0, 'margin');
  const { book, market } = loadBook(db, portfolio);
  const config = { ...defaultMarginConfig(), attribution: false, liquidation: false };
  const margin = computeSpecMargin(db, book, market, options.model, config);
  const { equity, excess } = margin.account;
  const collateral = movingCollateral(book, market, config);
  const compiled = book.positions.length > 0 ? compileBook(book.positions, market) : undefined;
  const pnlOf = (batch: ScenarioBatch) => bookRevaluation(compiled, collateral, batch).pnl;
  const riskNames = riskUnderlyings(book, collateral).sort();
  await checkpoint();

  progress(0.1, 'scenarios');
  const groups: ScenarioGroup[] = [];
  const skippedWindows: string[] = [];
  const nextSlot = () => groups.reduce((n, g) => n + g.batch.count, 0);
  if (options.set) groups.push(...setGroups(options.set, riskNames, options.timeShiftDays, nextSlot()));
  if (options.historicalWindows) {
    const assets = dailyAssets(db).map((a) => a.asset);
    const windows = historicalWindowsGroup(closesMatrix(db, assets, undefined, undefined, DEFAULT_VOL_SERIES), nextSlot());
    groups.push(windows.group);
    skippedWindows.push(...windows.skipped);
  }
  const bookHistory = closesMatrix(db, riskNames, undefined, market.valuationTime, DEFAULT_VOL_SERIES);
  if (options.worstDays > 0 && bookHistory.dates.length > options.horizonDays) {
    progress(0.2, 'worst historical moves');
    groups.push(worstDaysGroup(pnlOf, bookHistory, options.worstDays, options.horizonDays, nextSlot()));
    await checkpoint();
  }

  const total = nextSlot();
  const scenarios = new Array<StressScenarioResult>(total);
  let done = 0;
  for (const g of groups) {
    for (let from = 0; from < g.batch.count; from += CHUNK_SCENARIOS) {
      const to = Math.min(g.batch.count, from + CHUNK_SCENARIOS);
      const result = bookRevaluation(compiled, collateral, sliceBatch(g.batch, from, to));
      const outcomes = stressOutcomes(g.names.slice(from, to), result, equity, margin.maintenanceMargin, options.topContributors);
      outcomes.forEach((o, i) => (scenarios[g.slots[from + i]] = { ...o, source: g.source, unshocked: g.missing[from + i] }));
      done += to - from;
      progress(0.3 + (0.5 * done) / Math.max(1, total), 'revaluing scenarios');
      await checkpoint();
    }
  }

  let reverseStressReport: StressRunReport['reverseStress'] = null;
  if (options.reverseStress && bookHistory.dates.length > REVERSE_MIN_DAYS) {
    progress(0.8, 'reverse stress');
    reverseStressReport = reverse(pnlOf, bookHistory, excess);
  }
  progress(1, 'done');
  return { portfolio: book.name, model: modelSpecLabel(options.model), equity, maintenanceMargin: margin.maintenanceMargin, excess, scenarios, skippedWindows, reverseStress: reverseStressReport };
}

export interface HistoricalScenario extends StressScenario {
  /** First and last close of the move. */
  from: string;
  to: string;
  /** Underlyings in the store without a close at both ends (left out of the shocks). */
  missing: string[];
}

/**
 * The realised joint move of every underlying with daily closes in the store over the `horizonDays` days ending at
 * the close of `date` (spot multiplier close(date) / close(date - h); absolute implied-vol change where the vol
 * series has both ends), as a scenario for a user set.
 */
export function historicalScenario(db: Db, date: string, horizonDays: number): HistoricalScenario {
  if (!Number.isInteger(horizonDays) || horizonDays < 1) throw new RangeError(`horizonDays: expected a whole number of days >= 1, got ${horizonDays}`);
  const assets = dailyAssets(db).map((a) => a.asset);
  if (assets.length === 0) throw new RangeError('no daily closes in the store: import price history first (offset import prices)');
  const history = closesMatrix(db, assets, undefined, undefined, DEFAULT_VOL_SERIES);
  const end = rowOfDate(history, date);
  const start = end - horizonDays;
  if (start < 0) throw new RangeError(`date ${date}: a ${horizonDays}-day move needs closes from ${horizonDays} days earlier; the history starts ${history.dates[0]}`);
  const move = jointMove(history, start, end, `historical ${date} ${horizonDays}d`);
  const shocks: StressScenario['shocks'] = {};
  history.underlyings.forEach((u, j) => {
    if (!move.missing.includes(u)) shocks[u] = { spotMultiplier: move.spotMultiplier[j], volShift: move.volShift[j] };
  });
  if (Object.keys(shocks).length === 0) throw new RangeError(`date ${date}: no underlying has closes at both ${history.dates[start]} and ${date}`);
  return { name: move.name, shocks, from: history.dates[start], to: date, missing: move.missing };
}
