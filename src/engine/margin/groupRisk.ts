import type { Instrument } from '../instrument';
import type { MarketState, Position } from '../market';
import type { RevaluationOptions, ScenarioBatch } from '../scenario';
import { MS_PER_YEAR } from '../time';
import type { MarketContext } from '../valuation';
import { expandScenarios, tableBatch, type GridScenario } from './gridScenarios';
import type { GridGroupParams, GridPreset, GridTable } from './presets/schema';
import type { MarginComponent, RevaluationKernel } from './types';

/**
 * One risk group (all positions on one underlying) prepared for the grid model: per row (aggregated instrument
 * position, or the group's coin collateral) the P&L in every scenario of every table, from ONE kernel run per table
 * with perInstrument P&L, plus finite-difference dollar deltas. Because P&L is linear in quantity, the margin of any
 * re-weighting of the rows (drop one: incremental margin; one alone: standalone; add candidate rows: what-if) is
 * computed from these vectors without pricing again (GroupAggregate).
 */
export interface GroupRow {
  symbol: string;
  /** Undefined for the collateral row. */
  instrument?: Instrument;
  quantity: number;
  /** USD P&L for a +1% spot move x 100 (S dV/dS), central difference on the kernel. */
  dollarDelta: number;
  /** Years to expiry (0 for spot, perpetuals, collateral). */
  years: number;
  /** pnl[t][s]: USD P&L of the row in scenario s of table t. */
  pnl: Float64Array[];
}

export interface PreparedTable {
  table: GridTable;
  scenarios: GridScenario[];
}

export interface GroupRisk {
  underlying: string;
  spot: number;
  params: GridGroupParams;
  tables: PreparedTable[];
  rows: GroupRow[];
}

function revaluationOptions(preset: GridPreset): RevaluationOptions {
  const options: RevaluationOptions = { perInstrument: true, volDynamics: preset.volDynamics };
  if (preset.volTermScaling) options.volTermScaling = preset.volTermScaling;
  return options;
}

/** Rows for positions of one underlying: aggregated per symbol, priced through the kernel. */
export function priceRows(
  underlying: string,
  positions: Position[],
  tables: PreparedTable[],
  preset: GridPreset,
  market: MarketState,
  context: MarketContext,
  kernel: RevaluationKernel,
): GroupRow[] {
  const bySymbol = new Map<string, Position>();
  for (const p of positions) {
    if (p.instrument.underlying !== underlying) throw new RangeError(`grid margin: ${p.instrument.symbol} is not on ${underlying}`);
    const agg = bySymbol.get(p.instrument.symbol);
    bySymbol.set(p.instrument.symbol, { instrument: p.instrument, quantity: (agg?.quantity ?? 0) + p.quantity });
  }
  if (bySymbol.size === 0) return [];
  const aggregated = [...bySymbol.values()];
  const compiled = kernel.compileBook(aggregated, context);
  const options = revaluationOptions(preset);
  const results = tables.map((t) => kernel.revalue(compiled, preparedBatch(underlying, t, preset.volShiftMode), options));
  const h = preset.deltaBump;
  const bump = kernel.revalue(
    compiled,
    { count: 2, underlyings: [underlying], spotMultiplier: Float64Array.of(1 + h, 1 - h), volShift: new Float64Array(2), volShiftMode: preset.volShiftMode },
    { perInstrument: true, volDynamics: preset.volDynamics },
  );
  // Row of each symbol in the kernel's output (one lookup table per distinct instrument list, not a linear search
  // per row and table, which made pricing a large group quadratic).
  const indexes = new Map<string[], Map<string, number>>();
  const row = (symbol: string, res: { instruments: string[] }) => {
    let index = indexes.get(res.instruments);
    if (!index) indexes.set(res.instruments, (index = new Map(res.instruments.map((s, i) => [s, i]))));
    const i = index.get(symbol);
    if (i === undefined) throw new Error(`grid margin: kernel returned no P&L row for ${symbol}`);
    return i;
  };
  return aggregated.map((p) => {
    const symbol = p.instrument.symbol;
    const pnl = results.map((res, t) => {
      const S = tables[t].scenarios.length;
      const i = row(symbol, res);
      return res.perInstrument!.slice(i * S, (i + 1) * S);
    });
    const b = row(symbol, bump);
    const dollarDelta = (bump.perInstrument![b * 2] - bump.perInstrument![b * 2 + 1]) / (2 * h);
    const years = p.instrument.expiry === undefined ? 0 : Math.max(0, (p.instrument.expiry - market.valuationTime) / MS_PER_YEAR);
    return { symbol, instrument: p.instrument, quantity: p.quantity, dollarDelta, years, pnl };
  });
}

