import type { Book, MarketState } from '../../engine/market';
import type { MarginResult, PositionMargin, ScenarioOutcome } from '../../engine/margin/types';
import { riskReport } from '../../engine/risk';
import type { StressOutcome } from '../../engine/stress/report';
import type { PositionRisk } from '../../engine/valuation';
import { stressResultsTable } from './stressReport';
import { SYNTHETIC_NOTE, type CellValue, type ReportModel, type ReportTable, type SummaryFigure } from './reportModel';

/**
 * Report of one margin run: the summary totals of the account, a positions table joining the risk report (value and
 * greeks) with the model's margin attribution, and for scenario-grid models the price-move x vol-shock P&L matrix.
 */
export interface MarginReportInput {
  book: Book;
  market: MarketState;
  result: MarginResult;
  /** 'grid' adds the scenario grid sheet. */
  modelKind: 'standard' | 'grid' | 'var' | 'es';
  parameters: Record<string, string | number>;
  generatedAt: number;
  synthetic: boolean;
  /** Stress outcomes against this result's maintenance margin: adds the stress results sheet. */
  stress?: StressOutcome[];
}

export const MARGIN_REPORT_CONVENTIONS = [
  'Amounts in USD (USDC and USDT count as USD); coin columns are in the underlying coin.',
  'Quantities follow Deribit: inverse perpetuals and futures in USD contracts, options in coin, linear contracts in coin.',
  'Mark (coin) is the coin premium of inverse options; Mark (USD) is the USD price of one unit.',
  'Cash delta = delta x spot (USD); cash gamma = USD change in cash delta for a 1% spot move; vega per vol point; theta per calendar day.',
  'Margin attribution: standalone = margin of the position alone; incremental = margin of the book minus margin without it; component = share of the initial margin (components sum to it).',
  'Excess = equity - maintenance margin; margin ratio = maintenance margin / equity (liquidation at 100%).',
  'Distance to liquidation: uniform spot move of every underlying at which equity falls to the maintenance margin.',
];

/** A number Excel can hold, or null (Infinity and NaN become empty cells). */
export function finiteOrNull(x: number | null | undefined): number | null {
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
}

export function marginSummaryFigures(result: MarginResult): SummaryFigure[] {
  const { account } = result;
  const liquidation = account.liquidation;
  return [
    { label: 'Initial margin (USD)', value: result.initialMargin, format: 'usd' },
    { label: 'Maintenance margin (USD)', value: result.maintenanceMargin, format: 'usd' },
    { label: 'Collateral value (USD)', value: account.collateralValue, format: 'usd' },
    { label: 'Positions value (USD)', value: account.positionsValue, format: 'usd' },
    { label: 'Equity (USD)', value: account.equity, format: 'usd' },
    { label: 'Available funds (USD)', value: account.availableFunds, format: 'usd' },
    { label: 'Excess over maintenance (USD)', value: account.excess, format: 'usd' },
    { label: 'Margin ratio', value: Number.isFinite(account.marginRatio) ? account.marginRatio : 'n/a (equity <= 0)', format: 'percent' },
    { label: 'Distance to liquidation, spot down', value: liquidation ? (liquidation.down?.spotMove ?? 'none found') : 'not computed', format: 'percent' },
    { label: 'Distance to liquidation, spot up', value: liquidation ? (liquidation.up?.spotMove ?? 'none found') : 'not computed', format: 'percent' },
  ];
}

const POSITION_COLUMNS: ReportTable['columns'] = [
  { key: 'instrument', header: 'Instrument', format: 'text' },
  { key: 'underlying', header: 'Underlying', format: 'text' },
  { key: 'settlement', header: 'Settlement', format: 'text' },
  { key: 'quantity', header: 'Quantity', format: 'number' },
  { key: 'markUsd', header: 'Mark (USD)', format: 'usd' },
  { key: 'markCoin', header: 'Mark (coin)', format: 'coin' },
  { key: 'valueUsd', header: 'Value (USD)', format: 'usd' },
  { key: 'valueCoin', header: 'Value (coin)', format: 'coin' },
  { key: 'cashDelta', header: 'Cash delta (USD)', format: 'usd' },
  { key: 'gamma', header: 'Gamma (coin per USD)', format: 'number' },
  { key: 'cashGamma', header: 'Cash gamma (USD per 1%)', format: 'usd' },
  { key: 'vegaPerPoint', header: 'Vega (USD per vol point)', format: 'usd' },
  { key: 'thetaPerDay', header: 'Theta (USD per day)', format: 'usd' },
  { key: 'standalone', header: 'Standalone margin (USD)', format: 'usd' },
  { key: 'incremental', header: 'Incremental margin (USD)', format: 'usd' },
  { key: 'component', header: 'Component margin (USD)', format: 'usd' },
];

