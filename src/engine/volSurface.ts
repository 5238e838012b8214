import type { OptionRight } from './instrument';
import type { UnderlyingMarket, VolSmile } from './market';
import type { ForwardCurve } from './pricing/forward';
import { timeToExpiry } from './time';

/**
 * Implied vol surface of one underlying built from per-expiry smiles (or a flat vol).
 * - Within a smile: vol is linear in log-moneyness k = ln(K / F(T_i)), flat beyond the first and last strikes.
 * - Across expiries at fixed k: total variance w = v^2 T is linear in T between smiles; before the first and after
 *   the last smile the vol of that smile is held flat.
 * - checkCalendarArbitrage: total variance must not decrease with expiry at any log-moneyness (Gatheral,
 *   "The Volatility Surface", 2006, ch. 3); violations come back as warnings, not errors.
 */
export interface VolSlice {
  /** Vol at log-moneyness k = ln(K / F(t)) for this slice's expiry. */
  volAtLogMoneyness(k: number): number;
}

export interface VolSurface {
  /** Vol for strike K at t years, where F is the forward for t. */
  volAt(strike: number, t: number, forward: number): number;
  /** The smile at t years (for sticky-moneyness scenarios, evaluated many times). */
  sliceAt(t: number): VolSlice;
  checkCalendarArbitrage(): string[];
}

interface SmileNodes {
  t: number;
  logMoneyness: Float64Array;
  vols: Float64Array;
}

/** Piecewise-linear vol in k with flat extrapolation. */
function smileVol(s: SmileNodes, k: number): number {
  const x = s.logMoneyness;
  const n = x.length;
  if (k <= x[0]) return s.vols[0];
  if (k >= x[n - 1]) return s.vols[n - 1];
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid] <= k) lo = mid;
    else hi = mid;
  }
  const w = (k - x[lo]) / (x[hi] - x[lo]);
  return s.vols[lo] + w * (s.vols[hi] - s.vols[lo]);
}

/** Vol at t between smiles a and b (a.t < t < b.t): total variance v^2 T linear in T at fixed log-moneyness k. */
function interpolatedVol(a: SmileNodes, b: SmileNodes, t: number, k: number): number {
  const weight = (t - a.t) / (b.t - a.t);
  const va = smileVol(a, k);
  const vb = smileVol(b, k);
  const w = (1 - weight) * va * va * a.t + weight * vb * vb * b.t;
  return Math.sqrt(Math.max(w, 0) / t);
}

function flatSurface(vol: number): VolSurface {
  const slice: VolSlice = { volAtLogMoneyness: () => vol };
  return { volAt: () => vol, sliceAt: () => slice, checkCalendarArbitrage: () => [] };
}

function validateSmile(underlying: string, smile: VolSmile): void {
  const where = `vol smile ${underlying} expiry ${new Date(smile.expiry).toISOString()}`;
  if (smile.strikes.length === 0 || smile.strikes.length !== smile.vols.length) {
    throw new Error(`${where}: needs as many vols as strikes (strikes ${smile.strikes.length}, vols ${smile.vols.length})`);
  }
  smile.strikes.forEach((k, i) => {
    if (!(k > 0) || (i > 0 && !(k > smile.strikes[i - 1]))) throw new Error(`${where}: strike[${i}] = ${k} is not positive and increasing`);
    if (!(smile.vols[i] > 0)) throw new Error(`${where}: vol[${i}] = ${smile.vols[i]} must be positive`);
  });
}