/** The group's coin collateral as a row: amount x S x spotMove in every scenario (wrong-way risk of coin margin). */
export function collateralRow(underlying: string, amount: number, spot: number, tables: PreparedTable[]): GroupRow {
  const value = amount * spot;
  return {
    symbol: `collateral:${underlying}`,
    quantity: amount,
    dollarDelta: value,
    years: 0,
    pnl: tables.map((t) => Float64Array.from(t.scenarios, (sc) => value * sc.spotMove)),
  };
}

/**
 * Expanded tables of a group's parameters, built once per parameter object (presets are parsed once and never
 * modified): a backtest asks for them on every date. Callers must not modify the result.
 */
const preparedTables = new WeakMap<GridGroupParams, PreparedTable[]>();

export function prepareTables(params: GridGroupParams): PreparedTable[] {
  let tables = preparedTables.get(params);
  if (!tables) {
    tables = params.tables.map((table) => ({ table, scenarios: expandScenarios(table.scenarios) }));
    preparedTables.set(params, tables);
  }
  return tables;
}

/** The kernel batch of a prepared table for one underlying, built once (the kernel also caches its log-moves). */
const tableBatches = new WeakMap<PreparedTable, Map<string, ScenarioBatch>>();

function preparedBatch(underlying: string, t: PreparedTable, volShiftMode: 'absolute' | 'relative'): ScenarioBatch {
  let byKey = tableBatches.get(t);
  if (!byKey) tableBatches.set(t, (byKey = new Map()));
  const key = `${underlying}|${volShiftMode}`;
  let batch = byKey.get(key);
  if (!batch) byKey.set(key, (batch = tableBatch(underlying, t.table, t.scenarios, volShiftMode)));
  return batch;
}

/**
 * Everything the margin of a group depends on, as plain sums: the scenario P&L per table and the add-on inputs.
 * GroupAggregate produces them for a weighting of the rows; attribution produces them for "the book without one
 * row" in O(1) per row without copying the aggregate.
 */
export interface MarginInputs {
  pnl: Float64Array[];
  netDollarDelta: number;
  /** sum_i dollarDelta_i x years_i (positions only). */
  termDelta: number;
  /** Sum over expiry|strike of the net short option quantity (coin): sum of max(0, -net quantity). */
  netShortOptions: number;
  /** Sum over expiries of the positive / negative (as a positive number) net futures dollar delta. */
  futuresLong: number;
  futuresShort: number;
}

const shortPart = (q: number) => (q < 0 ? -q : 0);
const optionKey = (ins: Instrument) => `${ins.expiry}|${ins.strike}`;
const futureKey = (ins: Instrument) => ins.expiry ?? 0;

/** Sums over a weighting of the rows: everything the margin of the group depends on. */
export class GroupAggregate {
  readonly pnl: Float64Array[];
  netDollarDelta = 0;
  /** sum_i dollarDelta_i x years_i (positions only). */
  termDelta = 0;
  /** Net option quantity (coin) per expiry|strike. */
  readonly optionsByStrike = new Map<string, number>();
  /** Net dollar delta of futures and perpetuals per expiry (0 for perpetuals). */
  readonly futuresByExpiry = new Map<number, number>();

  constructor(tables: PreparedTable[], from?: GroupAggregate) {
    this.pnl = from ? from.pnl.map((p) => p.slice()) : tables.map((t) => new Float64Array(t.scenarios.length));
    if (from) {
      this.netDollarDelta = from.netDollarDelta;
      this.termDelta = from.termDelta;
      for (const [k, v] of from.optionsByStrike) this.optionsByStrike.set(k, v);
      for (const [k, v] of from.futuresByExpiry) this.futuresByExpiry.set(k, v);
    }
  }

