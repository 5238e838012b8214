import type { Instrument } from '../instrument';
import { compileBook, revalue } from '../kernel';
import type { Book, MarketState, Position } from '../market';
import { aggregateOf } from '../margin/groupRisk';
import { prepareGrid } from '../margin/grid';
import type { GridPreset } from '../margin/presets/schema';
import { computeInitialMargin, type MarginConfig, type MarginModel } from '../margin/types';
import type { ScenarioBatch } from '../scenario';
import { solveMarginOptimalHedge, type HedgeSolution } from './hedgeLp';
import type { MinMaxObjective, RiskObjective } from './scenarioRisk';

/**
 * The margin-optimal hedge of a book (docs/methodology/optimisation.md): scenario P&L of the book and of one unit of
 * each candidate, the LP of hedgeLp.ts, then the margin before and after recomputed by the margin model itself on
 * the book with the trades added. If the recomputed margin after is higher than before (a model term the LP does
 * not see, e.g. a grid add-on), the hedge is rejected and the empty hedge reported.
 */
export interface HedgeCandidateInstrument {
  instrument: Instrument;
  minQuantity: number;
  maxQuantity: number;
  costPerUnit: number;
}

export interface HedgeScenarios {
  bookPnl: Float64Array;
  hedgePnl: Float64Array;
  objective: RiskObjective;
}

export interface MarginHedgeResult {
  trades: { symbol: string; quantity: number; cost: number }[];
  marginBefore: number;
  marginAfter: number;
  cost: number;
  /** The LP's own risk measure before and after (equal to the margin for a pure scan grid or historical ES). */
  lp: Pick<HedgeSolution, 'riskBefore' | 'riskAfter' | 'status'>;
  /** False when the recomputed margin rose and the trades were dropped. */
  accepted: boolean;
}

/**
 * Grid model scenarios: every scenario of every table of every risk group, P&L from the grid model's own pricing
 * (prepareGrid), one block per group for its 'scan' tables (the group scan risk is their worst) and one per 'add'
 * table, with the tables' weights and dampeners.
 */
export function gridHedgeScenarios(preset: GridPreset, book: Book, market: MarketState, config: MarginConfig, candidates: HedgeCandidateInstrument[]): HedgeScenarios {
  const unit: Book = { name: 'hedge candidates', positions: candidates.map((c) => ({ instrument: c.instrument, quantity: 1 })), collateral: {} };
  const bookState = prepareGrid(preset, book, market, config);
  const candState = prepareGrid(preset, unit, market, { ...config, collateral: undefined });
  const groups = [...new Set([...bookState.groups.keys(), ...candState.groups.keys()])].sort();
  const bookPnl: number[] = [];
  const hedgeCols: number[][] = candidates.map(() => []);
  const block: number[] = [];
  const weight: number[] = [];
  const dampener: number[] = [];
  let blocks = 0;
  for (const g of groups) {
    const risk = bookState.groups.get(g) ?? candState.groups.get(g)!;
    const bookAgg = bookState.groups.has(g) ? aggregateOf(bookState.groups.get(g)!) : null;
    const candRows = candState.groups.get(g)?.rows ?? [];
    const scanBlock = blocks++;
    risk.tables.forEach((t, ti) => {
      const b = t.table.combine === 'scan' ? scanBlock : blocks++;
      t.scenarios.forEach((sc, s) => {
        bookPnl.push(bookAgg ? bookAgg.pnl[ti][s] : 0);
        candidates.forEach((c, j) => hedgeCols[j].push(candRows.find((r) => r.symbol === c.instrument.symbol)?.pnl[ti][s] ?? 0));
        block.push(b);
        weight.push(sc.weight);
        dampener.push(sc.dampener);
      });
    });
  }
  const objective: MinMaxObjective = { kind: 'minmax', block: Int32Array.from(block), weight: Float64Array.from(weight), dampener: Float64Array.from(dampener) };
  return { bookPnl: Float64Array.from(bookPnl), hedgePnl: Float64Array.from(hedgeCols.flat()), objective };
}

/** Historical ES scenarios: the book and one unit of each candidate revalued by the kernel under the given batch. */
export function esHedgeScenarios(book: Book, market: MarketState, batch: ScenarioBatch, confidence: number, candidates: HedgeCandidateInstrument[]): HedgeScenarios {
  const bookPnl = revalue(compileBook(book.positions, market), batch).pnl;
  const hedgePnl = new Float64Array(candidates.length * batch.count);
  if (candidates.length > 0) {
    const res = revalue(compileBook(candidates.map((c) => ({ instrument: c.instrument, quantity: 1 })), market), batch, { perInstrument: true });
    candidates.forEach((c, j) => {
      const i = res.instruments.indexOf(c.instrument.symbol);
      hedgePnl.set(res.perInstrument!.subarray(i * batch.count, (i + 1) * batch.count), j * batch.count);
    });
  }
  return { bookPnl, hedgePnl, objective: { kind: 'es', confidence } };
}

export async function optimiseHedge(
  book: Book,
  candidates: HedgeCandidateInstrument[],
  scenarios: HedgeScenarios,
  marginOf: (book: Book) => number,
): Promise<MarginHedgeResult> {
  const symbols = new Set<string>();
  for (const c of candidates) {
    if (symbols.has(c.instrument.symbol)) throw new RangeError(`hedge candidates: ${c.instrument.symbol} is listed twice`);
    symbols.add(c.instrument.symbol);
  }
  const solution = await solveMarginOptimalHedge({
    ...scenarios,
    candidates: candidates.map((c) => ({ symbol: c.instrument.symbol, minQuantity: c.minQuantity, maxQuantity: c.maxQuantity, costPerUnit: c.costPerUnit })),
  });
  const trades = candidates
    .map((c, j) => ({ symbol: c.instrument.symbol, quantity: solution.quantities[j], cost: c.costPerUnit * Math.abs(solution.quantities[j]), instrument: c.instrument }))
    .filter((t) => t.quantity !== 0);
  const marginBefore = marginOf(book);
  const hedged: Book = { ...book, positions: [...book.positions, ...trades.map((t): Position => ({ instrument: t.instrument, quantity: t.quantity }))] };
  const marginAfter = trades.length > 0 ? marginOf(hedged) : marginBefore;
  const lp = { riskBefore: solution.riskBefore, riskAfter: solution.riskAfter, status: solution.status };
  if (marginAfter > marginBefore) return { trades: [], marginBefore, marginAfter: marginBefore, cost: 0, lp, accepted: false };
  return { trades: trades.map(({ symbol, quantity, cost }) => ({ symbol, quantity, cost })), marginBefore, marginAfter, cost: solution.cost, lp, accepted: true };
}

/** The margin function of a preset model: initial margin of the book at the market. */
export function initialMarginOf(model: MarginModel, market: MarketState, config: MarginConfig): (book: Book) => number {
  return (book) => computeInitialMargin(model, book, market, { ...config, attribution: false, liquidation: false });
}
