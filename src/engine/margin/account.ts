import type { Book, MarketState } from '../market';
import type { ScenarioBatch } from '../scenario';
import { reverseStress } from '../stress/reverse';
import { kernelOf, type AccountSummary, type CollateralConfig, type CollateralLine, type LiquidationSide, type MarginConfig } from './types';

/**
 * Collateral valuation, equity and the distance to liquidation (docs/methodology/collateral.md).
 * Coin collateral is priced at its underlying's spot, USD/USDC/USDT at 1; each asset counts amount x price x
 * (1 - haircut). Equity = collateral value + value of the positions (option premiums, futures' unrealised P&L).
 */
const DOLLARS = new Set(['USD', 'USDC', 'USDT']);

export function collateralPrice(asset: string, market: MarketState): number {
  if (DOLLARS.has(asset)) return 1;
  const u = market.underlyings[asset];
  if (!u) throw new RangeError(`collateral asset '${asset}': no spot price in the market (known: ${Object.keys(market.underlyings).join(', ')})`);
  return u.spot;
}

export function collateralLines(book: Book, market: MarketState, config?: CollateralConfig): CollateralLine[] {
  return Object.entries(book.collateral).map(([asset, amount]) => {
    if (!Number.isFinite(amount)) throw new RangeError(`book ${book.name}: collateral ${asset} amount ${amount} is not a number`);
    const haircut = config?.assets[asset]?.haircut ?? config?.defaultHaircut ?? 0;
    if (!(haircut >= 0 && haircut <= 1)) throw new RangeError(`collateral ${asset}: haircut ${haircut} must be in [0, 1]`);
    const price = collateralPrice(asset, market);
    return { asset, amount, price, haircut, value: amount * price * (1 - haircut) };
  });
}

/**
 * Equity, excess and margin ratio, plus the uniform spot move (every underlying by the same relative move) at
 * which equity + P&L falls to the maintenance margin. The maintenance margin is HELD at its current value during
 * the search (the search revalues positions and collateral through the kernel, not the margin model), so the
 * distance is that of the account as margined now; documented in collateral.md.
 */
export function accountSummary(book: Book, market: MarketState, config: MarginConfig, initialMargin: number, maintenanceMargin: number): AccountSummary {
  const collateral = collateralLines(book, market, config.collateral);
  const collateralValue = collateral.reduce((a, c) => a + c.value, 0);
  const positionsValue = book.positions.reduce((a, p) => a + config.valuation.positionValue(p, market), 0);
  const equity = collateralValue + positionsValue;
  const summary: AccountSummary = {
    collateral,
    collateralValue,
    positionsValue,
    equity,
    availableFunds: equity - initialMargin,
    excess: equity - maintenanceMargin,
    marginRatio: equity > 0 ? maintenanceMargin / equity : Infinity,
  };
  if (config.liquidation ?? true) summary.liquidation = liquidationDistance(book, market, config, summary.excess);
  return summary;
}

function liquidationDistance(book: Book, market: MarketState, config: MarginConfig, excess: number): AccountSummary['liquidation'] {
  const kernel = kernelOf(config);
  const underlyings = Object.keys(market.underlyings);
  const compiled = book.positions.length > 0 ? kernel.compileBook(book.positions, market) : undefined;
  const U = underlyings.length;
  // Collateral P&L per unit relative move of each underlying (unhaircut coin value: the haircut is a buffer on
  // today's value, the coin itself moves fully).
  const coinValue = new Float64Array(U);
  for (const c of collateralLines(book, market, config.collateral)) {
    const u = underlyings.indexOf(c.asset);
    if (u >= 0) coinValue[u] += c.amount * c.price;
  }
  const pnlAt = (batch: ScenarioBatch): Float64Array => {
    const pnl = compiled ? Float64Array.from(kernel.revalue(compiled, batch).pnl) : new Float64Array(batch.count);
    for (let s = 0; s < batch.count; s++) for (let u = 0; u < U; u++) pnl[s] += coinValue[u] * (batch.spotMultiplier[s * U + u] - 1);
    return pnl;
  };
  const found = reverseStress(pnlAt, { underlyings, direction: new Float64Array(U).fill(1), excess, tolerance: 1e-7 });
  const side = (s: { pctMove: number; pnl: number } | null): LiquidationSide | null => (s ? { spotMove: s.pctMove, pnl: s.pnl } : null);
  return {
    down: side(found.down),
    up: side(found.up),
    method: 'uniform relative spot move of all underlyings, bracketed on a grid to x10 and bisected; maintenance margin held at its current value',
  };
}