  clone(tables: PreparedTable[]): GroupAggregate {
    return new GroupAggregate(tables, this);
  }

  /** Adds lambda x the row (lambda = -1 removes it). */
  add(row: GroupRow, lambda: number): this {
    for (let t = 0; t < this.pnl.length; t++) {
      const acc = this.pnl[t];
      const r = row.pnl[t];
      for (let s = 0; s < acc.length; s++) acc[s] += lambda * r[s];
    }
    const ins = row.instrument;
    if (!ins) return this;
    this.netDollarDelta += lambda * row.dollarDelta;
    this.termDelta += lambda * row.dollarDelta * row.years;
    if (ins.kind === 'option') {
      const key = optionKey(ins);
      this.optionsByStrike.set(key, (this.optionsByStrike.get(key) ?? 0) + lambda * row.quantity * ins.multiplier);
    } else if (ins.kind === 'future' || ins.kind === 'perpetual') {
      const key = futureKey(ins);
      this.futuresByExpiry.set(key, (this.futuresByExpiry.get(key) ?? 0) + lambda * row.dollarDelta);
    }
    return this;
  }

  /** The margin inputs of this weighting (sums over the per-strike and per-expiry maps, in insertion order). */
  inputs(): MarginInputs {
    let netShortOptions = 0;
    for (const q of this.optionsByStrike.values()) netShortOptions += shortPart(q);
    let futuresLong = 0;
    let futuresShort = 0;
    for (const d of this.futuresByExpiry.values()) {
      if (d > 0) futuresLong += d;
      else futuresShort -= d;
    }
    return { pnl: this.pnl, netDollarDelta: this.netDollarDelta, termDelta: this.termDelta, netShortOptions, futuresLong, futuresShort };
  }

  /**
   * Inputs of this weighting with `row` removed (lambda -1), given `base` = this.inputs(), writing the P&L into
   * `scratch` (same shape as pnl). P&L and deltas are exactly those of clone().add(row, -1); the per-strike and
   * per-expiry sums are updated for the one key the row touches (base - old term + new term), so they can differ
   * from a re-summation in the last bits (tested to 1e-9 relative).
   */
  inputsWithout(row: GroupRow, base: MarginInputs, scratch: Float64Array[]): MarginInputs {
    for (let t = 0; t < this.pnl.length; t++) {
      const acc = this.pnl[t];
      const r = row.pnl[t];
      const out = scratch[t];
      for (let s = 0; s < acc.length; s++) out[s] = acc[s] + -1 * r[s];
    }
    const ins = row.instrument;
    const inputs: MarginInputs = {
      pnl: scratch,
      netDollarDelta: base.netDollarDelta,
      termDelta: base.termDelta,
      netShortOptions: base.netShortOptions,
      futuresLong: base.futuresLong,
      futuresShort: base.futuresShort,
    };
    if (!ins) return inputs;
    inputs.netDollarDelta = this.netDollarDelta + -1 * row.dollarDelta;
    inputs.termDelta = this.termDelta + -1 * row.dollarDelta * row.years;
    if (ins.kind === 'option') {
      const before = this.optionsByStrike.get(optionKey(ins)) ?? 0;
      const after = before + -1 * row.quantity * ins.multiplier;
      inputs.netShortOptions = base.netShortOptions - shortPart(before) + shortPart(after);
    } else if (ins.kind === 'future' || ins.kind === 'perpetual') {
      const before = this.futuresByExpiry.get(futureKey(ins)) ?? 0;
      const after = before + -1 * row.dollarDelta;
      inputs.futuresLong = base.futuresLong - Math.max(before, 0) + Math.max(after, 0);
      inputs.futuresShort = base.futuresShort - shortPart(before) + shortPart(after);
    }
    return inputs;
  }
}

