import type { Book, MarketState, Position } from '../market';
import { marketContext, type MarketContext } from '../valuation';
import { accountSummary, collateralLines } from './account';
import {
  aggregateOf,
  collateralRow,
  countedLoss,
  groupMargin,
  groupMarginAmounts,
  prepareTables,
  priceRows,
  rowInputs,
  type GroupAggregate,
  type GroupMargin,
  type GroupRisk,
} from './groupRisk';
import type { GridPreset } from './presets/schema';
import {
  kernelOf,
  now,
  type InterGroupCredit,
  type MarginComponent,
  type MarginConfig,
  type MarginModel,
  type MarginResult,
  type PositionMargin,
  type ScenarioOutcome,
} from './types';

/**
 * Scenario-grid portfolio margin (docs/methodology/grid-margin.md): one risk group per underlying, each revalued
 * in full through the kernel over the preset's tables; group margins add up, less configured inter-group credits.
 * `prepareGrid` keeps the per-row scenario P&L so attribution and what-if need no further pricing of the book.
 */
export interface GridState {
  preset: GridPreset;
  market: MarketState;
  /** Forward curves and vol surfaces built once for every compile. */
  context: MarketContext;
  config: MarginConfig;
  groups: Map<string, GroupRisk>;
  aggregates: Map<string, GroupAggregate>;
}

function buildGroup(underlying: string, positions: Position[], collateralCoin: number, state: Pick<GridState, 'preset' | 'market' | 'context' | 'config'>): GroupRisk {
  const { preset, market, context, config } = state;
  const u = market.underlyings[underlying];
  if (!u) throw new RangeError(`grid margin: market has no underlying ${underlying}`);
  const params = preset.byUnderlying[underlying] ?? preset.default;
  const tables = prepareTables(params);
  const rows = priceRows(underlying, positions, tables, preset, market, context, kernelOf(config));
  if (collateralCoin !== 0) rows.push(collateralRow(underlying, collateralCoin, u.spot, tables));
  return { underlying, spot: u.spot, params, tables, rows };
}

export function prepareGrid(preset: GridPreset, book: Book, market: MarketState, config: MarginConfig): GridState {
  const byUnderlying = new Map<string, Position[]>();
  for (const p of book.positions) {
    const list = byUnderlying.get(p.instrument.underlying) ?? [];
    list.push(p);
    byUnderlying.set(p.instrument.underlying, list);
  }
  const coin = new Map<string, number>();
  if (config.collateral?.moveWithScenario) {
    for (const c of collateralLines(book, market, config.collateral)) {
      if (c.asset in market.underlyings && c.amount !== 0) {
        coin.set(c.asset, c.amount);
        if (!byUnderlying.has(c.asset)) byUnderlying.set(c.asset, []);
      }
    }
  }
  const state: GridState = { preset, market, context: marketContext(market), config, groups: new Map(), aggregates: new Map() };
  for (const [u, positions] of byUnderlying) {
    const group = buildGroup(u, positions, coin.get(u) ?? 0, state);
    state.groups.set(u, group);
    state.aggregates.set(u, aggregateOf(group));
  }
  return state;
}

interface Totals {
  initial: number;
  maintenance: number;
  groups: Map<string, GroupMargin>;
  /** Credit (IM, MM) allocated to each group. */
  credit: Map<string, { initial: number; maintenance: number }>;
  creditLines: MarginComponent[];
}

/**
 * SPAN-style inter-commodity credit: when two groups' net dollar deltas have opposite signs (a hedge for
 * positively correlated underlyings), rate x min(margin A, margin B) with rate = creditFactor x max(0, correlation),
 * allocated half to each group and never more than a group's own margin.
 */
