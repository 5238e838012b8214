import type { UnderlyingMarket } from '../market';
import { timeToExpiry } from '../time';

/**
 * Forward curve of one underlying, expressed as the cost of carry b(T) so that F(T) = spot * exp(b(T) * T):
 * - quoted forwards give b_i = ln(F_i / spot) / T_i; b is interpolated linearly in T between quotes and held flat
 *   before the first and after the last quote (expired quotes are ignored);
 * - without quotes, b = rate - carry (carry defaults to rate, i.e. F = spot).
 * `rateDriven` says whether b moves with the rate (b = rate - carry, carry fixed), which decides what rho means.
 */
export interface ForwardCurve {
  spot: number;
  rateDriven: boolean;
  carryAt(t: number): number;
  forwardAt(t: number): number;
}

export function forwardCurve(market: UnderlyingMarket, valuationTime: number): ForwardCurve {
  const spot = market.spot;
  const quotes = (market.forwards ?? [])
    .map((q) => ({ t: timeToExpiry(valuationTime, q.expiry), price: q.price }))
    .filter((q) => q.t > 0)
    .sort((a, b) => a.t - b.t);
  for (const q of quotes) {
    if (!(q.price > 0)) throw new Error(`market ${market.underlying}: forward quote ${q.price} must be positive`);
  }
  const times = quotes.map((q) => q.t);
  const carries = quotes.map((q) => Math.log(q.price / spot) / q.t);
  const flatCarry = market.rate - (market.carry ?? market.rate);
  const carryAt = (t: number): number => {
    const n = times.length;
    if (n === 0) return flatCarry;
    if (t <= times[0]) return carries[0];
    if (t >= times[n - 1]) return carries[n - 1];
    let i = 1;
    while (times[i] < t) i++;
    const w = (t - times[i - 1]) / (times[i] - times[i - 1]);
    return carries[i - 1] + w * (carries[i] - carries[i - 1]);
  };
  return { spot, rateDriven: quotes.length === 0, carryAt, forwardAt: (t) => spot * Math.exp(carryAt(t) * t) };
}