/** Inputs of one row alone (equal to aggregateOf(risk, [row]).inputs(), without building an aggregate). */
export function rowInputs(row: GroupRow): MarginInputs {
  const inputs: MarginInputs = { pnl: row.pnl, netDollarDelta: 0, termDelta: 0, netShortOptions: 0, futuresLong: 0, futuresShort: 0 };
  const ins = row.instrument;
  if (!ins) return inputs;
  inputs.netDollarDelta = row.dollarDelta;
  inputs.termDelta = row.dollarDelta * row.years;
  if (ins.kind === 'option') inputs.netShortOptions = shortPart(row.quantity * ins.multiplier);
  else if (ins.kind === 'future' || ins.kind === 'perpetual') {
    inputs.futuresLong = Math.max(row.dollarDelta, 0);
    inputs.futuresShort = shortPart(row.dollarDelta);
  }
  return inputs;
}

export function aggregateOf(risk: GroupRisk, rows: GroupRow[] = risk.rows): GroupAggregate {
  const agg = new GroupAggregate(risk.tables);
  for (const r of rows) agg.add(r, 1);
  return agg;
}

export interface WorstScenario {
  table: number;
  scenario: number;
  countedLoss: number;
}

export interface GroupMargin {
  initial: number;
  maintenance: number;
  /** The scan's worst scenario (null when no scan scenario loses). */
  worst: WorstScenario | null;
  lines: MarginComponent[];
}

/** weight x max(0, loss - dampener). */
export function countedLoss(pnl: number, sc: GridScenario): number {
  return sc.weight * Math.max(0, -pnl - sc.dampener);
}

/** The amounts behind a group's margin (no report text): what attribution evaluates once per row. */
export interface GroupMarginAmounts {
  initial: number;
  maintenance: number;
  worst: WorstScenario | null;
  /** Worst scenario of each table (null where no scenario loses). */
  tableWorst: (WorstScenario | null)[];
  scan: number;
  /** Scan risk, or the short option minimum when it is a floor above the scan. */
  core: number;
  /** Sum of the 'add' tables' worst counted losses. */
  addTables: number;
  shortOptionMinimum?: number;
  deltaShock?: number;
  roll?: number;
  liquidity?: { amount: number; ratio: number };
  riskMargin: number;
}

/** The group's margin amounts from its inputs: scan risk, 'add' tables and add-ons (formulas in grid-margin.md). */
export function groupMarginAmounts(risk: GroupRisk, inputs: MarginInputs): GroupMarginAmounts {
  const { params, underlying: g, spot } = risk;
  let worst: WorstScenario | null = null;
  let addTables = 0;
  const tableWorst: (WorstScenario | null)[] = [];
  for (let ti = 0; ti < risk.tables.length; ti++) {
    const t = risk.tables[ti];
    const pnl = inputs.pnl[ti];
    let best = 0;
    let at = -1;
    for (let s = 0; s < pnl.length; s++) {
      const c = countedLoss(pnl[s], t.scenarios[s]);
      if (c > best) {
        best = c;
        at = s;
      }
    }
    const w = at < 0 ? null : { table: ti, scenario: at, countedLoss: best };
    tableWorst.push(w);
    if (t.table.combine === 'scan') {
      if (w && w.countedLoss > (worst?.countedLoss ?? 0)) worst = w;
    } else addTables += w?.countedLoss ?? 0;
  }
  const scan = worst?.countedLoss ?? 0;
  const a = params.addOns;
  const out: GroupMarginAmounts = { initial: 0, maintenance: 0, worst, tableWorst, scan, core: scan, addTables, riskMargin: 0 };
  // Add-ons other than a short option floor, summed in this order (the report lists them in the same order).
  let extra = 0;
  if (a.shortOptionMinimum) {
    const som = a.shortOptionMinimum.perCoin * spot * inputs.netShortOptions;
    out.shortOptionMinimum = som;
    if (a.shortOptionMinimum.mode === 'floor') {
      if (som > scan) out.core = som;
    } else extra += som;
  }
  if (a.deltaShock) {
    out.deltaShock = a.deltaShock.fraction * Math.abs(inputs.netDollarDelta);
    extra += out.deltaShock;
  }
  if (a.roll) {
    out.roll = a.roll.kind === 'offsetting' ? a.roll.rate * Math.min(inputs.futuresLong, inputs.futuresShort) : a.roll.annualMove * Math.abs(inputs.termDelta);
    extra += out.roll;
  }
  if (a.liquidity) {
    const adv = a.liquidity.liquidityCoin[g];
    if (adv !== undefined) {
      const d = Math.abs(inputs.netDollarDelta);
      const ratio = d / spot / adv;
      out.liquidity = { amount: a.liquidity.coefficient * d * ratio ** a.liquidity.power, ratio };
      extra += out.liquidity.amount;
    }
  }
  out.riskMargin = out.core + addTables + extra;
  out.initial = params.initialFactor * out.riskMargin;
  out.maintenance = params.maintenanceFactor * out.riskMargin;
  return out;
}