function attributionCells(m: PositionMargin | undefined): Record<string, CellValue> {
  return { standalone: finiteOrNull(m?.standalone), incremental: finiteOrNull(m?.incremental), component: finiteOrNull(m?.component) };
}

function riskCells(r: PositionRisk, isInverseOption: boolean): Record<string, CellValue> {
  return {
    instrument: r.symbol,
    underlying: r.underlying,
    settlement: r.settlement,
    quantity: r.quantity,
    // Inverse options are quoted in coin per unit; their USD price is the USD value per unit.
    markUsd: isInverseOption ? r.mark * r.forward : r.mark,
    markCoin: isInverseOption ? r.mark : null,
    valueUsd: r.valueUsd,
    valueCoin: finiteOrNull(r.valueCoin),
    cashDelta: r.cashDelta,
    gamma: r.gamma,
    cashGamma: r.cashGamma,
    vegaPerPoint: r.vegaPerPoint,
    thetaPerDay: r.thetaPerDay,
  };
}

/**
 * One row per book position (risk + attribution, matched by symbol in book order), then one row per attribution
 * line with no position (coin collateral rows of the VaR models).
 */
export function positionsTable(book: Book, market: MarketState, margins: PositionMargin[]): ReportTable {
  const risk = riskReport(book.positions, market).positions;
  const unmatched = [...margins];
  const take = (symbol: string) => {
    const i = unmatched.findIndex((m) => m.symbol === symbol);
    return i < 0 ? undefined : unmatched.splice(i, 1)[0];
  };
  const rows = risk.map((r, i) => {
    const instrument = book.positions[i].instrument;
    return { ...riskCells(r, instrument.kind === 'option' && instrument.settlement === 'inverse'), ...attributionCells(take(r.symbol)) };
  });
  for (const m of unmatched) rows.push({ instrument: m.symbol, underlying: m.group, ...attributionCells(m) });
  return { columns: POSITION_COLUMNS, rows };
}

/**
 * Price move x vol shock P&L matrix of a grid model: one row per (group, table, spot move, weight), one column per
 * vol shift. A cell two scenarios share keeps the worse P&L.
 */
export function scenarioGridTable(scenarios: ScenarioOutcome[]): ReportTable {
  const vols = [...new Set(scenarios.map((s) => s.volShift))].sort((a, b) => a - b);
  const volKey = (v: number) => `vol ${v}`;
  const rows = new Map<string, Record<string, CellValue>>();
  for (const s of scenarios) {
    const key = `${s.group}\u0000${s.table}\u0000${s.spotMove}\u0000${s.weight}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { group: s.group, table: s.table, spotMove: s.spotMove, weight: s.weight }));
    const previous = row[volKey(s.volShift)];
    row[volKey(s.volShift)] = typeof previous === 'number' ? Math.min(previous, s.pnl) : s.pnl;
  }
  const sorted = [...rows.values()].sort(
    (a, b) => String(a.group).localeCompare(String(b.group)) || String(a.table).localeCompare(String(b.table)) || Number(a.weight) - Number(b.weight) || Number(a.spotMove) - Number(b.spotMove),
  );
  return {
    columns: [
      { key: 'group', header: 'Underlying', format: 'text' },
      { key: 'table', header: 'Table', format: 'text' },
      { key: 'spotMove', header: 'Price move', format: 'percent' },
      { key: 'weight', header: 'Loss weight', format: 'number' },
      ...vols.map((v) => ({ key: volKey(v), header: `P&L, vol shift ${v > 0 ? '+' : ''}${v} (USD)`, format: 'usd' as const })),
    ],
    rows: sorted.map((r) => Object.fromEntries([...Object.entries(r), ...vols.filter((v) => !(volKey(v) in r)).map((v) => [volKey(v), null])])),
  };
}

export function marginReport(input: MarginReportInput): ReportModel {
  const { book, market, result } = input;
  const model: ReportModel = {
    summary: {
      title: `Margin report: ${book.name}`,
      book: book.name,
      model: result.model,
      parameters: input.parameters,
      valuationTime: market.valuationTime,
      generatedAt: input.generatedAt,
      figures: marginSummaryFigures(result),
      notes: [...(input.synthetic ? [SYNTHETIC_NOTE] : []), ...MARGIN_REPORT_CONVENTIONS, ...result.conventions],
      synthetic: input.synthetic,
    },
    tables: { positions: positionsTable(book, market, result.positions) },
  };
  if (input.modelKind === 'grid' && result.scenarios.length > 0) model.tables.scenarioGrid = scenarioGridTable(result.scenarios);
  if (input.stress) model.tables.stress = stressResultsTable(input.stress);
  return model;
}
