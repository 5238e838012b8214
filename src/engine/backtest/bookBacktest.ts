import { compileBook, revalue, type CompiledBook } from '../kernel';
import type { RevaluationKernel } from '../margin/types';
import type { Book, MarketState, Position } from '../market';
import type { MarketContext } from '../valuation';
import { scenarioBatch, type RevaluationOptions, type RevaluationResult, type ScenarioBatch } from '../scenario';
import { jointMove } from '../stress/historical';
import { anchorBook, marketAt, type BookTemplate } from './anchoredBook';
import type { CloseHistory } from './history';
import type { BacktestSpec } from './loop';

/**
 * A book's backtest spec: the margin model at t sees only the history up to t (the loop hands it that slice), the
 * realised P&L revalues the book anchored at t under the actual joint move from t to t + MPOR (spot ratio, DVOL
 * change, MPOR days of time decay), through the revaluation kernel.
 */
export type Revalue = (book: Book, market: MarketState, batch: ScenarioBatch, options?: RevaluationOptions) => RevaluationResult;

/**
 * compileBook remembered per positions array and market object: a backtest date's anchored book is compiled once
 * and reused by its margin model (VaR models compile the whole book) and its realised P&L. Books and markets are
 * built fresh for every date and never modified, so identity is a safe key; entries go with their book.
 */
const compiledBooks = new WeakMap<Position[], { market: MarketState | MarketContext; compiled: CompiledBook }>();

export function compileAnchoredBook(positions: Position[], market: MarketState | MarketContext): CompiledBook {
  const hit = compiledBooks.get(positions);
  if (hit && hit.market === market) return hit.compiled;
  const compiled = compileBook(positions, market);
  compiledBooks.set(positions, { market, compiled });
  return compiled;
}

/** The revaluation kernel with compileAnchoredBook: what backtest margin models get as MarginConfig.kernel. */
export const anchoredBookKernel: RevaluationKernel<CompiledBook> = { compileBook: compileAnchoredBook, revalue };

/** The revaluation kernel (src/engine/kernel.ts) as a Revalue: compile the book at the market, revalue the batch. */
export const kernelRevalue: Revalue = (book, market, batch, options) => revalue(compileAnchoredBook(book.positions, market), batch, options);

/** Margin required for `book` at `market`, given the history known at that time (`past` ends at the market's day). */
export type BookMarginModel = (book: Book, market: MarketState, past: CloseHistory) => number;

export interface BookBacktestInput {
  history: CloseHistory;
  template: BookTemplate;
  mporDays: number;
  model: BookMarginModel;
  /** The same model with a 10-year lookback, for the EMIR APC floor (optional). */
  floorModel?: BookMarginModel;
  revalue: Revalue;
  /** Vol used where the history has no implied vol (documented in docs/methodology/backtesting.md). */
  fallbackVol: number;
}

export function bookBacktestSpec(input: BookBacktestInput): BacktestSpec {
  const { history, template, mporDays, model, floorModel, revalue, fallbackVol } = input;
  // The loop asks for the margin at t, then the P&L from t: anchor the book once per row and reuse it. Row t of
  // the slice and of the full history are the same data, so the cached market is the one known at t.
  let cached: { t: number; market: MarketState; book: Book } | undefined;
  const anchoredAt = (h: CloseHistory, t: number) => {
    if (cached?.t !== t) {
      const market = marketAt(h, t, fallbackVol);
      cached = { t, market, book: anchorBook(template, market) };
    }
    return cached;
  };
  const marginWith = (m: BookMarginModel) => (past: CloseHistory) => {
    const { market, book } = anchoredAt(past, past.dates.length - 1);
    return m(book, market, past);
  };
  return {
    history,
    mporDays,
    marginAt: marginWith(model),
    floorMarginAt: floorModel ? marginWith(floorModel) : undefined,
    pnlOver(h, t, tEnd) {
      const { market, book } = anchoredAt(h, t);
      const move = jointMove(h, t, tEnd, 'realised');
      return revalue(book, market, scenarioBatch(h.underlyings, [move], 'absolute', tEnd - t)).pnl[0];
    },
  };
}
