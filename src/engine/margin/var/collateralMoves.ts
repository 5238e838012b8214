import type { Book, MarketState } from '../../market';
import type { ScenarioBatch } from '../../scenario';
import { collateralLines } from '../account';
import type { MarginConfig } from '../types';

/**
 * Coin collateral that moves with the scenarios (config.collateral.moveWithScenario): each coin balance whose
 * underlying is in the market gains amount x spot x (multiplier - 1) in a scenario. The haircut is a buffer on
 * today's value and does not scale the move (same convention as account.ts and the grid model).
 */
export interface MovingCollateral {
  asset: string;
  /** Unhaircut USD value today (amount x spot). */
  value: number;
}

export function movingCollateral(book: Book, market: MarketState, config: MarginConfig): MovingCollateral[] {
  if (!config.collateral?.moveWithScenario) return [];
  return collateralLines(book, market, config.collateral)
    .filter((c) => c.asset in market.underlyings && c.amount !== 0)
    .map((c) => ({ asset: c.asset, value: c.amount * c.price }));
}

/** Underlyings the scenarios must move: those of the positions, then moving collateral coins. */
export function riskUnderlyings(book: Book, collateral: MovingCollateral[]): string[] {
  const names = new Set(book.positions.map((p) => p.instrument.underlying));
  for (const c of collateral) names.add(c.asset);
  return [...names];
}

/** P&L rows (collateral line x scenario) of the moving collateral under the batch. */
export function collateralPnlRows(collateral: MovingCollateral[], batch: ScenarioBatch): Float64Array {
  const S = batch.count;
  const U = batch.underlyings.length;
  const rows = new Float64Array(collateral.length * S);
  collateral.forEach((c, r) => {
    const u = batch.underlyings.indexOf(c.asset);
    if (u < 0) throw new RangeError(`collateral ${c.asset}: the scenarios do not move ${c.asset}`);
    for (let s = 0; s < S; s++) rows[r * S + s] = c.value * (batch.spotMultiplier[s * U + u] - 1);
  });
  return rows;
}
