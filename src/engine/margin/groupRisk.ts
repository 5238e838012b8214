import type { Instrument } from '../instrument';
import type { MarketState, Position } from '../market';
import type { RevaluationOptions } from '../scenario';
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
  const results = tables.map((t) => kernel.revalue(compiled, tableBatch(underlying, t.table, t.scenarios, preset.volShiftMode), options));
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

export function prepareTables(params: GridGroupParams): PreparedTable[] {
  return params.tables.map((table) => ({ table, scenarios: expandScenarios(table.scenarios) }));
}

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
      const key = `${ins.expiry}|${ins.strike}`;
      this.optionsByStrike.set(key, (this.optionsByStrike.get(key) ?? 0) + lambda * row.quantity * ins.multiplier);
    } else if (ins.kind === 'future' || ins.kind === 'perpetual') {
      const key = ins.expiry ?? 0;
      this.futuresByExpiry.set(key, (this.futuresByExpiry.get(key) ?? 0) + lambda * row.dollarDelta);
    }
    return this;
  }
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

/** The group's margin from an aggregate: scan risk, 'add' tables and add-ons (grid-margin.md has the formulas). */
export function groupMargin(risk: GroupRisk, agg: GroupAggregate): GroupMargin {
  const { params, underlying: g, spot } = risk;
  const lines: MarginComponent[] = [];
  let worst: WorstScenario | null = null;
  let addTables = 0;
  risk.tables.forEach((t, ti) => {
    let tableWorst: WorstScenario | null = null;
    const pnl = agg.pnl[ti];
    for (let s = 0; s < pnl.length; s++) {
      const c = countedLoss(pnl[s], t.scenarios[s]);
      if (c > (tableWorst?.countedLoss ?? 0)) tableWorst = { table: ti, scenario: s, countedLoss: c };
    }
    if (t.table.combine === 'scan') {
      if (tableWorst && tableWorst.countedLoss > (worst?.countedLoss ?? 0)) worst = tableWorst;
    } else {
      const amount = tableWorst?.countedLoss ?? 0;
      addTables += amount;
      const at = tableWorst ? `worst: ${t.scenarios[tableWorst.scenario].label}` : 'no loss';
      lines.push({ name: t.table.name, amount, description: `${t.table.description} (${at})`, group: g });
    }
  });
  const w = worst as WorstScenario | null;
  const scan = w?.countedLoss ?? 0;
  const scanLabel = w ? `${risk.tables[w.table].table.name}: ${risk.tables[w.table].scenarios[w.scenario].label}` : 'no scenario loses';
  const a = params.addOns;
  let core = scan;
  let scanLine: MarginComponent = { name: 'scan risk', amount: scan, description: `worst counted loss over the scan tables (${scanLabel})`, group: g };
  const extra: MarginComponent[] = [];
  if (a.shortOptionMinimum) {
    let netShort = 0;
    for (const q of agg.optionsByStrike.values()) if (q < 0) netShort -= q;
    const som = a.shortOptionMinimum.perCoin * spot * netShort;
    const desc = `${a.shortOptionMinimum.perCoin} x spot x ${netShort.toFixed(4)} coin of net short options per strike`;
    if (a.shortOptionMinimum.mode === 'floor') {
      if (som > scan) {
        core = som;
        scanLine = { name: a.shortOptionMinimum.name, amount: som, description: `${desc}; exceeds the scan risk ${scan.toFixed(2)} (${scanLabel})`, group: g };
      }
    } else extra.push({ name: a.shortOptionMinimum.name, amount: som, description: desc, group: g });
  }
  if (a.deltaShock) {
    extra.push({ name: a.deltaShock.name, amount: a.deltaShock.fraction * Math.abs(agg.netDollarDelta), description: `${a.deltaShock.fraction} x |net dollar delta ${agg.netDollarDelta.toFixed(2)}|`, group: g });
  }
  if (a.roll) {
    if (a.roll.kind === 'offsetting') {
      let long = 0;
      let short = 0;
      for (const d of agg.futuresByExpiry.values()) if (d > 0) long += d; else short -= d;
      extra.push({ name: a.roll.name, amount: a.roll.rate * Math.min(long, short), description: `${a.roll.rate} x min(long ${long.toFixed(2)}, short ${short.toFixed(2)}) futures dollar delta across expiries`, group: g });
    } else {
      extra.push({ name: a.roll.name, amount: a.roll.annualMove * Math.abs(agg.termDelta), description: `${a.roll.annualMove} x |sum dollar delta x years to expiry| = ${Math.abs(agg.termDelta).toFixed(2)}`, group: g });
    }
  }
  if (a.liquidity) {
    const adv = a.liquidity.liquidityCoin[g];
    if (adv !== undefined) {
      const d = Math.abs(agg.netDollarDelta);
      const ratio = d / spot / adv;
      extra.push({ name: a.liquidity.name, amount: a.liquidity.coefficient * d * ratio ** a.liquidity.power, description: `${a.liquidity.coefficient} x |dollar delta| x (${ratio.toExponential(3)} of liquidity ${adv} coin)^${a.liquidity.power}`, group: g });
    }
  }
  lines.unshift(scanLine);
  lines.push(...extra);
  const riskMargin = core + addTables + extra.reduce((x, l) => x + l.amount, 0);
  const initial = params.initialFactor * riskMargin;
  if (params.initialFactor !== 1) {
    lines.push({ name: 'initial margin factor', amount: initial - riskMargin, description: `IM = ${params.initialFactor} x risk margin ${riskMargin.toFixed(2)}`, group: g });
  }
  return { initial, maintenance: params.maintenanceFactor * riskMargin, worst: w, lines };
}
