import type { MarketState, Position } from './market';
import type { RevaluationOptions, RevaluationResult, ScenarioBatch } from './scenario';
import { DAYS_PER_YEAR } from './time';
import { instrumentTerms, marketContext, type MarketContext, type ValuationKind } from './valuation';
import type { VolSlice, VolSurface } from './volSurface';

/**
 * The revaluation kernel: full revaluation of a book under a batch of scenarios (docs/engine/valuation.md).
 * compileBook aggregates positions by instrument symbol into struct-of-arrays with everything that is constant
 * across scenarios precomputed; revalue loops instrument-major (constants stay in registers, the scenario loop
 * reads ln(spot multiplier) precomputed once per scenario and underlying, no allocation, no Math.pow).
 */
const KIND_CODE: Record<ValuationKind, number> = { spot: 0, 'linear-forward': 1, 'inverse-forward': 2, option: 3 };
const SPOT = 0;
const LINEAR_FORWARD = 1;
const INVERSE_FORWARD = 2;
/** Scenario vols are floored here (0.01 vol point) so a large negative shock gives a near-intrinsic price, not NaN. */
export const SCENARIO_VOL_FLOOR = 1e-4;

/** One scenario that moves nothing; with size 1 and base 0 the kernel returns an instrument's per-unit value. */
const NULL_SCENARIO: ScenarioBatch = { count: 1, underlyings: [], spotMultiplier: new Float64Array(0), volShift: new Float64Array(0), volShiftMode: 'absolute' };

export interface CompiledBook {
  /** Unique instrument symbols (row order of perInstrument). */
  instruments: string[];
  /** Underlyings of the book; underlyingOf[i] indexes this list. */
  underlyings: string[];
  underlyingOf: Int32Array;
  kind: Uint8Array;
  /** Aggregated size: sum of quantity x multiplier. */
  size: Float64Array;
  spot: Float64Array;
  forward: Float64Array;
  carry: Float64Array;
  rate: Float64Array;
  t: Float64Array;
  strike: Float64Array;
  /** +1 call, -1 put. */
  sign: Float64Array;
  /** Sticky-strike base vol. */
  vol: Float64Array;
  /** ln(F/K), sqrt(T) and e^{-rT} at the valuation time. */
  logForwardOverStrike: Float64Array;
  sqrtT: Float64Array;
  discount: Float64Array;
  /** Per-unit USD value at the current market (the P&L reference). */
  baseValue: Float64Array;
  /** Vol surface per underlying (sticky-moneyness scenarios). */
  surfaces: VolSurface[];
}

function toContext(market: MarketState | MarketContext): MarketContext {
  return 'underlyings' in market ? marketContext(market) : market;
}

