import { historyUpTo, type CloseHistory } from './history';

/**
 * The backtest loop over a generic margin function, with no look-ahead by construction.
 *
 * For every test date t: margin(t) = marginAt(history up to t) — the model sees a slice ending at t, so parameters,
 * vols and covariances are re-estimated from data known at t only; loss(t) = -pnlOver(t, t + mpor), the realised
 * loss of the book held constant over the margin period of risk; a breach is loss(t) > margin(t).
 * Test dates whose horizon runs past the end of the history are not tested (their loss is not yet known).
 */
export interface BacktestSpec {
  history: CloseHistory;
  /** Margin period of risk in rows (trading days; crypto trades every calendar day). */
  mporDays: number;
  /** Margin required at the close of the last row of `past` (USD). */
  marginAt(past: CloseHistory): number;
  /** Realised P&L (USD) of the book set up at row t and held until row tEnd. */
  pnlOver(history: CloseHistory, t: number, tEnd: number): number;
  /** Optional margin of the same model with a 10-year lookback (EMIR APC floor), also from the slice up to t. */
  floorMarginAt?(past: CloseHistory): number;
}

export interface BacktestSeries {
  dates: string[];
  margin: Float64Array;
  loss: Float64Array;
  /** 1 where loss > margin. */
  breach: Uint8Array;
  /** Ten-year-lookback margin per date, when the spec has floorMarginAt. */
  floorMargin?: Float64Array;
}

/** Test rows for which the realised MPOR loss is known: t in [fromRow, min(toRow, last - mpor)]. */
export function testableRows(history: CloseHistory, mporDays: number, fromRow: number, toRow: number): [number, number] {
  if (!(Number.isInteger(mporDays) && mporDays >= 1)) throw new RangeError(`mporDays must be a positive integer, got ${mporDays}`);
  const last = Math.min(toRow, history.dates.length - 1 - mporDays);
  return [Math.max(0, fromRow), last];
}

/** Runs the loop over test rows fromRow..toRow inclusive (one chunk of a backtest). */
export function runBacktestRows(spec: BacktestSpec, fromRow: number, toRow: number, onRow?: (done: number) => void): BacktestSeries {
  const n = Math.max(0, toRow - fromRow + 1);
  const out: BacktestSeries = { dates: new Array<string>(n), margin: new Float64Array(n), loss: new Float64Array(n), breach: new Uint8Array(n) };
  if (spec.floorMarginAt) out.floorMargin = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = fromRow + i;
    const past = historyUpTo(spec.history, t);
    const margin = spec.marginAt(past);
    if (out.floorMargin) out.floorMargin[i] = spec.floorMarginAt!(past);
    const loss = -spec.pnlOver(spec.history, t, t + spec.mporDays);
    if (!Number.isFinite(margin)) throw new Error(`backtest: margin at ${spec.history.dates[t]} is not finite (${margin})`);
    if (!Number.isFinite(loss)) throw new Error(`backtest: realised loss from ${spec.history.dates[t]} is not finite (${loss})`);
    out.dates[i] = spec.history.dates[t];
    out.margin[i] = margin;
    out.loss[i] = loss;
    out.breach[i] = loss > margin ? 1 : 0;
    onRow?.(i + 1);
  }
  return out;
}

/** Splits rows a..b into `chunks` contiguous ranges of near-equal size (deterministic, in order). */
export function splitRows(a: number, b: number, chunks: number): [number, number][] {
  const n = b - a + 1;
  if (n <= 0) return [];
  const k = Math.max(1, Math.min(chunks, n));
  const ranges: [number, number][] = [];
  for (let c = 0; c < k; c++) {
    const lo = a + Math.floor((c * n) / k);
    const hi = a + Math.floor(((c + 1) * n) / k) - 1;
    ranges.push([lo, hi]);
  }
  return ranges;
}

/** Concatenates chunk results in date order, whatever order they finished in. */
export function mergeSeries(parts: BacktestSeries[]): BacktestSeries {
  const ordered = parts.filter((p) => p.dates.length > 0).sort((x, y) => (x.dates[0] < y.dates[0] ? -1 : 1));
  const n = ordered.reduce((s, p) => s + p.dates.length, 0);
  const out: BacktestSeries = { dates: [], margin: new Float64Array(n), loss: new Float64Array(n), breach: new Uint8Array(n) };
  const withFloor = ordered.length > 0 && ordered.every((p) => p.floorMargin);
  if (withFloor) out.floorMargin = new Float64Array(n);
  let at = 0;
  for (const p of ordered) {
    if (withFloor) out.floorMargin!.set(p.floorMargin!, at);
    out.dates.push(...p.dates);
    out.margin.set(p.margin, at);
    out.loss.set(p.loss, at);
    out.breach.set(p.breach, at);
    at += p.dates.length;
  }
  return out;
}
