/**
 * Engine jobs of the Book and Margin views (registered in ./index.ts; see ./defineJob.ts). Each loads the stored
 * book itself (read-only store handle) and runs the margin model a MarginModelSpec names:
 * - 'risk.book': value and greeks per position (src/engine/risk.ts) with standalone/incremental/component margin;
 * - 'risk.whatIf': margin before and after candidate trades; grid models price only the trades (gridWhatIf on a
 *   cached prepared grid), other models recompute the edited book;
 * - 'risk.margin': the model's margin, breakdown lines, equity, excess, margin ratio and distance to liquidation;
 * - 'risk.compare': every model of src/main/analysis/marginComparison.ts side by side.
 * Non-finite numbers (NaN attribution of a VaR collateral row, an infinite margin ratio) become null for JSON.
 */
import { z } from 'zod';
import { parseDeribitSymbol } from '../../../engine/instrument';
import { gridWhatIf, prepareGrid, type GridState } from '../../../engine/margin/grid';
import type { MarginConfig, MarginResult, PositionMargin } from '../../../engine/margin/types';
import type { Book, MarketState, Position } from '../../../engine/market';
import { riskReport } from '../../../engine/risk';
import { marginModelSpecSchema, varModelParametersSchema, type MarginModelSpec } from '../../../shared/api';
import type { BookRisk, CollateralRiskRow, MarginComparisonResult, MarginReport, PositionRiskRow, Trade, TradeRisk, WhatIfMargin } from '../../../shared/contract/risk';
import { tradeSchema } from '../../../shared/contract/risk';
import { comparisonSpecs, summariseComparison } from '../../analysis/marginComparison';
import { computeSpecMargin, defaultMarginConfig, isPresetSpec, marginModelOfSpec, presetOfSpec } from '../../analysis/marginModels';
import { toPositionRow } from '../../analysis/positionRows';
import { getMarketSnapshot, getPortfolio, marketFromHistory, type Db } from '../../store';
import { defineJob } from './defineJob';

const finiteOrNull = (x: number | undefined): number | null => (x !== undefined && Number.isFinite(x) ? x : null);

/** A stored book (never a file path) and its market: the stored snapshot, else built from the store's history. */
function storedBook(db: Db, portfolio: string, trades: Trade[] = []): { book: Book; edited: Book; trades: Position[]; market: MarketState } {
  const book = getPortfolio(db, portfolio);
  if (!book) throw new Error(`no portfolio named '${portfolio}' in the database`);
  const tradePositions = trades.map(({ symbol, quantity }, i): Position => {
    const held = book.positions.find((p) => p.instrument.symbol === symbol);
    try {
      return { instrument: held?.instrument ?? parseDeribitSymbol(symbol), quantity };
    } catch (e) {
      throw new Error(`trades.${i}.symbol: ${(e as Error).message}`, { cause: e });
    }
  });
  const edited = applyTrades(book, tradePositions);
  // One market for the book before and after, so the change is the trades' alone (built over the edited book's
  // underlyings when there is no snapshot, so a trade in a new underlying is priced too).
  return { book, edited, trades: tradePositions, market: getMarketSnapshot(db, portfolio) ?? marketFromHistory(db, edited) };
}

/** The book with each trade added to the position of the same symbol (or as a new position); flat positions dropped. */
export function applyTrades(book: Book, trades: Position[]): Book {
  const positions = book.positions.map((p) => ({ ...p }));
  for (const t of trades) {
    const held = positions.find((p) => p.instrument.symbol === t.instrument.symbol);
    if (held) held.quantity += t.quantity;
    else positions.push({ instrument: t.instrument, quantity: t.quantity });
  }
  return { ...book, positions: positions.filter((p) => p.quantity !== 0) };
}

const bookPayload = z.object({ portfolio: z.string().min(1), model: marginModelSpecSchema });

/** Rows of the margin attribution that are not positions: coin collateral moving with its group. */
function collateralComponents(margins: PositionMargin[], book: Book): Map<string, number> {
  const symbols = new Set(book.positions.map((p) => p.instrument.symbol));
  const out = new Map<string, number>();
  for (const m of margins) if (!symbols.has(m.symbol) && Number.isFinite(m.component)) out.set(m.group, (out.get(m.group) ?? 0) + m.component);
  return out;
}

export function bookRisk(db: Db, portfolio: string, spec: MarginModelSpec, progress: (f: number, stage: string) => void): BookRisk {
  const { book, market } = storedBook(db, portfolio);
  const report = riskReport(book.positions, market);
  progress(0.2, 'margin attribution');
  const margin = computeSpecMargin(db, book, market, spec, { ...defaultMarginConfig(), liquidation: false });
  const bySymbol = new Map(margin.positions.map((m) => [m.symbol, m]));
  const positions = book.positions.map((p, i): PositionRiskRow => {
    const r = report.positions[i];
    const m = bySymbol.get(p.instrument.symbol);
    return {
      ...toPositionRow(p),
      mark: r.mark,
      vol: finiteOrNull(r.vol),
      valueUsd: r.valueUsd,
      delta: r.delta,
      cashDelta: r.cashDelta,
      cashGamma: r.cashGamma,
      vegaPerPoint: r.vegaPerPoint,
      thetaPerDay: r.thetaPerDay,
      standalone: finiteOrNull(m?.standalone),
      incremental: finiteOrNull(m?.incremental),
      component: finiteOrNull(m?.component),
    };
  });
  const components = collateralComponents(margin.positions, book);
  const collateral = margin.account.collateral.map((c): CollateralRiskRow => ({ ...c, component: components.get(c.asset) ?? null }));
  const { valueUsd, cashDelta, cashGamma, vegaPerPoint, thetaPerDay } = report.bookUsd;
  return {
    portfolio: book.name,
    valuationTime: market.valuationTime,
    model: margin.model,
    initialMargin: margin.initialMargin,
    maintenanceMargin: margin.maintenanceMargin,
    positions,
    collateral,
    totals: { valueUsd, cashDelta, cashGamma, vegaPerPoint, thetaPerDay },
    warnings: report.warnings,
  };
}

