import { normalCdf, normalPdf } from '../stats/normal';

/**
 * European option prices and greeks in the generalized Black-Scholes-Merton model with cost of carry b
 * (E. G. Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed., ch. 1 and 2.1):
 *   b = r       Black-Scholes (non-dividend stock),     b = r - q  Merton (continuous yield q),
 *   b = 0       Black-76 (option on a forward/future F, pass S = F).
 * d1 = (ln(S/K) + (b + v^2/2) T) / (v sqrt T), d2 = d1 - v sqrt T
 * call = S e^{(b-r)T} N(d1) - K e^{-rT} N(d2),  put = K e^{-rT} N(-d2) - S e^{(b-r)T} N(-d1).
 *
 * Degenerate inputs never give NaN: T <= 0 is the payoff max(+-(S-K), 0); v sqrt T = 0 is the discounted intrinsic
 * value on the forward S e^{bT}.
 */
export type OptionRight = 'call' | 'put';

export interface OptionGreeks {
  price: number;
  /** dV/dS. */
  delta: number;
  /** d2V/dS2. */
  gamma: number;
  /** dV/dv per 1.00 of vol. */
  vega: number;
  /** dV/dt per year of calendar time passing (= -dV/dT), S, r, b and v held constant. */
  theta: number;
  /** dV/dr per 1.00 of rate with the cost of carry b held constant (= -T V). */
  rho: number;
  /** dV/db per 1.00 of carry. With b = r - q, the rate sensitivity at fixed q is rho + carryRho. */
  carryRho: number;
}

/** Generalized BSM price (Haug 1.1.6). */
export function bsmPrice(right: OptionRight, s: number, k: number, t: number, r: number, b: number, v: number): number {
  return bsmGreeks(right, s, k, t, r, b, v).price;
}

/** Black-76 price of an option on a forward F (Haug 1.1.2): generalized BSM with b = 0. */
export function black76Price(right: OptionRight, f: number, k: number, t: number, r: number, v: number): number {
  return bsmGreeks(right, f, k, t, r, 0, v).price;
}

/** Price and analytic greeks (Haug 2.1). */
export function bsmGreeks(right: OptionRight, s: number, k: number, t: number, r: number, b: number, v: number): OptionGreeks {
  const sign = right === 'call' ? 1 : -1;
  if (!(t > 0)) {
    const payoff = Math.max(sign * (s - k), 0);
    return { price: payoff, delta: payoff > 0 ? sign : 0, gamma: 0, vega: 0, theta: 0, rho: 0, carryRho: 0 };
  }
  const carryFactor = Math.exp((b - r) * t); // e^{(b-r)T}
  const df = Math.exp(-r * t);
  const sqrtT = Math.sqrt(t);
  const volSqrtT = v * sqrtT;
  if (!(volSqrtT > 0)) {
    // Zero vol: the forward S e^{bT} is certain, value = discounted intrinsic.
    const forward = s * Math.exp(b * t);
    const itm = sign * (forward - k) > 0;
    const price = itm ? sign * (s * carryFactor - k * df) : 0;
    const delta = itm ? sign * carryFactor : 0;
    const theta = itm ? -sign * ((b - r) * s * carryFactor + r * k * df) : 0;
    return { price, delta, gamma: 0, vega: 0, theta, rho: -t * price, carryRho: itm ? sign * t * s * carryFactor : 0 };
  }
  const d1 = (Math.log(s / k) + (b + 0.5 * v * v) * t) / volSqrtT;
  const d2 = d1 - volSqrtT;
  const nd1 = normalCdf(sign * d1);
  const nd2 = normalCdf(sign * d2);
  const pdf1 = normalPdf(d1);
  const spotLeg = s * carryFactor;
  const strikeLeg = k * df;
  const price = sign * (spotLeg * nd1 - strikeLeg * nd2);
  const vega = spotLeg * pdf1 * sqrtT;
  return {
    price,
    delta: sign * carryFactor * nd1,
    gamma: (carryFactor * pdf1) / (s * volSqrtT),
    vega,
    // Haug 2.1.4: theta = -S e^{(b-r)T} n(d1) v / (2 sqrt T) -/+ (b - r) S e^{(b-r)T} N(+-d1) -/+ r K e^{-rT} N(+-d2)
    theta: -(spotLeg * pdf1 * v) / (2 * sqrtT) - sign * ((b - r) * spotLeg * nd1 + r * strikeLeg * nd2),
    rho: -t * price,
    carryRho: sign * t * spotLeg * nd1,
  };
}
