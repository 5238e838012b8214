import type { Instrument, OptionRight } from './instrument';
import type { MarketState, Position, UnderlyingMarket } from './market';
import { bsmGreeks } from './pricing/black';
import { forwardCurve, type ForwardCurve } from './pricing/forward';
import { DAYS_PER_YEAR, timeToExpiry } from './time';
import { buildVolSurface, type VolSurface } from './volSurface';

/**
 * Position values and greeks (conventions in docs/engine/valuation.md, units in docs/engine/units.md).
 * Every instrument is valued from its forward F = spot * exp(b T); an option is Black-76 on F (generalized BSM with
 * carry b), so greeks are with respect to the spot index S with F/S held constant.
 */
export interface UnderlyingContext {
  market: UnderlyingMarket;
  forwards: ForwardCurve;
  surface: VolSurface;
}

/** Market state with the forward curve and vol surface of each underlying built once. */
export interface MarketContext {
  valuationTime: number;
  underlying(name: string): UnderlyingContext;
}

export function marketContext(market: MarketState): MarketContext {
  const cache = new Map<string, UnderlyingContext>();
  return {
    valuationTime: market.valuationTime,
    underlying(name) {
      let ctx = cache.get(name);
      if (!ctx) {
        const u = market.underlyings[name];
        if (!u) throw new Error(`market has no data for underlying '${name}' (have: ${Object.keys(market.underlyings).join(', ') || 'none'})`);
        if (!(u.spot > 0)) throw new Error(`market ${name}: spot ${u.spot} must be positive`);
        const forwards = forwardCurve(u, market.valuationTime);
        ctx = { market: u, forwards, surface: buildVolSurface(u, market.valuationTime, forwards) };
        cache.set(name, ctx);
      }
      return ctx;
    },
  };
}

/**
 * How an instrument is revalued: 'spot' (value q m S), 'linear-forward' (linear perpetual/future, P&L q m (F1 - F0)),
 * 'inverse-forward' (inverse perpetual/future, coin P&L q m (1/F0 - 1/F1)), 'option' (Black-76 on F, in USD).
 */
export type ValuationKind = 'spot' | 'linear-forward' | 'inverse-forward' | 'option';

/** Everything about an instrument that does not depend on the position size or a scenario. */
export interface InstrumentTerms {
  instrument: Instrument;
  valuationKind: ValuationKind;
  /** Years to expiry (0 for spot and perpetuals). */
  t: number;
  spot: number;
  /** Forward for t (perpetuals and spot: the spot index). */
  forward: number;
  /** Cost of carry b with forward = spot e^{bT}. */
  carry: number;
  rate: number;
  /** True when b = rate - carry moves with the rate (no quoted forwards); rho then includes the forward's move. */
  rateDriven: boolean;
  /** Options: implied vol at the strike (sticky-strike base vol). */
  vol: number;
  strike: number;
  right: OptionRight;
}

export function instrumentTerms(instrument: Instrument, ctx: MarketContext): InstrumentTerms {
  const u = ctx.underlying(instrument.underlying);
  const spot = u.market.spot;
  const dated = instrument.kind === 'future' || instrument.kind === 'option';
  if (dated && !(typeof instrument.expiry === 'number' && Number.isFinite(instrument.expiry))) {
    throw new Error(`instrument ${instrument.symbol}: ${instrument.kind} needs an expiry`);
  }
  if (!(instrument.multiplier > 0)) throw new Error(`instrument ${instrument.symbol}: multiplier ${instrument.multiplier} must be positive`);
  const t = dated ? timeToExpiry(ctx.valuationTime, instrument.expiry!) : 0;
  const carry = dated ? u.forwards.carryAt(t) : 0;
  const forward = dated ? spot * Math.exp(carry * t) : spot;
  let valuationKind: ValuationKind = 'spot';
  let vol = 0;
  let strike = 0;
  let right: OptionRight = 'call';
  switch (instrument.kind) {
    case 'spot':
      break;
    case 'perpetual':
    case 'future':
      valuationKind = instrument.settlement === 'inverse' ? 'inverse-forward' : 'linear-forward';
      break;
    case 'option': {
      strike = instrument.strike!;
      if (!(typeof strike === 'number' && strike > 0)) throw new Error(`instrument ${instrument.symbol}: option strike ${strike} must be positive`);
      if (instrument.right !== 'call' && instrument.right !== 'put') throw new Error(`instrument ${instrument.symbol}: option right must be call or put`);
      valuationKind = 'option';
      vol = t > 0 ? u.surface.volAt(strike, t, forward) : 0;
      right = instrument.right;
      break;
    }
  }
  // One object literal (no spread of a base object): every InstrumentTerms has the same shape, which keeps the
  // hot callers (compileBook, the account's position values) monomorphic and avoids the slow spread path.
  return { instrument, valuationKind, t, spot, forward, carry, rate: u.market.rate, rateDriven: dated && u.forwards.rateDriven, vol, strike, right };
}

