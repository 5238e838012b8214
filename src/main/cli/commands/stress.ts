/**
 * `offset stress <portfolio> [--set NAME] [--worst N] [--model PRESET] [--json]` (docs/methodology/stress.md):
 * per scenario the book's P&L, P&L per position, equity after the shock against maintenance margin and the top
 * contributors; plus the reverse stress test. Without --set: the built-in historical windows (moves read from the
 * price DB for every underlying in it) and the book's N worst historical days.
 */
import type { CloseHistory } from '../../../engine/backtest/history';
import { compileBook, revalue } from '../../../engine/kernel';
import type { Book, MarketState } from '../../../engine/market';
import { presetModel } from '../../../engine/margin/presets';
import { engineValuation } from '../../../engine/margin/valuationAdapter';
import { scenarioBatch, type ScenarioBatch } from '../../../engine/scenario';
import { allJointMoves, BUILT_IN_WINDOWS, toScenarioBatch, windowScenarios, worstScenarioIndices, type NamedScenario } from '../../../engine/stress/historical';
import { stressOutcomes, type StressOutcome } from '../../../engine/stress/report';
import { correlationDirection, estimateVolPerLogMove, reverseStress, singleUnderlyingDirection, type ReverseStressResult } from '../../../engine/stress/reverse';
import { closesMatrix, getScenarioSet, loadBook, openStoreFromOptions, seriesInfo, type Db } from '../../store';
import type { CliCommand } from '../command';
import { numberOption, stringOption } from '../args';

export const DEFAULT_STRESS_MODEL = 'deribit-pm-like';
/** Days of history the joint reverse-stress direction is estimated from. */
const DIRECTION_LOOKBACK_DAYS = 365;

interface ScenarioGroup {
  source: string;
  names: string[];
  missing: string[][];
  batch: ScenarioBatch;
}

function storedSet(db: Db, name: string): ScenarioGroup {
  const set = getScenarioSet(db, name);
  if (!set) throw new Error(`no stress scenario set named '${name}' in the database`);
  const underlyings = [...new Set(set.scenarios.flatMap((s) => Object.keys(s.shocks)))].sort();
  const rows = set.scenarios.map((s) => ({
    spotMultiplier: underlyings.map((u) => s.shocks[u]?.spotMultiplier ?? 1),
    volShift: underlyings.map((u) => s.shocks[u]?.volShift ?? 0),
  }));
  return { source: `set ${name}`, names: set.scenarios.map((s) => s.name), missing: set.scenarios.map(() => []), batch: scenarioBatch(underlyings, rows, set.volShiftMode) };
}

function dailyAssets(db: Db): string[] {
  return seriesInfo(db)
    .filter((s) => s.table === 'price_bars' && s.key.endsWith(' 1d'))
    .map((s) => s.key.slice(0, -3));
}

function historicalWindows(history: CloseHistory): { group: ScenarioGroup; skipped: string[] } {
  const scenarios: NamedScenario[] = [];
  const skipped: string[] = [];
  for (const w of BUILT_IN_WINDOWS) {
    try {
      scenarios.push(...windowScenarios(history, w));
    } catch (error) {
      skipped.push((error as Error).message);
    }
  }
  return { group: { source: 'historical windows', names: scenarios.map((s) => s.name), missing: scenarios.map((s) => s.missing), batch: toScenarioBatch(history.underlyings, scenarios) }, skipped };
}

function worstDays(book: Book, market: MarketState, history: CloseHistory, n: number, horizon: number): ScenarioGroup {
  const { batch, endDates } = allJointMoves(history, horizon);
  const pnl = revalue(compileBook(book.positions, market), batch).pnl;
  const picked = worstScenarioIndices(pnl, n);
  const U = batch.underlyings.length;
  const rows = picked.map((s) => ({ spotMultiplier: Array.from(batch.spotMultiplier.subarray(s * U, (s + 1) * U)), volShift: Array.from(batch.volShift.subarray(s * U, (s + 1) * U)) }));
  return {
    source: `worst ${n} historical ${horizon}-day moves`,
    names: picked.map((s) => `worst ${horizon}d ending ${endDates[s]}`),
    missing: picked.map(() => []),
    batch: scenarioBatch(batch.underlyings, rows, 'absolute', horizon),
  };
}

export interface ReverseStressReport {
  underlying: string;
  spotOnly: ReverseStressResult;
  spotAndVol: ReverseStressResult | null;
  volPerLogMove: number | null;
}

