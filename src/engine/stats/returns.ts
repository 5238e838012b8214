/** Returns from a price series. `label` names the series in error messages (e.g. 'btc_usdt_binance_1d.csv close'). */

function assertPositivePrices(name: string, prices: ArrayLike<number>, label: string): void {
  for (let i = 0; i < prices.length; i++) {
    const p = prices[i];
    if (!(Number.isFinite(p) && p > 0)) throw new RangeError(`${name}: ${label}[${i}] = ${p} is not a positive finite price`);
  }
}

/** r_t = ln(P_{t+1} / P_t), length n - 1. */
export function logReturns(prices: ArrayLike<number>, label = 'prices'): Float64Array {
  return overlappingLogReturns(prices, 1, label);
}

/** Overlapping h-period log returns r_t = ln(P_{t+h} / P_t), t = 0..n-h-1 (consecutive values share h-1 periods). */
export function overlappingLogReturns(prices: ArrayLike<number>, horizon: number, label = 'prices'): Float64Array {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`overlappingLogReturns: horizon ${horizon} must be an integer >= 1`);
  assertPositivePrices('overlappingLogReturns', prices, label);
  const count = Math.max(0, prices.length - horizon);
  const out = new Float64Array(count);
  for (let t = 0; t < count; t++) out[t] = Math.log(prices[t + horizon] / prices[t]);
  return out;
}