/** Value and greeks of the trades, one line per symbol (a trade repeated in the list is summed). */
function tradeGreeks(trades: Position[], market: MarketState): TradeRisk[] {
  const bySymbol = applyTrades({ name: 'trades', positions: [], collateral: {} }, trades).positions;
  return riskReport(bySymbol, market).positions.map((r) => ({
    symbol: r.symbol,
    underlying: r.underlying,
    quantity: r.quantity,
    expiry: r.expiry ?? null,
    mark: r.mark,
    valueUsd: r.valueUsd,
    delta: r.delta,
    cashDelta: r.cashDelta,
    cashGamma: r.cashGamma,
    vegaPerPoint: r.vegaPerPoint,
    thetaPerDay: r.thetaPerDay,
  }));
}

/** What-if needs neither attribution nor the liquidation search. */
const WHAT_IF_CONFIG: MarginConfig = { ...defaultMarginConfig(), attribution: false, liquidation: false };

/** The last prepared grid, so a burst of what-ifs while the user types prices the book once. */
let preparedGrid: { key: string; state: GridState } | undefined;

export function whatIf(db: Db, portfolio: string, spec: MarginModelSpec, trades: Trade[]): WhatIfMargin {
  const start = performance.now();
  const { book, edited, trades: positions, market } = storedBook(db, portfolio, trades);
  const tradeRisk = tradeGreeks(positions, market);
  if (spec.kind === 'grid') {
    const preset = presetOfSpec(spec);
    if (preset.kind !== 'grid') throw new Error(`preset ${spec.preset} is not a grid preset`);
    const key = JSON.stringify([spec, book, market]);
    if (preparedGrid?.key !== key) preparedGrid = { key, state: prepareGrid(preset, book, market, WHAT_IF_CONFIG) };
    const r = gridWhatIf(preparedGrid.state, positions);
    return { model: preset.name, ...r, method: 'incremental', millis: performance.now() - start, trades: tradeRisk };
  }
  const before = marginModelOfSpec(db, book, spec).compute(book, market, WHAT_IF_CONFIG);
  const after = marginModelOfSpec(db, edited, spec).compute(edited, market, WHAT_IF_CONFIG);
  return {
    model: before.model,
    initialBefore: before.initialMargin,
    initialAfter: after.initialMargin,
    initialChange: after.initialMargin - before.initialMargin,
    maintenanceBefore: before.maintenanceMargin,
    maintenanceAfter: after.maintenanceMargin,
    maintenanceChange: after.maintenanceMargin - before.maintenanceMargin,
    method: 'full',
    millis: performance.now() - start,
    trades: tradeRisk,
  };
}

export function marginReport(portfolio: string, market: MarketState, result: MarginResult): MarginReport {
  const { account } = result;
  return {
    portfolio,
    model: result.model,
    valuationTime: market.valuationTime,
    initialMargin: result.initialMargin,
    maintenanceMargin: result.maintenanceMargin,
    components: result.components.map((c) => ({ name: c.name, amount: c.amount, description: c.description, group: c.group ?? null })),
    account: {
      collateral: account.collateral,
      collateralValue: account.collateralValue,
      positionsValue: account.positionsValue,
      equity: account.equity,
      availableFunds: account.availableFunds,
      excess: account.excess,
      marginRatio: finiteOrNull(account.marginRatio),
      liquidation: account.liquidation ?? null,
    },
    conventions: result.conventions,
  };
}

const comparePayload = z.object({ portfolio: z.string().min(1), var: varModelParametersSchema.optional() });

export const riskJobs = {
  'risk.book': defineJob(bookPayload, (payload, ctx) => bookRisk(ctx.db, payload.portfolio, payload.model, (f, stage) => ctx.progress(f, stage))),
  'risk.whatIf': defineJob(bookPayload.extend({ trades: z.array(tradeSchema).min(1) }), (payload, ctx) =>
    whatIf(ctx.db, payload.portfolio, payload.model, payload.trades),
  ),
  'risk.margin': defineJob(bookPayload, (payload, ctx) => {
    const { book, market } = storedBook(ctx.db, payload.portfolio);
    return marginReport(book.name, market, computeSpecMargin(ctx.db, book, market, payload.model, { ...defaultMarginConfig(), attribution: false }));
  }),
  'risk.compare': defineJob(comparePayload, async (payload, ctx): Promise<MarginComparisonResult> => {
    const { book, market } = storedBook(ctx.db, payload.portfolio);
    const specs = comparisonSpecs(payload.var);
    const config: MarginConfig = { ...defaultMarginConfig(), attribution: false, liquidation: false };
    const results: MarginResult[] = [];
    for (const [i, spec] of specs.entries()) {
      ctx.progress(i / specs.length, isPresetSpec(spec) ? spec.preset : `${spec.kind} model`);
      await ctx.checkpoint();
      results.push(computeSpecMargin(ctx.db, book, market, spec, config));
    }
    const { headline, models } = summariseComparison(results);
    return { portfolio: book.name, headline, models: models.map(({ timings: _timings, ...m }, i) => ({ ...m, spec: specs[i] })) };
  }),
};