export function compileBook(positions: Position[], market: MarketState | MarketContext): CompiledBook {
  const ctx = toContext(market);
  const rowOf = new Map<string, number>();
  const rows: { position: Position; size: number }[] = [];
  positions.forEach((p, index) => {
    if (!Number.isFinite(p.quantity)) throw new Error(`position ${index} (${p.instrument.symbol}): quantity ${p.quantity} is not a number`);
    const row = rowOf.get(p.instrument.symbol);
    if (row === undefined) {
      rowOf.set(p.instrument.symbol, rows.length);
      rows.push({ position: p, size: p.quantity * p.instrument.multiplier });
    } else rows[row].size += p.quantity * p.instrument.multiplier;
  });
  const n = rows.length;
  const f64 = () => new Float64Array(n);
  const book: CompiledBook = {
    instruments: rows.map((r) => r.position.instrument.symbol),
    underlyings: [],
    underlyingOf: new Int32Array(n),
    kind: new Uint8Array(n),
    size: f64(),
    spot: f64(),
    forward: f64(),
    carry: f64(),
    rate: f64(),
    t: f64(),
    strike: f64(),
    sign: f64(),
    vol: f64(),
    logForwardOverStrike: f64(),
    sqrtT: f64(),
    discount: f64(),
    baseValue: f64(),
    surfaces: [],
  };
  rows.forEach(({ position, size }, i) => {
    const terms = instrumentTerms(position.instrument, ctx);
    const name = position.instrument.underlying;
    let u = book.underlyings.indexOf(name);
    if (u < 0) {
      u = book.underlyings.push(name) - 1;
      book.surfaces.push(ctx.underlying(name).surface);
    }
    book.underlyingOf[i] = u;
    book.kind[i] = KIND_CODE[terms.valuationKind];
    book.size[i] = size;
    book.spot[i] = terms.spot;
    book.forward[i] = terms.forward;
    book.carry[i] = terms.carry;
    book.rate[i] = terms.rate;
    book.t[i] = terms.t;
    book.strike[i] = terms.strike;
    book.sign[i] = terms.right === 'call' ? 1 : -1;
    book.vol[i] = terms.vol;
    book.logForwardOverStrike[i] = terms.strike > 0 ? Math.log(terms.forward / terms.strike) : 0;
    book.sqrtT[i] = Math.sqrt(terms.t);
    book.discount[i] = Math.exp(-terms.rate * terms.t);
  });
  // Base values come from the kernel's own formulas on the null scenario, so an unchanged market is exactly 0 P&L.
  const unit = new Float64Array(1);
  const nullMoves = prepare(NULL_SCENARIO).logMultiplier;
  for (let i = 0; i < n; i++) {
    revalueInto(book, i, NULL_SCENARIO, nullMoves, {}, unit, 0, false, 1, 0);
    book.baseValue[i] = unit[0];
  }
  return book;
}

/**
 * Standard normal CDF, Phi(x) = erfc(-x/sqrt 2)/2 with W. J. Cody's rational Chebyshev erfc (Math. Comp. 23, 1969),
 * unrolled with literal coefficients for the hot loop (same coefficients as stats/normal.ts). exp(-y^2) is taken in
 * one call (not Cody's split): its relative error y^2 x 1.1e-16 stays below 1e-13 down to Phi = 1e-300.
 * Cody's middle rational (fitted on 0.46875 < y <= 4) is also used for y <= 0.46875, where it is still accurate to
 * 5e-12 relative (test/engine/pricing/normal.test.ts): one branch fewer in the hot loop.
 */
export function kernelNormalCdf(x: number): number {
  return normalCdfFromGauss(x, Math.exp(-0.5 * x * x));
}

/**
 * Phi(x) given gauss = exp(-x^2 / 2), so callers that know it (d2 from d1) save an exp. The far tail (y > 4, i.e.
 * |x| > 5.66) is a separate function so this body stays small enough for V8 to inline BOTH calls of a price into
 * the scenario loop (an out-of-line call returns a boxed double: one heap allocation per price).
 */
function normalCdfFromGauss(x: number, gauss: number): number {
  const y = Math.abs(x) * Math.SQRT1_2;
  let erfcY: number;
  if (y <= 4) {
    const num =
      (((((((2.1531153547440383e-8 * y + 0.5641884969886701) * y + 8.883149794388377) * y + 66.11919063714163) * y +
        298.6351381974001) * y + 881.952221241769) * y + 1712.0476126340707) * y + 2051.0783778260716) * y + 1230.3393547979972;
    const den =
      (((((((y + 15.744926110709835) * y + 117.6939508913125) * y + 537.1811018620099) * y + 1621.3895745666903) * y +
        3290.7992357334597) * y + 4362.619090143247) * y + 3439.3676741437216) * y + 1230.3393548037495;
    erfcY = gauss * (num / den);
  } else erfcY = +erfcTail(y, gauss);
  return x < 0 ? 0.5 * erfcY : 1 - 0.5 * erfcY;
}

