import type { Book, MarketState } from '../../market';
import type { ScenarioBatch } from '../../scenario';
import { kernelOf, now, type MarginConfig, type ScenarioOutcome } from '../types';
import { collateralPnlRows, movingCollateral } from './collateralMoves';
import { groupsOf, type AttributedRow, type VarOutcome } from './result';
import type { VarScenarioSet } from './scenarioSet';
import type { VarSpec } from './spec';
import { measureOf, standaloneAndIncremental, tailLoss, tailScenarios } from './tailAttribution';

/**
 * From the positions' scenario P&L (computed in-process or by the worker pool) to the VaR/ES outcome: adds moving
 * collateral, takes the tail, and attributes it to instruments and collateral. With the full per-instrument matrix
 * (attribution on) rows get standalone and incremental figures too; without it, only the k tail scenarios are
 * revalued per instrument, which is all the Euler components need.
 */
export interface PositionsPnl {
  /** Book P&L per scenario, USD (kernel `pnl`). */
  pnl: Float64Array;
  /** Kernel rows (unique symbols) and their P&L matrix, when attribution is wanted. */
  instruments?: string[];
  perInstrument?: Float64Array;
}

function subBatch(batch: ScenarioBatch, picks: Uint32Array): ScenarioBatch {
  const U = batch.underlyings.length;
  const out: ScenarioBatch = { ...batch, count: picks.length, spotMultiplier: new Float64Array(picks.length * U), volShift: new Float64Array(picks.length * U) };
  picks.forEach((s, j) => {
    out.spotMultiplier.set(batch.spotMultiplier.subarray(s * U, (s + 1) * U), j * U);
    out.volShift.set(batch.volShift.subarray(s * U, (s + 1) * U), j * U);
  });
  return out;
}

const percent = (m: number) => `${((m - 1) * 100).toFixed(2)}%`;

function tailOutcomes(scenarios: VarScenarioSet, total: Float64Array, tail: Uint32Array, spec: VarSpec): ScenarioOutcome[] {
  const { batch } = scenarios;
  const U = batch.underlyings.length;
  return Array.from(tail, (s, j) => {
    const weight = spec.measure === 'es' ? 1 / tail.length : j === tail.length - 1 ? 1 : 0;
    const moves = batch.underlyings.map((name, u) => `${name} ${percent(batch.spotMultiplier[s * U + u])} vol ${percent(1 + batch.volShift[s * U + u])}`).join(', ');
    return {
      group: 'portfolio',
      table: spec.method,
      label: `#${j + 1} ${scenarios.label(s)}: ${moves}`,
      spotMove: batch.spotMultiplier[s * U] - 1,
      volShift: batch.volShift[s * U],
      weight,
      pnl: total[s],
      countedLoss: weight * Math.max(0, -total[s]),
    };
  });
}

/** The account's P&L per scenario: the positions' plus the moving collateral's, with the collateral rows. */
function scenarioTotal(book: Book, market: MarketState, config: MarginConfig, batch: ScenarioBatch, positionsPnl: Float64Array) {
  const S = batch.count;
  const collateral = movingCollateral(book, market, config);
  const collateralRows = collateralPnlRows(collateral, batch);
  const total = Float64Array.from(positionsPnl);
  for (let k = 0; k < collateralRows.length; k++) total[k % S] += collateralRows[k];
  return { collateral, collateralRows, total };
}

/** The tail measure (VaR or ES, positive = loss) of the account over the scenarios; 0 without scenarios. */
export function scenarioMeasure(spec: VarSpec, book: Book, market: MarketState, config: MarginConfig, batch: ScenarioBatch, positionsPnl: Float64Array): number {
  // An empty book with no moving collateral has no scenarios and nothing at risk.
  return batch.count === 0 ? 0 : measureOf(scenarioTotal(book, market, config, batch, positionsPnl).total, spec.measure, spec.confidence);
}

export function scenarioOutcome(spec: VarSpec, book: Book, market: MarketState, config: MarginConfig, scenarios: VarScenarioSet, positions: PositionsPnl): VarOutcome {
  const t0 = now();
  const { batch } = scenarios;
  const S = batch.count;
  const { collateral, collateralRows, total } = scenarioTotal(book, market, config, batch, positions.pnl);
  const measure = S === 0 ? 0 : measureOf(total, spec.measure, spec.confidence);
  const tail = S === 0 ? new Uint32Array(0) : tailScenarios(total, spec.confidence);
  const t1 = now();

  let instruments = positions.instruments;
  let rowAt: (r: number, j: number) => number;
  if (positions.perInstrument && instruments) {
    const matrix = positions.perInstrument;
    rowAt = (r, j) => matrix[r * S + tail[j]];
  } else if (book.positions.length > 0) {
    const kernel = kernelOf(config);
    const revalued = kernel.revalue(kernel.compileBook(book.positions, market), subBatch(batch, tail), { perInstrument: true });
    instruments = revalued.instruments;
    const k = tail.length;
    rowAt = (r, j) => revalued.perInstrument![r * k + j];
  } else {
    instruments = [];
    rowAt = () => 0;
  }
  const positionTail = Uint32Array.from(tail.keys());
  const groups = groupsOf(book);
  const rows: AttributedRow[] = instruments.map((symbol, r) => ({
    symbol,
    group: groups.get(symbol)!,
    component: tailLoss((j) => rowAt(r, j), positionTail, spec.measure),
    standalone: Number.NaN,
    incremental: Number.NaN,
  }));
  collateral.forEach((c, r) => {
    rows.push({ symbol: `collateral ${c.asset}`, group: c.asset, component: tailLoss((s) => collateralRows[r * S + s], tail, spec.measure), standalone: Number.NaN, incremental: Number.NaN });
  });
  if (positions.perInstrument && config.attribution !== false && S > 0) {
    const all = new Float64Array(rows.length * S);
    all.set(positions.perInstrument);
    all.set(collateralRows, positions.perInstrument.length);
    const { standalone, incremental } = standaloneAndIncremental(total, all, spec.measure, spec.confidence);
    rows.forEach((row, r) => {
      row.standalone = standalone[r];
      row.incremental = incremental[r];
    });
  }
  return {
    measure,
    rows,
    scenarios: tailOutcomes(scenarios, total, tail, spec),
    conventions: [
      ...scenarios.conventions,
      `${S} scenarios, tail of ${tail.length}; options fully revalued through the kernel after ${batch.timeShiftDays} days of time decay (sticky strike, relative vol shifts). Listed scenarios are the tail, worst first; spotMove and volShift refer to ${batch.underlyings[0] ?? 'none'}.`,
    ],
    timings: { tail: t1 - t0, attribution: now() - t1 },
  };
}
