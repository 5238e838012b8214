import type { Book, MarketState } from '../../market';
import { tailRiskConventions } from '../../stats/tailRisk';
import { accountSummary } from '../account';
import { now, type MarginComponent, type MarginConfig, type MarginResult, type PositionMargin, type ScenarioOutcome } from '../types';
import { varModelName, type VarSpec } from './spec';

/**
 * Assembles the MarginResult every VaR/ES method returns. IM = max(0, measure) (a book whose tail still makes money
 * needs no margin; its components are then all 0), MM = maintenanceRatio x IM; one component per risk group
 * (underlying) sums its rows' Euler components, so the components add up to the IM.
 */
export interface AttributedRow {
  symbol: string;
  group: string;
  component: number;
  /** NaN when not computed (attribution off): the row is then left out of `positions`. */
  standalone: number;
  incremental: number;
}

export interface VarOutcome {
  /** The measure before the floor at 0 (positive = loss). */
  measure: number;
  rows: AttributedRow[];
  scenarios: ScenarioOutcome[];
  conventions: string[];
  timings: Record<string, number>;
}

/** Symbol -> underlying for the book's positions. */
export function groupsOf(book: Book): Map<string, string> {
  return new Map(book.positions.map((p) => [p.instrument.symbol, p.instrument.underlying]));
}

export function varMarginResult(spec: VarSpec, book: Book, market: MarketState, config: MarginConfig, outcome: VarOutcome): MarginResult {
  const t0 = now();
  const im = Math.max(0, outcome.measure);
  const mm = spec.maintenanceRatio * im;
  const byGroup = new Map<string, number>();
  for (const row of outcome.rows) byGroup.set(row.group, (byGroup.get(row.group) ?? 0) + (im > 0 ? row.component : 0));
  const label = `${(spec.confidence * 100).toFixed(2).replace(/\.?0+$/, '')}% ${spec.mporDays}-day ${spec.measure.toUpperCase()}`;
  const components: MarginComponent[] = [...byGroup].map(([group, amount]) => ({
    name: `${group} ${spec.measure.toUpperCase()} contribution`,
    amount,
    description: `Euler component of the ${label} (${spec.method}) from ${group} positions${group in book.collateral ? ' and collateral' : ''}; cross-margined through joint scenarios`,
    group,
  }));
  if (components.length === 0) components.push({ name: 'empty book', amount: 0, description: 'no positions and no moving collateral' });
  const positions: PositionMargin[] =
    config.attribution === false
      ? []
      : outcome.rows
          .filter((r) => !Number.isNaN(r.standalone))
          .map((r) => ({ symbol: r.symbol, group: r.group, standalone: r.standalone, incremental: r.incremental, component: im > 0 ? r.component : 0 }));
  const account = accountSummary(book, market, config, im, mm);
  return {
    model: varModelName(spec),
    initialMargin: im,
    maintenanceMargin: mm,
    components,
    scenarios: outcome.scenarios,
    positions,
    account,
    conventions: [
      `Initial margin = max(0, ${label}); maintenance margin = ${spec.maintenanceRatio} x initial margin.`,
      tailRiskConventions,
      ...outcome.conventions,
      'Attribution: standalone = measure of the row alone; incremental = measure(book) - measure(book without the row); component = Euler allocation, summing to the initial margin.',
      config.collateral?.moveWithScenario
        ? 'Coin collateral moves with its underlying in every scenario (full unhaircut value), so it offsets or adds to the loss.'
        : 'Collateral does not move with the scenarios (collateral.moveWithScenario is off).',
    ],
    timings: { ...outcome.timings, account: now() - t0 },
  };
}
