import { describe, expect, it } from 'vitest';
import { parseDeribitSymbol, type Instrument } from '../../src/engine/instrument';
import type { MarketState, UnderlyingMarket } from '../../src/engine/market';
import { forwardCurve } from '../../src/engine/pricing/forward';
import { normalCdf } from '../../src/engine/stats/normal';
import { MS_PER_YEAR } from '../../src/engine/time';
import { valuePosition } from '../../src/engine/valuation';

const NOW = Date.UTC(2024, 0, 8, 8);
const year = (t: number) => NOW + t * MS_PER_YEAR;
function market(u: Partial<UnderlyingMarket> = {}, underlying = 'BTC'): MarketState {
  return { valuationTime: NOW, reportingCurrency: 'USD', underlyings: { [underlying]: { underlying, spot: 40000, rate: 0.05, carry: 0.01, vol: 0.6, ...u } } };
}
const dated = (kind: 'future' | 'option', settlement: 'linear' | 'inverse', t: number, extra: Partial<Instrument> = {}): Instrument => ({
  symbol: `BTC-${kind}-${settlement}-${t}-${extra.strike ?? ''}${extra.right ?? ''}`,
  kind,
  underlying: 'BTC',
  quote: 'USD',
  settlement,
  settleCurrency: settlement === 'inverse' ? 'BTC' : 'USDC',
  expiry: year(t),
  multiplier: settlement === 'inverse' && kind === 'future' ? 10 : 1,
  ...extra,
});
const d5 = (f: (x: number) => number, x: number, h: number) => (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h);

describe('forward curve', () => {
  it('without quotes F = S exp((r - q) T); carry defaults to the rate (F = S)', () => {
    expect(forwardCurve(market().underlyings.BTC, NOW).forwardAt(0.5)).toBeCloseTo(40000 * Math.exp(0.04 * 0.5), 9);
    expect(forwardCurve(market({ carry: undefined }).underlyings.BTC, NOW).forwardAt(2)).toBe(40000);
  });
  it('hits quoted forwards and interpolates the implied carry linearly in T between them, flat outside', () => {
    const quotes = [
      { expiry: year(0.25), price: 40500 },
      { expiry: year(1), price: 43000 },
    ];
    const curve = forwardCurve(market({ forwards: quotes }).underlyings.BTC, NOW);
    expect(curve.forwardAt(0.25)).toBeCloseTo(40500, 8);
    expect(curve.forwardAt(1)).toBeCloseTo(43000, 8);
    const b1 = Math.log(40500 / 40000) / 0.25;
    const b2 = Math.log(43000 / 40000) / 1;
    const bMid = b1 + ((0.5 - 0.25) / 0.75) * (b2 - b1);
    expect(curve.forwardAt(0.5)).toBeCloseTo(40000 * Math.exp(bMid * 0.5), 8);
    expect(curve.forwardAt(2)).toBeCloseTo(40000 * Math.exp(b2 * 2), 8);
    expect(curve.rateDriven).toBe(false);
  });
});

describe('delta-one instruments', () => {
  it('spot: value q S, delta q', () => {
    const r = valuePosition({ instrument: parseDeribitSymbol('BTC_USDC'), quantity: 2 }, market());
    expect(r).toMatchObject({ valueUsd: 80000, delta: 2, cashDelta: 80000, gamma: 0 });
  });

  it('linear future: delta q F/S, theta -q b F, rho q T F (F = S e^{(r-q)T}), zero value at the mark', () => {
    const r = valuePosition({ instrument: dated('future', 'linear', 0.5), quantity: 3 }, market());
    const f = 40000 * Math.exp(0.04 * 0.5);
    expect(r.valueUsd).toBe(0);
    expect(r.mark).toBeCloseTo(f, 9);
    expect(r.delta).toBeCloseTo((3 * f) / 40000, 12);
    expect(r.thetaPerYear).toBeCloseTo(-3 * 0.04 * f, 8);
    expect(r.rho).toBeCloseTo(3 * 0.5 * f, 8);
  });

  it('inverse future: USD value S (1/F0 - 1/F) has delta q m / F and no gamma; coin delta q m / F', () => {
    const q = -1000; // short 1,000 contracts of 10 USD
    const r = valuePosition({ instrument: dated('future', 'inverse', 0.5), quantity: q }, market());
    const f0 = 40000 * Math.exp(0.04 * 0.5);
    const usdValue = (s: number) => q * 10 * (1 / f0 - 1 / (s * Math.exp(0.04 * 0.5))) * s;
    expect(r.delta).toBeCloseTo(d5(usdValue, 40000, 10), 12);
    expect(r.delta).toBeCloseTo((q * 10) / f0, 14);
    expect(r.deltaCoin).toBeCloseTo((q * 10) / f0, 14);
    expect(r.gamma === 0).toBe(true);
    expect(r.valueCoin === 0).toBe(true);
  });

  it('perpetuals track the index: F = S', () => {
    const r = valuePosition({ instrument: parseDeribitSymbol('BTC-PERPETUAL'), quantity: 100 }, market());
    expect(r.mark).toBe(40000);
    expect(r.delta).toBeCloseTo(1000 / 40000, 15);
    expect(r.thetaPerYear === 0).toBe(true);
  });
});

