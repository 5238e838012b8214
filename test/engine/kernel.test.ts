import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../src/engine/instrument';
import { compileBook, revalue, revalueInstrument, whatIfPnl } from '../../src/engine/kernel';
import type { MarketState, Position, UnderlyingMarket, VolSmile } from '../../src/engine/market';
import { scenarioBatch } from '../../src/engine/scenario';
import { MS_PER_DAY, MS_PER_YEAR } from '../../src/engine/time';
import { valuePosition } from '../../src/engine/valuation';

const NOW = Date.UTC(2024, 0, 8, 8);
const year = (t: number) => NOW + Math.round(t * MS_PER_YEAR);
function inst(kind: Instrument['kind'], settlement: Instrument['settlement'], extra: Partial<Instrument> = {}, underlying = 'BTC'): Instrument {
  const multiplier = settlement === 'inverse' && (kind === 'future' || kind === 'perpetual') ? 10 : 1;
  return { symbol: `${underlying}-${kind}-${settlement}-${extra.expiry ?? ''}-${extra.strike ?? ''}-${extra.right ?? ''}`, kind, underlying, quote: 'USD', settlement, settleCurrency: settlement === 'inverse' ? underlying : 'USDC', multiplier, ...extra };
}
const btc: UnderlyingMarket = { underlying: 'BTC', spot: 40000, rate: 0.05, carry: 0.01, vol: 0.6 };
const eth: UnderlyingMarket = { underlying: 'ETH', spot: 2200, rate: 0.05, vol: 0.7 };
const mkt = (b: Partial<UnderlyingMarket> = {}, e: Partial<UnderlyingMarket> = {}, time = NOW): MarketState => ({
  valuationTime: time,
  reportingCurrency: 'USD',
  underlyings: { BTC: { ...btc, ...b }, ETH: { ...eth, ...e } },
});
const option = (right: 'call' | 'put', strike: number, t: number, settlement: 'linear' | 'inverse' = 'inverse', underlying = 'BTC') =>
  inst('option', settlement, { strike, right, expiry: year(t) }, underlying);

const book: Position[] = [
  { instrument: option('call', 45000, 0.25), quantity: 3 },
  { instrument: option('put', 35000, 0.25), quantity: -2 },
  { instrument: option('call', 45000, 0.25), quantity: 1 }, // same symbol: aggregated with the first
  { instrument: option('put', 2000, 1 / 52, 'linear', 'ETH'), quantity: 10 },
  { instrument: inst('future', 'linear', { expiry: year(0.5) }), quantity: 0.5 },
  { instrument: inst('future', 'inverse', { expiry: year(0.5) }), quantity: -300 },
  { instrument: inst('perpetual', 'inverse'), quantity: -1000 },
  { instrument: inst('spot', 'linear'), quantity: 0.25 },
];

/** Independent path: full scalar revaluation of each position in a shocked market minus its current value. */
function scalarPnl(positions: Position[], shocked: MarketState, base: MarketState): number {
  let total = 0;
  for (const p of positions) {
    const now = valuePosition(p, base);
    const after = valuePosition(p, shocked);
    const i = p.instrument;
    const size = p.quantity * i.multiplier;
    if (i.kind === 'option' || i.kind === 'spot') total += after.valueUsd - now.valueUsd;
    else if (i.settlement === 'linear') total += size * (after.forward - now.forward);
    else total += size * (1 / now.forward - 1 / after.forward) * shocked.underlyings[i.underlying].spot; // coin P&L x shocked spot
  }
  return total;
}