/** erfc(y) for y > 4 given gauss = exp(-y^2): Cody's asymptotic rational, 0 beyond y = 26.55. */
function erfcTail(y: number, gauss: number): number {
  if (!(y < 26.55)) return 0;
  const z = 1 / (y * y);
  const num = ((((0.016315387137302097 * z + 0.30532663496123236) * z + 0.36034489994980445) * z + 0.12578172611122926) * z + 0.016083785148742275) * z + 0.0006587491615298378;
  const den = ((((z + 2.568520192289822) * z + 1.8729528499234604) * z + 0.5279051029514285) * z + 0.06051834131244132) * z + 0.0023352049762686918;
  return (gauss * (0.5641895835477563 - (z * num) / den)) / y;
}

/**
 * Black-76 price per unit at spot multiplier m: sign e^{-rT} (F m N(sign d1) - K N(sign d2)), with
 * d1 = (ln(F/K) + ln m) / sd + sd / 2. exp(-d2^2/2) = exp(-d1^2/2) F m / K (F n(d1) = K n(d2)), so one exp serves
 * both CDFs (recomputed directly when the first underflows).
 */
function optionPrice(sign: number, discountedForward: number, discountedStrike: number, forwardOverStrike: number, logMoneyness: number, m: number, sd: number): number {
  const d1 = logMoneyness / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const gauss1 = Math.exp(-0.5 * d1 * d1);
  const gauss2 = gauss1 > 1e-290 ? gauss1 * m * forwardOverStrike : Math.exp(-0.5 * d2 * d2);
  return sign * (discountedForward * m * normalCdfFromGauss(sign * d1, gauss1) - discountedStrike * normalCdfFromGauss(sign * d2, gauss2));
}

/**
 * Sticky-strike option loop, the hot path, kept small and monomorphic for the JIT.
 * vol = vol0 + shift x shiftFactor (absolute: scale; relative: scale x vol0).
 */
function stickyStrikeLoop(
  count: number,
  width: number,
  column: number,
  mult: Float64Array,
  logMultiplier: Float64Array,
  shifts: Float64Array,
  vol0: number,
  shiftFactor: number,
  sqrtT: number,
  logForwardOverStrike: number,
  forwardOverStrike: number,
  sign: number,
  discountedForward: number,
  discountedStrike: number,
  size: number,
  base: number,
  out: Float64Array,
  offset: number,
  accumulate: boolean,
): void {
  for (let s = 0, j = column; s < count; s++, j += width) {
    const m = mult[j];
    let vol = vol0 + shifts[j] * shiftFactor;
    if (vol < SCENARIO_VOL_FLOOR) vol = SCENARIO_VOL_FLOOR;
    const price = optionPrice(sign, discountedForward, discountedStrike, forwardOverStrike, logForwardOverStrike + logMultiplier[j], m, vol * sqrtT);
    const pnl = size * (price - base);
    if (accumulate) out[offset + s] += pnl;
    else out[offset + s] = pnl;
  }
}

/** Scenario columns of a batch, prepared once and cached per batch object. */
interface PreparedBatch {
  logMultiplier: Float64Array;
}
const prepared = new WeakMap<ScenarioBatch, PreparedBatch>();

function prepare(batch: ScenarioBatch): PreparedBatch {
  let p = prepared.get(batch);
  if (!p) {
    const u = batch.underlyings.length;
    const total = batch.count * u;
    if (batch.spotMultiplier.length !== total || batch.volShift.length !== total) {
      throw new Error(`scenario batch: expected ${total} (= ${batch.count} scenarios x ${u} underlyings) spot multipliers and vol shifts, got ${batch.spotMultiplier.length} and ${batch.volShift.length}`);
    }
    const logMultiplier = new Float64Array(total);
    for (let j = 0; j < total; j++) {
      const m = batch.spotMultiplier[j];
      if (!(m > 0)) throw new Error(`scenario batch: spot multiplier of scenario ${Math.floor(j / u)}, underlying ${batch.underlyings[j % u]} is ${m}, must be > 0`);
      logMultiplier[j] = Math.log(m);
    }
    p = { logMultiplier };
    prepared.set(batch, p);
  }
  return p;
}

