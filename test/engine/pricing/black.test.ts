import { describe, expect, it } from 'vitest';
import { black76Price, bsmGreeks, bsmPrice, type OptionGreeks, type OptionRight } from '../../../src/engine/pricing/black';

/** E. G. Haug, The Complete Guide to Option Pricing Formulas, 2nd ed. (2007), worked examples, 4 decimals. */
describe('published worked examples (Haug 2007)', () => {
  it('1.1.1 Black-Scholes: S=60 K=65 T=0.25 r=8% v=30% call = 2.1334', () => {
    expect(bsmPrice('call', 60, 65, 0.25, 0.08, 0.08, 0.3)).toBeCloseTo(2.1334, 4);
  });
  it('1.1.2 Black-76: F=19 K=19 T=0.75 r=10% v=28% call = put = 1.7011', () => {
    expect(black76Price('call', 19, 19, 0.75, 0.1, 0.28)).toBeCloseTo(1.7011, 4);
    expect(black76Price('put', 19, 19, 0.75, 0.1, 0.28)).toBeCloseTo(1.7011, 4);
  });
  it('1.1.6 generalized BSM: S=100 K=95 T=0.5 r=10% b=5% v=20% put = 2.4648', () => {
    expect(bsmPrice('put', 100, 95, 0.5, 0.1, 0.05, 0.2)).toBeCloseTo(2.4648, 4);
  });
  it('2.1.1 delta, futures option S=105 K=100 T=0.5 r=10% b=0 v=36%: call 0.5946, put -0.3566', () => {
    expect(bsmGreeks('call', 105, 100, 0.5, 0.1, 0, 0.36).delta).toBeCloseTo(0.5946, 4);
    expect(bsmGreeks('put', 105, 100, 0.5, 0.1, 0, 0.36).delta).toBeCloseTo(-0.3566, 4);
  });
  it('2.1.3 gamma S=55 K=60 T=0.75 r=b=10% v=30% = 0.0278', () => {
    expect(bsmGreeks('call', 55, 60, 0.75, 0.1, 0.1, 0.3).gamma).toBeCloseTo(0.0278, 4);
  });
  it('2.1.5 theta S=430 K=405 T=0.0833 r=7% b=2% v=20% put = -31.1924 per year', () => {
    expect(bsmGreeks('put', 430, 405, 0.0833, 0.07, 0.02, 0.2).theta).toBeCloseTo(-31.1924, 4);
  });
  it('2.1.6 rho S=72 K=75 T=1 r=b=9% v=19% call = 38.7325 (b moves with r: rho + carryRho)', () => {
    const g = bsmGreeks('call', 72, 75, 1, 0.09, 0.09, 0.19);
    expect(g.rho + g.carryRho).toBeCloseTo(38.7325, 4);
  });
});

const rights: OptionRight[] = ['call', 'put'];
const tenors = [1 / 365, 0.25, 3];
const vols = [0.05, 0.8, 3];
const moneyness = [-1, 0, 1]; // ln(K/F) in units of v sqrt T: ITM / ATM / OTM for calls
const r = 0.05;
const b = 0.02;
const s = 100;
const cases = rights.flatMap((right) =>
  tenors.flatMap((t) => vols.flatMap((v) => moneyness.map((z) => ({ right, t, v, k: s * Math.exp(b * t + z * v * Math.sqrt(t)) })))),
);

/** Five-point central difference: truncation O(h^4). */
function d1(f: (x: number) => number, x: number, h: number): number {
  return (-f(x + 2 * h) + 8 * f(x + h) - 8 * f(x - h) + f(x - 2 * h)) / (12 * h);
}
function close(actual: number, expected: number, rel: number, abs: number): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.abs(expected) + abs);
}

describe('greeks vs central finite differences (calls/puts, ITM/ATM/OTM, 1 day..3 years, vol 5%..300%)', () => {
  for (const c of cases) {
    it(`${c.right} T=${c.t.toFixed(4)} v=${c.v} K=${c.k.toFixed(2)}`, () => {
      const g: OptionGreeks = bsmGreeks(c.right, s, c.k, c.t, r, b, c.v);
      const price = (x: Partial<{ s: number; t: number; r: number; b: number; v: number }>) =>
        bsmPrice(c.right, x.s ?? s, c.k, x.t ?? c.t, x.r ?? r, x.b ?? b, x.v ?? c.v);
      // Steps 0.3% of each input's natural scale: five-point truncation (h^4) and rounding (eps/h) both stay < 1e-9.
      const hs = Math.min(0.003 * s * c.v * Math.sqrt(c.t), 0.003 * s);
      const rel = 1e-8;
      close(g.delta, d1((x) => price({ s: x }), s, hs), rel, 0);
      // gamma as the derivative of the analytic delta (delta itself is checked against prices just above)
      close(g.gamma, d1((x) => bsmGreeks(c.right, x, c.k, c.t, r, b, c.v).delta, s, hs), rel, 0);
      close(g.vega, d1((x) => price({ v: x }), c.v, 0.003 * c.v), rel, 0);
      close(g.theta, -d1((x) => price({ t: x }), c.t, 0.003 * c.t), rel, 0);
      close(g.rho, d1((x) => price({ r: x }), r, 0.003 / Math.max(c.t, 1)), rel, 0);
      close(g.carryRho, d1((x) => price({ b: x }), b, Math.min(0.003, (0.003 * c.v) / Math.sqrt(c.t))), rel, 0);
    });
  }
});

describe('put-call parity and limits', () => {
  it('C - P = S e^{(b-r)T} - K e^{-rT} to 1e-10 on every case', () => {
    for (const c of cases) {
      const parity = s * Math.exp((b - r) * c.t) - c.k * Math.exp(-r * c.t);
      const diff = bsmPrice('call', s, c.k, c.t, r, b, c.v) - bsmPrice('put', s, c.k, c.t, r, b, c.v);
      expect(Math.abs(diff - parity)).toBeLessThanOrEqual(1e-10 * s);
    }
  });

  it('at and after expiry the value is intrinsic', () => {
    expect(bsmPrice('call', 110, 100, 0, r, b, 0.5)).toBe(10);
    expect(bsmPrice('put', 110, 100, -0.1, r, b, 0.5)).toBe(0);
    expect(bsmGreeks('put', 90, 100, 0, r, b, 0.5)).toMatchObject({ price: 10, delta: -1, gamma: 0, vega: 0 });
  });

  it('zero and tiny vol, deep ITM/OTM strikes and tiny T never give NaN', () => {
    for (const v of [0, 1e-300, 1e-12, 1e-4]) {
      for (const k of [1e-8, 50, 100 * Math.exp(b), 200, 1e12]) {
        for (const t of [1e-12, 1 / 365, 5]) {
          for (const right of rights) {
            const g = bsmGreeks(right, 100, k, t, r, b, v);
            for (const value of Object.values(g)) expect(Number.isFinite(value)).toBe(true);
            expect(g.price).toBeGreaterThanOrEqual(0);
          }
        }
      }
    }
  });

  it('zero vol is the discounted intrinsic value on the forward, and a vol of 1e-8 converges to it', () => {
    const t = 0.5;
    const fwd = 100 * Math.exp(b * t);
    const expected = Math.exp(-r * t) * (fwd - 95);
    expect(bsmPrice('call', 100, 95, t, r, b, 0)).toBeCloseTo(expected, 12);
    expect(bsmPrice('call', 100, 95, t, r, b, 1e-8)).toBeCloseTo(expected, 12);
    expect(bsmPrice('put', 100, 95, t, r, b, 0)).toBe(0);
  });
});