export function buildVolSurface(market: UnderlyingMarket, valuationTime: number, forwards: ForwardCurve): VolSurface {
  if (typeof market.vol === 'number') {
    if (!(market.vol >= 0)) throw new Error(`market ${market.underlying}: flat vol ${market.vol} must be non-negative`);
    return flatSurface(market.vol);
  }
  market.vol.forEach((s) => validateSmile(market.underlying, s));
  const smiles: SmileNodes[] = market.vol
    .map((s) => ({ s, t: timeToExpiry(valuationTime, s.expiry) }))
    .filter(({ t }) => t > 0)
    .sort((a, b) => a.t - b.t)
    .map(({ s, t }) => {
      const f = forwards.forwardAt(t);
      return { t, logMoneyness: Float64Array.from(s.strikes, (k) => Math.log(k / f)), vols: Float64Array.from(s.vols) };
    });
  if (smiles.length === 0) throw new Error(`market ${market.underlying}: no vol smile with an expiry after the valuation time`);

  /**
   * Vol at log-moneyness k for t years: the smile itself outside the smiles' span, else total variance linear in
   * t between the two neighbouring smiles. Plain function (no slice object) for volAt, called once per option.
   */
  const volAtTime = (t: number, k: number): number => {
    const n = smiles.length;
    if (t <= smiles[0].t) return smileVol(smiles[0], k);
    if (t >= smiles[n - 1].t) return smileVol(smiles[n - 1], k);
    let i = 1;
    while (smiles[i].t < t) i++;
    return interpolatedVol(smiles[i - 1], smiles[i], t, k);
  };

  const sliceAt = (t: number): VolSlice => {
    const n = smiles.length;
    if (t <= smiles[0].t) return { volAtLogMoneyness: (k) => smileVol(smiles[0], k) };
    if (t >= smiles[n - 1].t) return { volAtLogMoneyness: (k) => smileVol(smiles[n - 1], k) };
    let i = 1;
    while (smiles[i].t < t) i++;
    const a = smiles[i - 1];
    const b = smiles[i];
    return { volAtLogMoneyness: (k) => interpolatedVol(a, b, t, k) };
  };

  const checkCalendarArbitrage = (): string[] => {
    const warnings: string[] = [];
    for (let i = 1; i < smiles.length; i++) {
      const a = smiles[i - 1];
      const b = smiles[i];
      const grid = [...new Set([...a.logMoneyness, ...b.logMoneyness])].sort((x, y) => x - y);
      for (const k of grid) {
        const wa = smileVol(a, k) ** 2 * a.t;
        const wb = smileVol(b, k) ** 2 * b.t;
        if (wb < wa * (1 - 1e-12)) {
          warnings.push(
            `${market.underlying}: total variance falls from ${wa.toFixed(6)} (T=${a.t.toFixed(4)}y) to ${wb.toFixed(6)} ` +
              `(T=${b.t.toFixed(4)}y) at log-moneyness ${k.toFixed(4)} (calendar arbitrage)`,
          );
        }
      }
    }
    return warnings;
  };

  return {
    volAt: (strike, t, forward) => volAtTime(t, Math.log(strike / forward)),
    sliceAt,
    checkCalendarArbitrage,
  };
}

/** One option quote with its implied vol, e.g. a row of an imported chain. */
export interface ChainVolRow {
  expiry: number;
  strike: number;
  right: OptionRight;
  iv: number;
  /** Forward (underlying price) of this expiry: picks the out-of-the-money side when both rights are quoted. */
  forward: number;
}

/**
 * Builds per-expiry smiles from chain rows: one vol per strike, from the out-of-the-money option (call at K >= F,
 * put below) when both are quoted, otherwise from whichever is. Rows without a finite positive IV are skipped.
 */
export function smilesFromChain(rows: ChainVolRow[]): VolSmile[] {
  const byExpiry = new Map<number, Map<number, { iv: number; otm: boolean }>>();
  for (const row of rows) {
    if (!(Number.isFinite(row.iv) && row.iv > 0)) continue;
    const otm = row.right === 'call' ? row.strike >= row.forward : row.strike < row.forward;
    let strikes = byExpiry.get(row.expiry);
    if (!strikes) byExpiry.set(row.expiry, (strikes = new Map()));
    const existing = strikes.get(row.strike);
    if (!existing || (otm && !existing.otm)) strikes.set(row.strike, { iv: row.iv, otm });
  }
  return [...byExpiry.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([expiry, strikes]) => {
      const sorted = [...strikes.entries()].sort((a, b) => a[0] - b[0]);
      return { expiry, strikes: sorted.map(([k]) => k), vols: sorted.map(([, q]) => q.iv) };
    });
}