/** Term scaling of vol shocks (scenario.ts VolTermScaling) for an option with `days` calendar days left. */
function termScale(options: RevaluationOptions, days: number): number {
  const s = options.volTermScaling;
  if (!s) return 1;
  const raw = days > 0 ? Math.pow(s.referenceDays / days, s.power) : s.cap;
  return Math.min(s.cap, Math.max(s.floor ?? 0, raw));
}

/**
 * Adds (or writes) the USD P&L vector size x (unit value - base) of instrument i into out[offset + s].
 * The hot loop: one ln-free, pow-free pass per scenario for options (two inlined CDFs, one exp shared per option).
 */
function revalueInto(
  book: CompiledBook,
  i: number,
  batch: ScenarioBatch,
  logMultiplier: Float64Array,
  options: RevaluationOptions,
  out: Float64Array,
  offset: number,
  accumulate: boolean,
  size = book.size[i],
  base = book.baseValue[i],
): void {
  const count = batch.count;
  const width = batch.underlyings.length;
  const column = batch.underlyings.indexOf(book.underlyings[book.underlyingOf[i]]);
  const dt = (batch.timeShiftDays ?? 0) / DAYS_PER_YEAR;
  const kind = book.kind[i];
  const s0 = book.spot[i];
  const t1 = Math.max(book.t[i] - dt, 0);
  const f1 = s0 * Math.exp(book.carry[i] * t1); // forward after the time shift, before the spot move
  const mult = batch.spotMultiplier;
  const shifts = batch.volShift;
  if (kind !== 3 || !(t1 > 0)) {
    // Linear instruments, or an option expired within the time shift (intrinsic value). No closure here: this runs
    // once per instrument and call, and a per-call function object costs more than the loop for small batches.
    const f0 = book.forward[i];
    const sign = book.sign[i];
    const k = book.strike[i];
    for (let s = 0; s < count; s++) {
      const m = column < 0 ? 1 : mult[s * width + column];
      let unit: number;
      if (kind === SPOT) unit = s0 * m;
      else if (kind === LINEAR_FORWARD) unit = f1 * m - f0;
      else if (kind === INVERSE_FORWARD) unit = s0 * m * (1 / f0 - 1 / (f1 * m));
      else unit = Math.max(sign * (f1 * m - k), 0);
      const pnl = size * (unit - base);
      if (accumulate) out[offset + s] += pnl;
      else out[offset + s] = pnl;
    }
    return;
  }
  const sign = book.sign[i];
  const k = book.strike[i];
  const sqrtT1 = Math.sqrt(t1);
  const df1 = Math.exp(-book.rate[i] * t1);
  const logF1K = Math.log(f1 / k);
  const vol0 = book.vol[i];
  const scale = termScale(options, t1 * DAYS_PER_YEAR);
  const relative = batch.volShiftMode === 'relative';
  const slice = options.volDynamics === 'sticky-moneyness' ? book.surfaces[book.underlyingOf[i]].sliceAt(t1) : undefined;
  const dfF = df1 * f1;
  const dfK = df1 * k;
  if (column >= 0 && slice === undefined) {
    const shiftFactor = relative ? scale * vol0 : scale;
    stickyStrikeLoop(count, width, column, mult, logMultiplier, shifts, vol0, shiftFactor, sqrtT1, logF1K, f1 / k, sign, dfF, dfK, size, base, out, offset, accumulate);
    return;
  }
  generalOptionLoop(count, width, column, mult, logMultiplier, shifts, slice, vol0, scale, relative, sqrtT1, logF1K, f1 / k, sign, dfF, dfK, size, base, out, offset, accumulate);
}

/**
 * Sticky moneyness (the smile is re-read per scenario) or an underlying the batch does not shock (column < 0).
 * A function of its own so that revalueInto stays small: V8 inlines stickyStrikeLoop with both CDFs into it
 * only while the total inlined code stays under its budget.
 */