/** Value and greeks of one position. Units: docs/engine/units.md. */
export interface PositionRisk {
  symbol: string;
  underlying: string;
  settlement: Instrument['settlement'];
  quantity: number;
  expiry?: number;
  /** Price in the instrument's quote convention: USD, or coin per unit for inverse options (Deribit). */
  mark: number;
  forward: number;
  /** Options: implied vol used. */
  vol?: number;
  /** Value at the current mark in USD (0 for perpetuals/futures: their value is their P&L since the mark). */
  valueUsd: number;
  /** Inverse instruments: value in coin (options: USD value / forward). */
  valueCoin?: number;
  /** dV/dS in coin (USD value per USD of spot). */
  delta: number;
  /** Inverse instruments: Deribit's coin delta F dVcoin/dF (options: N(d1)-type delta minus the coin price). */
  deltaCoin?: number;
  /** delta x S, USD. */
  cashDelta: number;
  /** d2V/dS2 per USD per USD. */
  gamma: number;
  /** gamma x S^2 / 100: USD change in cash delta for a 1% spot move. */
  cashGamma: number;
  vegaPerVol: number;
  vegaPerPoint: number;
  thetaPerYear: number;
  thetaPerDay: number;
  /** dV/dr per 1.00 of rate, USD. */
  rho: number;
}

interface UnitGreeks {
  mark: number;
  value: number;
  delta: number;
  gamma: number;
  vega: number;
  theta: number;
  rho: number;
}

/** Per unit of q x m: value and greeks in USD. */
function unitGreeks(terms: InstrumentTerms): UnitGreeks {
  const { t, spot: s, forward: f, carry: b, rate: r, rateDriven } = terms;
  switch (terms.valuationKind) {
    case 'spot':
      return { mark: s, value: s, delta: 1, gamma: 0, vega: 0, theta: 0, rho: 0 };
    case 'linear-forward':
      // V = F - F0 with F = S e^{bT}: dV/dS = F/S, dV/dt = -b F, dV/dr = T F when b = r - q.
      return { mark: f, value: 0, delta: f / s, gamma: 0, vega: 0, theta: -b * f, rho: rateDriven ? t * f : 0 };
    case 'inverse-forward':
      // V = S (1/F0 - 1/F): dV/dS = 1/F (at F = F0), linear in S so no gamma; dV/dt = -b S/F, dV/dr = T S/F.
      return { mark: f, value: 0, delta: 1 / f, gamma: 0, vega: 0, theta: (-b * s) / f, rho: rateDriven ? (t * s) / f : 0 };
    case 'option': {
      const g = bsmGreeks(terms.right, s, terms.strike, t, r, b, terms.vol);
      const inverse = terms.instrument.settlement === 'inverse';
      return {
        mark: inverse ? g.price / f : g.price,
        value: g.price,
        delta: g.delta,
        gamma: g.gamma,
        vega: g.vega,
        theta: g.theta,
        rho: g.rho + (rateDriven ? g.carryRho : 0),
      };
    }
  }
}

/** Coin delta F dVcoin/dF per unit (inverse instruments). For options with Vcoin = C/F: dC/dF - C/F. */
function unitDeltaCoin(terms: InstrumentTerms, g: UnitGreeks): number {
  if (terms.valuationKind === 'inverse-forward') return 1 / terms.forward;
  return (g.delta * terms.spot) / terms.forward - g.value / terms.forward;
}

export function positionRisk(position: Position, terms: InstrumentTerms): PositionRisk {
  const { instrument } = terms;
  if (!Number.isFinite(position.quantity)) throw new Error(`position ${instrument.symbol}: quantity ${position.quantity} is not a number`);
  const size = position.quantity * instrument.multiplier;
  const g = unitGreeks(terms);
  const s = terms.spot;
  const inverse = instrument.settlement === 'inverse' && terms.valuationKind !== 'spot';
  const risk: PositionRisk = {
    symbol: instrument.symbol,
    underlying: instrument.underlying,
    settlement: instrument.settlement,
    quantity: position.quantity,
    mark: g.mark,
    forward: terms.forward,
    valueUsd: size * g.value,
    delta: size * g.delta,
    cashDelta: size * g.delta * s,
    gamma: size * g.gamma,
    cashGamma: (size * g.gamma * s * s) / 100,
    vegaPerVol: size * g.vega,
    vegaPerPoint: (size * g.vega) / 100,
    thetaPerYear: size * g.theta,
    thetaPerDay: (size * g.theta) / DAYS_PER_YEAR,
    rho: size * g.rho,
  };
  if (instrument.expiry !== undefined) risk.expiry = instrument.expiry;
  if (terms.valuationKind === 'option') risk.vol = terms.vol;
  if (inverse) {
    risk.valueCoin = terms.valuationKind === 'option' ? (size * g.value) / terms.forward : 0;
    risk.deltaCoin = size * unitDeltaCoin(terms, g);
  }
  return risk;
}

/** Values one position against a market (builds the market context; use positionRisk in loops). */
export function valuePosition(position: Position, market: MarketState | MarketContext): PositionRisk {
  const ctx = 'underlyings' in market ? marketContext(market) : market;
  return positionRisk(position, instrumentTerms(position.instrument, ctx));
}
