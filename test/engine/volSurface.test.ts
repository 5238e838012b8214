import { describe, expect, it } from 'vitest';
import type { UnderlyingMarket } from '../../src/engine/market';
import { forwardCurve } from '../../src/engine/pricing/forward';
import { MS_PER_YEAR } from '../../src/engine/time';
import { buildVolSurface, smilesFromChain } from '../../src/engine/volSurface';

const NOW = Date.UTC(2024, 0, 8, 8);
const year = (t: number) => NOW + t * MS_PER_YEAR;
function surface(u: Partial<UnderlyingMarket>) {
  const m: UnderlyingMarket = { underlying: 'ETH', spot: 2000, rate: 0, vol: 0.5, ...u };
  return buildVolSurface(m, NOW, forwardCurve(m, NOW));
}

describe('vol surface', () => {
  const near = { expiry: year(0.1), strikes: [1800, 2000, 2200], vols: [0.7, 0.5, 0.6] };
  const far = { expiry: year(0.5), strikes: [1500, 2000, 2500], vols: [0.65, 0.55, 0.6] };

  it('reproduces smile nodes, interpolates linearly in log-moneyness and extrapolates flat', () => {
    const s = surface({ vol: [near] });
    expect(s.volAt(2000, 0.1, 2000)).toBeCloseTo(0.5, 14);
    expect(s.volAt(1800, 0.1, 2000)).toBeCloseTo(0.7, 14);
    const k = Math.log(2100 / 2000);
    const w = k / Math.log(2200 / 2000);
    expect(s.volAt(2100, 0.1, 2000)).toBeCloseTo(0.5 + w * 0.1, 14);
    expect(s.volAt(1000, 0.1, 2000)).toBeCloseTo(0.7, 14);
    expect(s.volAt(9000, 0.1, 2000)).toBeCloseTo(0.6, 14);
  });

  it('interpolates total variance linearly in T at fixed log-moneyness, flat vol outside the expiries', () => {
    const s = surface({ vol: [near, far] });
    const t = 0.3;
    const wNear = 0.5 ** 2 * 0.1;
    const wFar = 0.55 ** 2 * 0.5;
    const expected = Math.sqrt((wNear + ((t - 0.1) / 0.4) * (wFar - wNear)) / t);
    expect(s.volAt(2000, t, 2000)).toBeCloseTo(expected, 14);
    expect(s.volAt(2000, 0.01, 2000)).toBeCloseTo(0.5, 14);
    expect(s.volAt(2000, 2, 2000)).toBeCloseTo(0.55, 14);
  });

  it('flags calendar arbitrage (total variance falling with expiry) and is quiet otherwise', () => {
    expect(surface({ vol: [near, far] }).checkCalendarArbitrage()).toEqual([]);
    const inverted = { expiry: year(0.5), strikes: [2000], vols: [0.2] }; // w = 0.02 < 0.5^2 x 0.1 = 0.025
    const warnings = surface({ vol: [near, inverted] }).checkCalendarArbitrage();
    expect(warnings.length).toBe(3); // every node of both smiles: 0.049, 0.025, 0.036 all exceed 0.02
    expect(warnings.some((w) => /ETH: total variance falls from 0\.025000 .* to 0\.020000 .* log-moneyness 0\.0000/.test(w))).toBe(true);
  });

  it('rejects malformed smiles naming the expiry and index', () => {
    expect(() => surface({ vol: [{ expiry: year(0.1), strikes: [2000, 1900], vols: [0.5, 0.5] }] })).toThrow(/strike\[1\] = 1900 is not positive and increasing/);
    expect(() => surface({ vol: [{ expiry: year(0.1), strikes: [2000], vols: [] }] })).toThrow(/needs as many vols as strikes/);
  });

  it('builds smiles from chain rows, preferring the out-of-the-money side', () => {
    const e = year(0.1);
    const smiles = smilesFromChain([
      { expiry: e, strike: 2200, right: 'call', iv: 0.61, forward: 2000 },
      { expiry: e, strike: 2200, right: 'put', iv: 0.65, forward: 2000 },
      { expiry: e, strike: 1800, right: 'call', iv: 0.75, forward: 2000 },
      { expiry: e, strike: 1800, right: 'put', iv: 0.7, forward: 2000 },
      { expiry: e, strike: 2000, right: 'put', iv: Number.NaN, forward: 2000 },
      { expiry: year(0.5), strike: 2000, right: 'put', iv: 0.55, forward: 2010 },
    ]);
    expect(smiles).toEqual([
      { expiry: e, strikes: [1800, 2200], vols: [0.7, 0.61] },
      { expiry: year(0.5), strikes: [2000], vols: [0.55] },
    ]);
  });
});