/** The group's margin from an aggregate, with one report line per scan, 'add' table and add-on. */
export function groupMargin(risk: GroupRisk, agg: GroupAggregate): GroupMargin {
  const { params, underlying: g } = risk;
  const inputs = agg.inputs();
  const m = groupMarginAmounts(risk, inputs);
  const lines: MarginComponent[] = [];
  const w = m.worst;
  const scanLabel = w ? `${risk.tables[w.table].table.name}: ${risk.tables[w.table].scenarios[w.scenario].label}` : 'no scenario loses';
  let scanLine: MarginComponent = { name: 'scan risk', amount: m.scan, description: `worst counted loss over the scan tables (${scanLabel})`, group: g };
  risk.tables.forEach((t, ti) => {
    if (t.table.combine === 'scan') return;
    const tw = m.tableWorst[ti];
    const at = tw ? `worst: ${t.scenarios[tw.scenario].label}` : 'no loss';
    lines.push({ name: t.table.name, amount: tw?.countedLoss ?? 0, description: `${t.table.description} (${at})`, group: g });
  });
  const a = params.addOns;
  const extra: MarginComponent[] = [];
  if (a.shortOptionMinimum && m.shortOptionMinimum !== undefined) {
    const som = m.shortOptionMinimum;
    const desc = `${a.shortOptionMinimum.perCoin} x spot x ${inputs.netShortOptions.toFixed(4)} coin of net short options per strike`;
    if (a.shortOptionMinimum.mode === 'floor') {
      if (som > m.scan) {
        scanLine = { name: a.shortOptionMinimum.name, amount: som, description: `${desc}; exceeds the scan risk ${m.scan.toFixed(2)} (${scanLabel})`, group: g };
      }
    } else extra.push({ name: a.shortOptionMinimum.name, amount: som, description: desc, group: g });
  }
  if (a.deltaShock && m.deltaShock !== undefined) {
    extra.push({ name: a.deltaShock.name, amount: m.deltaShock, description: `${a.deltaShock.fraction} x |net dollar delta ${inputs.netDollarDelta.toFixed(2)}|`, group: g });
  }
  if (a.roll && m.roll !== undefined) {
    const description =
      a.roll.kind === 'offsetting'
        ? `${a.roll.rate} x min(long ${inputs.futuresLong.toFixed(2)}, short ${inputs.futuresShort.toFixed(2)}) futures dollar delta across expiries`
        : `${a.roll.annualMove} x |sum dollar delta x years to expiry| = ${Math.abs(inputs.termDelta).toFixed(2)}`;
    extra.push({ name: a.roll.name, amount: m.roll, description, group: g });
  }
  if (a.liquidity && m.liquidity) {
    const adv = a.liquidity.liquidityCoin[g];
    extra.push({ name: a.liquidity.name, amount: m.liquidity.amount, description: `${a.liquidity.coefficient} x |dollar delta| x (${m.liquidity.ratio.toExponential(3)} of liquidity ${adv} coin)^${a.liquidity.power}`, group: g });
  }
  lines.unshift(scanLine);
  lines.push(...extra);
  if (params.initialFactor !== 1) {
    lines.push({ name: 'initial margin factor', amount: m.initial - m.riskMargin, description: `IM = ${params.initialFactor} x risk margin ${m.riskMargin.toFixed(2)}`, group: g });
  }
  return { initial: m.initial, maintenance: m.maintenance, worst: w, lines };
}