function generalOptionLoop(
  count: number,
  width: number,
  column: number,
  mult: Float64Array,
  logMultiplier: Float64Array,
  shifts: Float64Array,
  slice: VolSlice | undefined,
  vol0: number,
  scale: number,
  relative: boolean,
  sqrtT1: number,
  logF1K: number,
  forwardOverStrike: number,
  sign: number,
  dfF: number,
  dfK: number,
  size: number,
  base: number,
  out: Float64Array,
  offset: number,
  accumulate: boolean,
): void {
  for (let s = 0; s < count; s++) {
    const lm = column >= 0 ? logMultiplier[s * width + column] : 0;
    const shift = column >= 0 ? shifts[s * width + column] * scale : 0;
    const volBase = slice === undefined ? vol0 : slice.volAtLogMoneyness(-logF1K - lm);
    let vol = relative ? volBase * (1 + shift) : volBase + shift;
    if (vol < SCENARIO_VOL_FLOOR) vol = SCENARIO_VOL_FLOOR;
    const m = column < 0 ? 1 : mult[s * width + column];
    const price = optionPrice(sign, dfF, dfK, forwardOverStrike, logF1K + lm, m, vol * sqrtT1);
    const pnl = size * (price - base);
    if (accumulate) out[offset + s] += pnl;
    else out[offset + s] = pnl;
  }
}

export function revalue(book: CompiledBook, batch: ScenarioBatch, options: RevaluationOptions = {}): RevaluationResult {
  const count = batch.count;
  const pnl = new Float64Array(count);
  const n = book.instruments.length;
  // The batch is checked and its log-moves computed once here (an empty book leaves it unread, as before).
  const logMultiplier = n > 0 ? prepare(batch).logMultiplier : new Float64Array(0);
  if (options.perInstrument) {
    const perInstrument = new Float64Array(n * count);
    for (let i = 0; i < n; i++) {
      revalueInto(book, i, batch, logMultiplier, options, perInstrument, i * count, false);
      for (let s = 0; s < count; s++) pnl[s] += perInstrument[i * count + s];
    }
    return { pnl, instruments: book.instruments, perInstrument };
  }
  for (let i = 0; i < n; i++) revalueInto(book, i, batch, logMultiplier, options, pnl, 0, true);
  return { pnl, instruments: book.instruments };
}

/** USD P&L vector of one instrument row of a compiled book over the batch. */
export function revalueInstrument(book: CompiledBook, index: number, batch: ScenarioBatch, options: RevaluationOptions = {}): Float64Array {
  if (!(index >= 0 && index < book.instruments.length)) throw new Error(`revalueInstrument: index ${index} outside 0..${book.instruments.length - 1}`);
  const out = new Float64Array(batch.count);
  revalueInto(book, index, batch, prepare(batch).logMultiplier, options, out, 0, false);
  return out;
}

/**
 * Incremental what-if: the book P&L vector with `trades` added, computing only the trades' P&L vectors and adding
 * them to the cached portfolio vector `basePnl` (e.g. revalue(...).pnl). basePnl is not modified.
 */
export function whatIfPnl(basePnl: Float64Array, trades: Position[], market: MarketState | MarketContext, batch: ScenarioBatch, options: RevaluationOptions = {}): Float64Array {
  if (basePnl.length !== batch.count) throw new Error(`whatIfPnl: base P&L has ${basePnl.length} scenarios, batch has ${batch.count}`);
  const tradeBook = compileBook(trades, market);
  const out = Float64Array.from(basePnl);
  const logMultiplier = tradeBook.instruments.length > 0 ? prepare(batch).logMultiplier : new Float64Array(0);
  for (let i = 0; i < tradeBook.instruments.length; i++) revalueInto(tradeBook, i, batch, logMultiplier, options, out, 0, true);
  return out;
}
