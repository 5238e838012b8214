import { bsmGreeks, type OptionRight } from './black';

/**
 * Black-76 implied volatility: the vol v with black76(F, K, T, r, v) = price. Price is increasing in v from the
 * discounted intrinsic value (v -> 0) to the discounted upper bound (call: e^{-rT} F, put: e^{-rT} K), so any price
 * strictly between has exactly one root. Solver: Newton on v, safeguarded by a bracket [lo, hi] that every
 * iterate tightens; a Newton step leaving the bracket, or not halving the residual, is replaced by bisection.
 */
export const MIN_IMPLIED_VOL = 1e-4;
export const MAX_IMPLIED_VOL = 10;

export class ImpliedVolError extends Error {
  constructor(
    message: string,
    readonly reason: 'below-intrinsic' | 'above-upper-bound' | 'out-of-vol-range' | 'expired' | 'no-convergence',
  ) {
    super(message);
    this.name = 'ImpliedVolError';
  }
}

export interface ImpliedVolInput {
  right: OptionRight;
  forward: number;
  strike: number;
  /** Years to expiry. */
  t: number;
  rate: number;
  /** Target option price, same currency as forward and strike. */
  price: number;
}

/** Solves to |price error| <= priceTolerance (default 1e-12 x forward). Throws ImpliedVolError when no IV exists. */
export function impliedVolBlack76(input: ImpliedVolInput, priceTolerance = 1e-12 * input.forward): number {
  const { right, forward: f, strike: k, t, rate: r, price } = input;
  const describe = () => `${right} F=${f} K=${k} T=${t}`;
  if (!(t > 0)) throw new ImpliedVolError(`implied vol: ${describe()} is expired`, 'expired');
  const df = Math.exp(-r * t);
  const intrinsic = df * Math.max(right === 'call' ? f - k : k - f, 0);
  const upper = df * (right === 'call' ? f : k);
  if (!(price > intrinsic)) {
    throw new ImpliedVolError(`implied vol: price ${price} of ${describe()} is not above the intrinsic value ${intrinsic}`, 'below-intrinsic');
  }
  if (!(price < upper)) {
    throw new ImpliedVolError(`implied vol: price ${price} of ${describe()} is not below the upper bound ${upper}`, 'above-upper-bound');
  }
  const residual = (v: number) => bsmGreeks(right, f, k, t, r, 0, v);
  let lo = MIN_IMPLIED_VOL;
  let hi = MAX_IMPLIED_VOL;
  const atLo = residual(lo).price - price;
  const atHi = residual(hi).price - price;
  if (atLo > 0 || atHi < 0) {
    const range = `[${MIN_IMPLIED_VOL}, ${MAX_IMPLIED_VOL}]`;
    throw new ImpliedVolError(`implied vol: price ${price} of ${describe()} needs a vol outside ${range}`, 'out-of-vol-range');
  }
  if (Math.abs(atLo) <= priceTolerance) return lo;
  // Start from the Brenner-Subrahmanyam ATM estimate v ~ sqrt(2 pi / T) * price / (df F), kept inside the bracket.
  let v = Math.min(Math.max(Math.sqrt((2 * Math.PI) / t) * (price / (df * f)), 0.05), 3);
  let lastResidual = Infinity;
  for (let iteration = 0; iteration < 200; iteration++) {
    const g = residual(v);
    const diff = g.price - price;
    if (Math.abs(diff) <= priceTolerance) return v;
    if (diff > 0) hi = v;
    else lo = v;
    if (hi - lo <= 1e-15 * hi) return v;
    const newton = v - diff / g.vega;
    const converging = Math.abs(diff) <= 0.5 * lastResidual;
    v = g.vega > 0 && newton > lo && newton < hi && converging ? newton : 0.5 * (lo + hi);
    lastResidual = Math.abs(diff);
  }
  throw new ImpliedVolError(`implied vol: no convergence for price ${price} of ${describe()}`, 'no-convergence');
}