describe('options', () => {
  it('inverse option: USD value q C, coin value q C / F, Deribit coin delta N(d1) - C/F for calls, N(d1) - 1 - C/F for puts', () => {
    const t = 0.25;
    const v = 0.6;
    const mk = market({ rate: 0, carry: 0, vol: v });
    for (const right of ['call', 'put'] as const) {
      const inst = dated('option', 'inverse', t, { strike: 42000, right });
      const r = valuePosition({ instrument: inst, quantity: 5 }, mk);
      // hand computation, r = 0, F = S = 40000
      const d1 = (Math.log(40000 / 42000) + 0.5 * v * v * t) / (v * Math.sqrt(t));
      const d2 = d1 - v * Math.sqrt(t);
      const call = 40000 * normalCdf(d1) - 42000 * normalCdf(d2);
      const price = right === 'call' ? call : call - (40000 - 42000);
      const coinPrice = price / 40000;
      expect(r.valueUsd).toBeCloseTo(5 * price, 9);
      expect(r.valueCoin).toBeCloseTo((5 * price) / 40000, 14);
      expect(r.mark).toBeCloseTo(coinPrice, 14);
      const deribitDelta = (right === 'call' ? normalCdf(d1) : normalCdf(d1) - 1) - coinPrice;
      expect(r.deltaCoin! / 5).toBeCloseTo(deribitDelta, 12);
      // and it is F dVcoin/dF: the coin value's sensitivity to a relative move
      const coinValue = (s: number) => valuePosition({ instrument: inst, quantity: 5 }, market({ spot: s, rate: 0, carry: 0, vol: v })).valueCoin!;
      expect(r.deltaCoin!).toBeCloseTo(40000 * d5(coinValue, 40000, 40), 9);
    }
  });

  it('position greeks: cash delta, cash gamma per 1%, vega per point, theta per day, rho with the forward moving', () => {
    const inst = dated('option', 'linear', 0.5, { strike: 45000, right: 'call' });
    const value = (u: Partial<UnderlyingMarket>, time = NOW) => valuePosition({ instrument: inst, quantity: -2 }, { ...market(u), valuationTime: time }).valueUsd;
    const r = valuePosition({ instrument: inst, quantity: -2 }, market());
    expect(r.delta).toBeCloseTo(d5((s) => value({ spot: s }), 40000, 20), 9);
    expect(r.cashDelta).toBeCloseTo(r.delta * 40000, 6);
    const gamma = d5((s) => valuePosition({ instrument: inst, quantity: -2 }, market({ spot: s })).delta, 40000, 20);
    expect(r.gamma / gamma - 1).toBeLessThan(1e-8);
    expect(r.cashGamma).toBeCloseTo((r.gamma * 40000 * 40000) / 100, 8);
    expect(r.vegaPerVol).toBeCloseTo(d5((v) => value({ vol: v }), 0.6, 0.002), 6);
    expect(r.vegaPerPoint).toBeCloseTo(r.vegaPerVol / 100, 12);
    // rho: rate moves with the carry yield q fixed, so the forward moves too
    expect(r.rho).toBeCloseTo(d5((x) => value({ rate: x }), 0.05, 0.001), 6);
    // theta: the clock moves with spot, r, carry and vol fixed
    const dayMs = MS_PER_YEAR / 365;
    const thetaDay = d5((dt) => value({}, NOW + dt * dayMs), 0, 0.05);
    expect(r.thetaPerDay).toBeCloseTo(thetaDay, 6);
    expect(r.thetaPerYear).toBeCloseTo(r.thetaPerDay * 365, 9);
  });

  it('at or after expiry an option is worth its intrinsic value; greeks are finite', () => {
    const inst = dated('option', 'linear', 0, { strike: 38000, right: 'call' });
    const r = valuePosition({ instrument: inst, quantity: 1 }, { ...market(), valuationTime: NOW + 1000 });
    expect(r.valueUsd).toBe(2000);
    for (const v of Object.values(r)) if (typeof v === 'number') expect(Number.isFinite(v)).toBe(true);
  });

  it('bad input names the instrument and field', () => {
    const inst = dated('option', 'linear', 0.5, { strike: -1, right: 'call' });
    expect(() => valuePosition({ instrument: inst, quantity: 1 }, market())).toThrow(/strike -1 must be positive/);
    expect(() => valuePosition({ instrument: { ...inst, underlying: 'XRP' }, quantity: 1 }, market())).toThrow(/no data for underlying 'XRP'/);
  });
});