function reverse(book: Book, market: MarketState, history: CloseHistory, excess: number): { perUnderlying: ReverseStressReport[]; joint: ReverseStressReport | null } {
  const compiled = compileBook(book.positions, market);
  const pnlAt = (batch: ScenarioBatch) => revalue(compiled, batch).pnl;
  const underlyings = history.underlyings;
  const volK = underlyings.map((_, u) => estimateVolPerLogMove(history, u));
  const run = (label: string, direction: Float64Array, k: number | null): ReverseStressReport => ({
    underlying: label,
    spotOnly: reverseStress(pnlAt, { underlyings, direction, excess }),
    spotAndVol: k === null ? null : reverseStress(pnlAt, { underlyings, direction, excess, volPerLogMove: k }),
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

export const stressCommand: CliCommand = {
  name: ['stress'],
  summary: 'Stress a portfolio: stored scenario sets, historical crypto crashes from the price DB, worst historical days, reverse stress',
  usage: 'offset stress <portfolio> [--set NAME] [--worst N] [--horizon DAYS] [--model PRESET] [--top N] [--db FILE] [--json]',
  async run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new Error('name a portfolio (or a .json file): offset stress <portfolio>');
    const db = openStoreFromOptions(ctx.options);
    try {
      const { book, market } = loadBook(db, name);
      const modelName = stringOption(ctx.options, 'model') ?? DEFAULT_STRESS_MODEL;
      const margin = presetModel(modelName).compute(book, market, { valuation: engineValuation(), attribution: false, liquidation: false });
      const { equity } = margin.account;
      const maintenanceMargin = margin.maintenanceMargin;
      const bookUnderlyings = [...new Set(book.positions.map((p) => p.instrument.underlying))].sort();
      const setName = stringOption(ctx.options, 'set');
      const groups: ScenarioGroup[] = [];
      let skipped: string[] = [];
      let bookHistory: CloseHistory | undefined;
      if (setName) groups.push(storedSet(db, setName));
      else {
        const all = historicalWindows(closesMatrix(db, dailyAssets(db), undefined, undefined, 'DVOL'));
        groups.push(all.group);
        skipped = all.skipped;
        bookHistory = closesMatrix(db, bookUnderlyings, undefined, market.valuationTime, 'DVOL');
        const n = numberOption(ctx.options, 'worst') ?? 5;
        if (bookHistory.dates.length > 1 && n > 0) groups.push(worstDays(book, market, bookHistory, n, numberOption(ctx.options, 'horizon') ?? 1));
      }
      const compiled = compileBook(book.positions, market);
      const top = numberOption(ctx.options, 'top') ?? 5;
      const scenarios: (StressOutcome & { source: string; unshocked: string[] })[] = [];
      for (const g of groups) {
        if (g.batch.count === 0) continue;
        const outcomes = stressOutcomes(g.names, revalue(compiled, g.batch, { perInstrument: true }), equity, maintenanceMargin, top);
        outcomes.forEach((o, i) => scenarios.push({ ...o, source: g.source, unshocked: g.missing[i] }));
      }
      bookHistory ??= closesMatrix(db, bookUnderlyings, undefined, market.valuationTime, 'DVOL');
      const reverseStressResult = bookHistory.dates.length > 30 ? reverse(book, market, bookHistory, margin.account.excess) : null;
      const out = { portfolio: book.name, model: modelName, equity, maintenanceMargin, excess: margin.account.excess, scenarios, skippedWindows: skipped, reverseStress: reverseStressResult };
      if (ctx.json) ctx.stdout(JSON.stringify(out, null, 2));
      else {
        ctx.stdout(`${book.name}: equity ${equity.toFixed(0)} USD, maintenance margin ${maintenanceMargin.toFixed(0)} USD (${modelName})`);
        ctx.stdout('scenario | P&L | equity after | survives | worst position');
        for (const s of scenarios) ctx.stdout(`${s.scenario} | ${s.pnl.toFixed(0)} | ${s.equityAfter.toFixed(0)} | ${s.survives ? 'yes' : 'NO'} | ${s.topContributors[0]?.instrument ?? '-'}`);
        for (const r of reverseStressResult ? [...reverseStressResult.perUnderlying, ...(reverseStressResult.joint ? [reverseStressResult.joint] : [])] : []) {
          const pct = (x: { pctMove: number } | null) => (x ? `${(100 * x.pctMove).toFixed(1)}%` : 'none');
          ctx.stdout(`reverse ${r.underlying}: spot down ${pct(r.spotOnly.down)}, up ${pct(r.spotOnly.up)}; with vol: down ${pct(r.spotAndVol?.down ?? null)}, up ${pct(r.spotAndVol?.up ?? null)}`);
        }
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