function totals(groups: Map<string, GroupRisk>, aggregates: Map<string, GroupAggregate>, credits: InterGroupCredit[]): Totals {
  const margins = new Map<string, GroupMargin>();
  for (const [u, g] of groups) margins.set(u, groupMargin(g, aggregates.get(u)!));
  const credit = new Map<string, { initial: number; maintenance: number }>();
  for (const u of groups.keys()) credit.set(u, { initial: 0, maintenance: 0 });
  const creditLines: MarginComponent[] = [];
  for (const c of credits) {
    const [a, b] = c.groups;
    const ma = margins.get(a);
    const mb = margins.get(b);
    if (!ma || !mb) continue;
    const da = aggregates.get(a)!.netDollarDelta;
    const db = aggregates.get(b)!.netDollarDelta;
    const rate = Math.min(1, c.creditFactor * Math.max(0, c.correlation));
    if (!(da * db < 0) || rate === 0) continue;
    const im = rate * Math.min(ma.initial, mb.initial);
    const mm = rate * Math.min(ma.maintenance, mb.maintenance);
    let granted = 0;
    for (const [u, m] of [[a, ma], [b, mb]] as const) {
      const cr = credit.get(u)!;
      const addIm = Math.min(im / 2, m.initial - cr.initial);
      cr.initial += addIm;
      cr.maintenance += Math.min(mm / 2, m.maintenance - cr.maintenance);
      granted += addIm;
    }
    creditLines.push({ name: `inter-group credit ${a}/${b}`, amount: -granted, description: `${rate.toFixed(4)} x min(IM ${a}, IM ${b}); deltas offset (correlation ${c.correlation})` });
  }
  let initial = 0;
  let maintenance = 0;
  for (const [u, m] of margins) {
    initial += m.initial - credit.get(u)!.initial;
    maintenance += m.maintenance - credit.get(u)!.maintenance;
  }
  return { initial, maintenance, groups: margins, credit, creditLines };
}

/**
 * Per-row standalone, incremental (within the row's group, credits held out) and Euler component margin. Component:
 * the row's share of the group's counted loss in the group's worst scan scenario (for a max over scenarios the
 * Euler allocation is the P&L in the maximising scenario), times the group's margin net of credit, so components
 * sum exactly to the total. A group whose margin comes only from add-ons (no losing scan scenario) is shared in
 * proportion to standalone margins.
 */
function attribution(state: GridState, t: Totals): PositionMargin[] {
  const out: PositionMargin[] = [];
  for (const [u, g] of state.groups) {
    const agg = state.aggregates.get(u)!;
    const m = t.groups.get(u)!;
    const net = m.initial - t.credit.get(u)!.initial;
    // Standalone: the row's own inputs. Incremental: the group's inputs less the row, from the stored scenario P&L
    // vectors (P&L is linear in quantity), O(scenarios) per row instead of a copy of the whole aggregate.
    const base = agg.inputs();
    const scratch = agg.pnl.map((p) => new Float64Array(p.length));
    const standalone = g.rows.map((r) => groupMarginAmounts(g, rowInputs(r)).initial);
    const incremental = g.rows.map((r) => m.initial - groupMarginAmounts(g, agg.inputsWithout(r, base, scratch)).initial);
    let shares: number[];
    const w = m.worst;
    const totalLoss = w ? -agg.pnl[w.table][w.scenario] : 0;
    if (w && totalLoss > 0) shares = g.rows.map((r) => -r.pnl[w.table][w.scenario] / totalLoss);
    else {
      const sum = standalone.reduce((a, b) => a + b, 0);
      shares = standalone.map((s) => (sum > 0 ? s / sum : 1 / g.rows.length));
    }
    g.rows.forEach((r, i) => out.push({ symbol: r.symbol, group: u, standalone: standalone[i], incremental: incremental[i], component: shares[i] * net }));
  }
  return out;
}

function scenarioOutcomes(state: GridState): ScenarioOutcome[] {
  const out: ScenarioOutcome[] = [];
  for (const [u, g] of state.groups) {
    const agg = state.aggregates.get(u)!;
    g.tables.forEach((t, ti) =>
      t.scenarios.forEach((sc, s) =>
        out.push({ group: u, table: t.table.name, label: sc.label, spotMove: sc.spotMove, volShift: sc.volShift, weight: sc.weight, pnl: agg.pnl[ti][s], countedLoss: countedLoss(agg.pnl[ti][s], sc) }),
      ),
    );
  }
  return out;
}

