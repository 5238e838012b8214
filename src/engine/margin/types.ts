import type { Instrument } from '../instrument';
import type { Book, MarketState, Position } from '../market';
import * as engineKernel from '../kernel';
import type { RevaluationOptions, RevaluationResult, ScenarioBatch } from '../scenario';
import type { MarketContext } from '../valuation';

/**
 * The common margin-model interface. Every model (standard, scenario grid, and the VaR/ES models under ./var)
 * turns a book and a market into one MarginResult; `computeMargin` is the single entry point callers use.
 * Amounts are USD. A model that can price candidate trades faster than a full recomputation implements `prepare`,
 * whose state answers what-if questions incrementally (see whatIf.ts).
 */

/** The revaluation kernel as margin models use it (src/engine/kernel.ts satisfies it structurally). */
export interface RevaluationKernel<Compiled = unknown> {
  compileBook(positions: Position[], market: MarketState | MarketContext): Compiled;
  revalue(compiled: Compiled, batch: ScenarioBatch, options?: RevaluationOptions): RevaluationResult;
}

/** Current values the standard model and the equity need (supplied by the valuation module). */
export interface PositionValuation {
  /** USD value of one unit of quantity of an option now (its mark premium). */
  optionMark(instrument: Instrument, market: MarketState): number;
  /** USD amount the position adds to equity now: option premium value, or a future's unrealised P&L. */
  positionValue(position: Position, market: MarketState): number;
}

export interface CollateralAssetConfig {
  /** Fraction of the market value not counted as collateral (0.02 = 2%). */
  haircut: number;
}

export interface CollateralConfig {
  /** Per-asset haircuts; assets not listed use `defaultHaircut`. */
  assets: Record<string, CollateralAssetConfig>;
  defaultHaircut: number;
  /** Include each coin collateral's value change in the scenario P&L of the risk group of the same underlying. */
  moveWithScenario: boolean;
}

/** SPAN-style inter-commodity spread credit between two risk groups (see docs/methodology/collateral.md). */
export interface InterGroupCredit {
  groups: [string, string];
  /** Correlation of the two underlyings' returns; the credit rate is creditFactor x max(0, correlation). */
  correlation: number;
  creditFactor: number;
}

export interface MarginConfig {
  valuation: PositionValuation;
  /** Kernel for the grid model and the distance-to-liquidation search (default: src/engine/kernel.ts). */
  kernel?: RevaluationKernel;
  collateral?: CollateralConfig;
  interGroupCredits?: InterGroupCredit[];
  /** Per-position standalone/incremental/component margins (default true). */
  attribution?: boolean;
  /** Search the uniform spot move at which equity falls to maintenance (default true). */
  liquidation?: boolean;
}

export interface MarginComponent {
  name: string;
  /** USD; components of one result sum to its initial margin. */
  amount: number;
  description: string;
  /** Risk group (underlying) the line belongs to, if any. */
  group?: string;
}

export interface ScenarioOutcome {
  group: string;
  table: string;
  label: string;
  /** Relative spot move (+0.1 = +10%). */
  spotMove: number;
  volShift: number;
  /** Fraction of the loss counted (1 for ordinary scenarios, e.g. 0.35 for SPAN's extreme moves). */
  weight: number;
  /** Group P&L (USD) including collateral when configured. */
  pnl: number;
  /** weight x max(0, loss - dampener): what the scan compares. */
  countedLoss: number;
}

export interface PositionMargin {
  symbol: string;
  group: string;
  /** Margin of the position alone. */
  standalone: number;
  /** Margin of the book minus margin of the book without the position. */
  incremental: number;
  /** Share of the total; components over all positions (and collateral rows) sum to the initial margin. */
  component: number;
}

export interface CollateralLine {
  asset: string;
  amount: number;
  price: number;
  haircut: number;
  /** amount x price x (1 - haircut). */
  value: number;
}

export interface LiquidationSide {
  /** Uniform relative spot move of every underlying at which equity falls to maintenance (-0.25 = -25%). */
  spotMove: number;
  pnl: number;
}

export interface AccountSummary {
  collateral: CollateralLine[];
  collateralValue: number;
  positionsValue: number;
  /** collateralValue + positionsValue. */
  equity: number;
  /** equity - initial margin (funds available for new positions). */
  availableFunds: number;
  /** equity - maintenance margin. */
  excess: number;
  /** maintenance margin / equity (liquidation at 1); Infinity when equity <= 0. */
  marginRatio: number;
  liquidation?: { down: LiquidationSide | null; up: LiquidationSide | null; method: string };
}

export interface MarginResult {
  model: string;
  initialMargin: number;
  maintenanceMargin: number;
  components: MarginComponent[];
  scenarios: ScenarioOutcome[];
  positions: PositionMargin[];
  account: AccountSummary;
  conventions: string[];
  /** Wall time (ms) per stage. */
  timings: Record<string, number>;
}

export interface MarginModel {
  /** Preset or model name, e.g. 'span-16'. */
  name: string;
  compute(book: Book, market: MarketState, config: MarginConfig): MarginResult;
  /**
   * The initial margin alone, equal to compute(...).initialMargin, without the report (components, scenario list,
   * attribution, account summary): what backtests and calibration evaluate on every date. Optional.
   */
  initialMargin?(book: Book, market: MarketState, config: MarginConfig): number;
}

export function kernelOf(config: MarginConfig): RevaluationKernel {
  return config.kernel ?? engineKernel;
}

export function computeMargin(model: MarginModel, book: Book, market: MarketState, config: MarginConfig): MarginResult {
  return model.compute(book, market, config);
}

/** The initial margin of `book` under `model`: the model's report-free path when it has one. */
export function computeInitialMargin(model: MarginModel, book: Book, market: MarketState, config: MarginConfig): number {
  return model.initialMargin ? model.initialMargin(book, market, config) : model.compute(book, market, config).initialMargin;
}

/** Milliseconds since an arbitrary origin (performance.now exists in Node and browsers). */
export function now(): number {
  return performance.now();
}
