import type { ScenarioBatch } from '../scenario';
import type { CloseHistory } from '../backtest/history';

/**
 * Reverse stress test: the smallest uniform move that wipes out the excess collateral (equity - maintenance margin).
 *
 * A move of size x is a log spot move x * direction[u] for each underlying u (spot multiplier exp(x * d_u)) plus,
 * in the spot+vol variant, an absolute vol shift -volPerLogMove * x * d_u (vol rises as spot falls when the
 * coefficient is positive). Directions: a unit vector per underlying, or the first principal component of the
 * historical covariance of daily log returns (the historical correlation direction).
 * Root finding: one batch scans x on a grid out to maxLogMove on each side; the first grid point where
 * P&L(x) + excess <= 0 brackets the root with its predecessor, then bisection (one-scenario batches) narrows it to
 * `tolerance` in x. Only the P&L function (the kernel) is evaluated; no smoothness is assumed.
 */
export type PnlFunction = (batch: ScenarioBatch) => Float64Array;

export interface ReverseStressSpec {
  underlyings: string[];
  /** Weight of each underlying in the move (same order as underlyings). */
  direction: Float64Array;
  /** Equity minus maintenance margin (USD); a move is fatal when P&L <= -excess. */
  excess: number;
  /** Absolute vol shift per unit log move (0 for spot only). */
  volPerLogMove?: number;
  /** Largest |x| searched (default ln 10: a tenfold move). */
  maxLogMove?: number;
  gridPoints?: number;
  tolerance?: number;
}

export interface ReverseStressSide {
  /** Log move of the direction's unit weight, and the same as a simple % move. */
  logMove: number;
  pctMove: number;
  /** Book P&L at that move (about -excess). */
  pnl: number;
}

/** The fatal move on each side, or null when none within maxLogMove wipes out the excess. */
export interface ReverseStressResult {
  down: ReverseStressSide | null;
  up: ReverseStressSide | null;
}

function movesBatch(spec: ReverseStressSpec, xs: number[]): ScenarioBatch {
  const U = spec.underlyings.length;
  const k = spec.volPerLogMove ?? 0;
  const spotMultiplier = new Float64Array(xs.length * U);
  const volShift = new Float64Array(xs.length * U);
  xs.forEach((x, s) => {
    for (let u = 0; u < U; u++) {
      spotMultiplier[s * U + u] = Math.exp(x * spec.direction[u]);
      volShift[s * U + u] = -k * x * spec.direction[u];
    }
  });
  return { count: xs.length, underlyings: spec.underlyings, spotMultiplier, volShift, volShiftMode: 'absolute' };
}

export function reverseStress(pnlAt: PnlFunction, spec: ReverseStressSpec): ReverseStressResult {
  if (spec.direction.length !== spec.underlyings.length) throw new RangeError('reverse stress: direction needs one weight per underlying');
  const maxX = spec.maxLogMove ?? Math.LN10;
  const n = spec.gridPoints ?? 64;
  const tol = spec.tolerance ?? 1e-6;
  const side = (sign: 1 | -1): ReverseStressSide | null => {
    if (spec.excess <= 0) return { logMove: 0, pctMove: 0, pnl: 0 };
    const xs = Array.from({ length: n }, (_, i) => (sign * maxX * (i + 1)) / n);
    const pnl = pnlAt(movesBatch(spec, xs));
    const hit = pnl.findIndex((p) => p + spec.excess <= 0);
    if (hit < 0) return null;
    let safe = hit === 0 ? 0 : xs[hit - 1];
    let fatal = xs[hit];
    let fatalPnl = pnl[hit];
    while (Math.abs(fatal - safe) > tol) {
      const mid = 0.5 * (safe + fatal);
      const p = pnlAt(movesBatch(spec, [mid]))[0];
      if (p + spec.excess <= 0) {
        fatal = mid;
        fatalPnl = p;
      } else safe = mid;
    }
    return { logMove: fatal, pctMove: Math.expm1(fatal), pnl: fatalPnl };
  };
  return { down: side(-1), up: side(1) };
}

/** Unit direction for one underlying. */
export function singleUnderlyingDirection(underlyings: string[], underlying: string): Float64Array {
  const d = new Float64Array(underlyings.length);
  const u = underlyings.indexOf(underlying);
  if (u < 0) throw new RangeError(`reverse stress: ${underlying} is not among ${underlyings.join(', ')}`);
  d[u] = 1;
  return d;
}

/**
 * First principal component of the sample covariance of daily log returns over rows where every underlying has a
 * close (power iteration), scaled so its largest component is +1: moving x along it moves the most exposed
 * underlying by x and the others by their historical co-movement.
 */
export function correlationDirection(history: CloseHistory): Float64Array {
  const U = history.underlyings.length;
  const T = history.dates.length;
  const rets: number[][] = [];
  for (let t = 1; t < T; t++) {
    const r = new Array<number>(U);
    let ok = true;
    for (let u = 0; u < U && ok; u++) {
      r[u] = Math.log(history.closes[t * U + u] / history.closes[(t - 1) * U + u]);
      ok = Number.isFinite(r[u]);
    }
    if (ok) rets.push(r);
  }
  if (rets.length < 2) throw new RangeError('correlation direction: fewer than 2 days with returns for every underlying');
  const mean = new Float64Array(U);
  for (const r of rets) for (let u = 0; u < U; u++) mean[u] += r[u] / rets.length;
  const cov = new Float64Array(U * U);
  for (const r of rets) for (let i = 0; i < U; i++) for (let j = 0; j < U; j++) cov[i * U + j] += ((r[i] - mean[i]) * (r[j] - mean[j])) / (rets.length - 1);
  let v = new Float64Array(U).fill(1 / Math.sqrt(U));
  for (let iter = 0; iter < 500; iter++) {
    const w = new Float64Array(U);
    for (let i = 0; i < U; i++) for (let j = 0; j < U; j++) w[i] += cov[i * U + j] * v[j];
    const norm = Math.hypot(...w);
    if (norm === 0) break;
    let delta = 0;
    for (let i = 0; i < U; i++) delta = Math.max(delta, Math.abs(w[i] / norm - v[i]));
    v = w.map((x) => x / norm);
    if (delta < 1e-13) break;
  }
  let top = 0;
  for (let u = 0; u < U; u++) if (Math.abs(v[u]) > Math.abs(v[top])) top = u;
  const scale = v[top];
  return v.map((x) => x / scale);
}

/**
 * OLS slope of the daily absolute vol change on the daily log spot return for one underlying, over rows with both:
 * the vol-per-log-move coupling of the spot+vol reverse stress, estimated from DVOL history (negative of the slope,
 * so a positive value means vol rises when spot falls). Returns null when fewer than 30 such days exist.
 */
export function estimateVolPerLogMove(history: CloseHistory, u: number): number | null {
  const U = history.underlyings.length;
  if (!history.vols) return null;
  let n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let t = 1; t < history.dates.length; t++) {
    const x = Math.log(history.closes[t * U + u] / history.closes[(t - 1) * U + u]);
    const y = history.vols[t * U + u] - history.vols[(t - 1) * U + u];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    n++; sx += x; sy += y; sxx += x * x; sxy += x * y;
  }
  if (n < 30) return null;
  return -(n * sxy - sx * sy) / (n * sxx - sx * sx);
}