export function gridModel(preset: GridPreset): MarginModel {
  return {
    name: preset.name,
    compute(book: Book, market: MarketState, config: MarginConfig): MarginResult {
      const t0 = now();
      const state = prepareGrid(preset, book, market, config);
      const t1 = now();
      const tot = totals(state.groups, state.aggregates, config.interGroupCredits ?? []);
      const components: MarginComponent[] = [];
      for (const m of tot.groups.values()) components.push(...m.lines);
      components.push(...tot.creditLines);
      const t2 = now();
      const positions = config.attribution === false ? [] : attribution(state, tot);
      const t3 = now();
      const account = accountSummary(book, market, config, tot.initial, tot.maintenance);
      return {
        model: preset.name,
        initialMargin: tot.initial,
        maintenanceMargin: tot.maintenance,
        components,
        scenarios: scenarioOutcomes(state),
        positions,
        account,
        conventions: [
          'Scenario-grid margin per risk group (underlying); groups add up, offsets across groups only through configured inter-group credits.',
          "Scan risk = worst over the 'scan' tables of weight x max(0, loss - dampener); 'add' tables and add-ons are separate lines.",
          'Vol shifts are scaled per expiry by the preset volTermScaling; collateral coin moves with its group when collateral.moveWithScenario.',
          'Component margin: share of the worst scan scenario loss x group margin net of credit (Euler for a max); incremental is within the group.',
        ],
        timings: { revalue: t1 - t0, margin: t2 - t1, attribution: t3 - t2, account: now() - t3 },
      };
    },
    initialMargin(book: Book, market: MarketState, config: MarginConfig): number {
      const state = prepareGrid(preset, book, market, config);
      return totals(state.groups, state.aggregates, config.interGroupCredits ?? []).initial;
    },
  };
}

export interface WhatIfResult {
  initialBefore: number;
  initialAfter: number;
  maintenanceBefore: number;
  maintenanceAfter: number;
  initialChange: number;
  maintenanceChange: number;
  /** Wall time of the what-if (ms). */
  millis: number;
}

/**
 * Margin after adding candidate trades, incrementally: only the trades are priced (kernel runs on the candidate
 * positions alone, same tables); their P&L rows are added to the cached group aggregates. Exact, because
 * scenario P&L is linear in quantity.
 */
export function gridWhatIf(state: GridState, trades: Position[]): WhatIfResult {
  const t0 = now();
  const credits = state.config.interGroupCredits ?? [];
  const before = totals(state.groups, state.aggregates, credits);
  const groups = new Map(state.groups);
  const aggregates = new Map(state.aggregates);
  const byUnderlying = new Map<string, Position[]>();
  for (const p of trades) byUnderlying.set(p.instrument.underlying, [...(byUnderlying.get(p.instrument.underlying) ?? []), p]);
  for (const [u, positions] of byUnderlying) {
    const existing = state.groups.get(u);
    if (!existing) {
      const g = buildGroup(u, positions, 0, state);
      groups.set(u, g);
      aggregates.set(u, aggregateOf(g));
      continue;
    }
    const rows = priceRows(u, positions, existing.tables, state.preset, state.market, state.context, kernelOf(state.config));
    const agg = state.aggregates.get(u)!.clone(existing.tables);
    for (const r of rows) agg.add(r, 1);
    aggregates.set(u, agg);
  }
  const after = totals(groups, aggregates, credits);
  return {
    initialBefore: before.initial,
    initialAfter: after.initial,
    maintenanceBefore: before.maintenance,
    maintenanceAfter: after.maintenance,
    initialChange: after.initial - before.initial,
    maintenanceChange: after.maintenance - before.maintenance,
    millis: now() - t0,
  };
}