// The kernel's CDF is accurate to 5e-12 relative (normal.test.ts), so USD P&L on a 40,000 USD underlying agrees
// with the scalar path to ~1e-7 USD: comparisons use 1e-6 USD (precision 6) where prices are of that size.
describe('revaluation kernel', () => {
  const rows = [
    { spotMultiplier: [1, 1], volShift: [0, 0] },
    { spotMultiplier: [0.7, 1.1], volShift: [0.1, -0.05] },
    { spotMultiplier: [1.25, 0.6], volShift: [-0.2, 0.3] },
    { spotMultiplier: [1.02, 1], volShift: [0, 0] },
  ];

  it('aggregates by symbol and gives exactly zero P&L in the null scenario', () => {
    const compiled = compileBook(book, mkt());
    expect(compiled.instruments.length).toBe(7);
    expect(compiled.size[0]).toBe(4);
    const r = revalue(compiled, scenarioBatch(['BTC', 'ETH'], [rows[0]]));
    expect(r.pnl[0]).toBe(0);
  });

  it('matches full scalar revaluation in shocked markets (absolute vol shifts, sticky strike)', () => {
    const result = revalue(compileBook(book, mkt()), scenarioBatch(['BTC', 'ETH'], rows), { perInstrument: true });
    rows.forEach((row, s) => {
      const shocked = mkt({ spot: 40000 * row.spotMultiplier[0], vol: 0.6 + row.volShift[0] }, { spot: 2200 * row.spotMultiplier[1], vol: 0.7 + row.volShift[1] });
      expect(result.pnl[s]).toBeCloseTo(scalarPnl(book, shocked, mkt()), 6);
    });
    // per-instrument rows sum to the book
    for (let s = 0; s < rows.length; s++) {
      let sum = 0;
      for (let i = 0; i < result.instruments.length; i++) sum += result.perInstrument![i * rows.length + s];
      expect(sum).toBeCloseTo(result.pnl[s], 8);
    }
  });

  it('short inverse perpetual: coin P&L q m (1/S0 - 1/S1) converted at the shocked spot (hand numbers)', () => {
    const perp = [{ instrument: inst('perpetual', 'inverse'), quantity: -1000 }]; // 10,000 USD face short
    const r = revalue(compileBook(perp, mkt()), scenarioBatch(['BTC'], [{ spotMultiplier: [1.1], volShift: [0] }, { spotMultiplier: [0.9], volShift: [0] }]));
    // up 10%: coin P&L = -10000 (1/40000 - 1/44000) = -0.0227273 BTC (a linear short of 0.25 BTC loses 0.0250 BTC-equivalent at 40000)
    const coinUp = -10000 * (1 / 40000 - 1 / 44000);
    const coinDown = -10000 * (1 / 40000 - 1 / 36000);
    expect(coinUp).toBeCloseTo(-0.0227273, 7);
    expect(coinDown).toBeCloseTo(0.0277778, 7); // asymmetric in coin: not a linear short
    expect(r.pnl[0]).toBeCloseTo(coinUp * 44000, 9);
    expect(r.pnl[1]).toBeCloseTo(coinDown * 36000, 9);
  });

  it('relative and term-scaled vol shifts: vol x (1 + shift x min(cap, max(floor, (ref/days)^p)))', () => {
    const opt = [{ instrument: option('call', 42000, 10 / 365, 'linear'), quantity: 1 }];
    const scaling = { referenceDays: 30, power: 0.5, cap: 2, floor: 0.5 };
    const batch = scenarioBatch(['BTC'], [{ spotMultiplier: [1], volShift: [0.2] }], 'relative');
    const r = revalue(compileBook(opt, mkt()), batch, { volTermScaling: scaling });
    const scale = Math.min(2, Math.max(0.5, Math.sqrt(30 / 10))); // 1.732
    const shocked = mkt({ vol: 0.6 * (1 + 0.2 * scale) });
    expect(r.pnl[0]).toBeCloseTo(valuePosition(opt[0], shocked).valueUsd - valuePosition(opt[0], mkt()).valueUsd, 8);
  });

  it('time shift moves the clock: options decay, forwards roll down the carry, expiring options pay intrinsic', () => {
    const positions = [
      { instrument: option('put', 41000, 0.25, 'linear'), quantity: 2 },
      { instrument: option('call', 38000, 2 / 365, 'linear'), quantity: 1 }, // expires inside a 3-day shift
      { instrument: inst('future', 'linear', { expiry: year(0.5) }), quantity: 1 },
    ];
    const batch = scenarioBatch(['BTC'], [{ spotMultiplier: [1.05], volShift: [0] }], 'absolute', 3);
    const r = revalue(compileBook(positions, mkt()), batch, { perInstrument: true });
    const later = mkt({ spot: 42000 }, {}, NOW + 3 * MS_PER_DAY);
    expect(r.perInstrument![0]).toBeCloseTo(valuePosition(positions[0], later).valueUsd - valuePosition(positions[0], mkt()).valueUsd, 6);
    expect(r.perInstrument![1]).toBeCloseTo(42000 - 38000 - valuePosition(positions[1], mkt()).valueUsd, 6);
    expect(r.perInstrument![2]).toBeCloseTo(42000 * Math.exp(0.04 * (0.5 - 3 / 365)) - 40000 * Math.exp(0.04 * 0.5), 6);
  });

  it('sticky strike keeps the vol of each strike; sticky moneyness re-reads the smile at the shocked forward', () => {
    const expiry = year(0.25);
    const smile: VolSmile = { expiry, strikes: [30000, 40000, 50000], vols: [0.8, 0.6, 0.55] };
    const base = mkt({ vol: [smile], carry: 0.05 }); // F = S
    const positions = [{ instrument: option('call', 44000, 0.25, 'linear'), quantity: 1 }];
    const batch = scenarioBatch(['BTC'], [{ spotMultiplier: [0.8], volShift: [0] }]);
    const compiled = compileBook(positions, base);
    const sticky = revalue(compiled, batch, { volDynamics: 'sticky-strike' }).pnl[0];
    const moving = revalue(compiled, batch, { volDynamics: 'sticky-moneyness' }).pnl[0];
    const v0 = valuePosition(positions[0], base).valueUsd;
    // independent: a market where spot moved and the smile keeps its strikes / moves its strikes with the spot
    const sameStrikes = mkt({ spot: 32000, vol: [smile], carry: 0.05 });
    const movedStrikes = mkt({ spot: 32000, vol: [{ expiry, strikes: smile.strikes.map((k) => k * 0.8), vols: smile.vols }], carry: 0.05 });
    expect(sticky).toBeCloseTo(valuePosition(positions[0], sameStrikes).valueUsd - v0, 6);
    expect(moving).toBeCloseTo(valuePosition(positions[0], movedStrikes).valueUsd - v0, 6);
    expect(Math.abs(sticky - moving)).toBeGreaterThan(1);
  });

  it('incremental what-if equals a full revaluation of the book with the trade', () => {
    const rowsMany = Array.from({ length: 50 }, (_, s) => ({ spotMultiplier: [0.6 + s * 0.016, 1.3 - s * 0.01], volShift: [0.002 * s - 0.05, 0.01] }));
    const batch = scenarioBatch(['BTC', 'ETH'], rowsMany);
    const base = revalue(compileBook(book, mkt()), batch);
    const trade: Position = { instrument: option('put', 38000, 0.5), quantity: 7 };
    const fast = whatIfPnl(base.pnl, [trade], mkt(), batch);
    const full = revalue(compileBook([...book, trade], mkt()), batch).pnl;
    for (let s = 0; s < batch.count; s++) expect(fast[s]).toBeCloseTo(full[s], 8);
    const compiled = compileBook([trade], mkt());
    const alone = revalueInstrument(compiled, 0, batch);
    for (let s = 0; s < batch.count; s++) expect(alone[s]).toBeCloseTo(full[s] - base.pnl[s], 8);
  });

  it('extreme scenarios and vol shocks below zero never give NaN', () => {
    const batch = scenarioBatch(['BTC', 'ETH'], [
      { spotMultiplier: [1e-6, 1e6], volShift: [-5, 10] },
      { spotMultiplier: [50, 0.01], volShift: [-0.6, -0.7] },
    ]);
    const r = revalue(compileBook(book, mkt()), batch);
    for (const x of r.pnl) expect(Number.isFinite(x)).toBe(true);
  });

  it('rejects malformed batches with a clear message', () => {
    const compiled = compileBook(book, mkt());
    const bad = { ...scenarioBatch(['BTC'], [{ spotMultiplier: [1], volShift: [0] }]), count: 2 };
    expect(() => revalue(compiled, bad)).toThrow(/expected 2 \(= 2 scenarios x 1 underlyings\)/);
    const negative = scenarioBatch(['BTC'], [{ spotMultiplier: [-1], volShift: [0] }]);
    expect(() => revalue(compiled, negative)).toThrow(/scenario 0, underlying BTC is -1/);
  });
});
