import type { CloseHistory } from '../../backtest/history';

/**
 * The risk-factor window every VaR method reads: the last `rows` consecutive rows of the history on which every
 * requested underlying has a close, so all underlyings move jointly on the same dates (their correlation is the
 * real one, not an artefact of mismatched days). An underlying whose implied-vol series (e.g. DVOL) covers at least
 * 90% of the window's rows moves its vol with that series (a missing day takes the previous day's vol); the others
 * move vol by the spot-vol beta.
 */
export interface FactorWindow {
  underlyings: string[];
  /** ISO days of the rows, ascending and consecutive in the history. */
  dates: string[];
  /** closes[t * U + u]. */
  closes: Float64Array;
  /** Implied vols (decimal) for underlyings with a full series, NaN columns otherwise. */
  vols: Float64Array;
  /** hasVolSeries[u]: the implied-vol series covers the window (gaps filled forward). */
  hasVolSeries: boolean[];
}

export function factorWindow(history: CloseHistory, underlyings: string[], rows: number): FactorWindow {
  const H = history.underlyings.length;
  const columns = underlyings.map((name) => {
    const c = history.underlyings.indexOf(name);
    if (c < 0) throw new RangeError(`VaR: no price history for underlying ${name} (history has ${history.underlyings.join(', ') || 'none'})`);
    return c;
  });
  const U = underlyings.length;
  const complete = (t: number) => columns.every((c) => history.closes[t * H + c] > 0);
  let last = history.dates.length - 1;
  while (last >= 0 && !complete(last)) last--;
  if (last < 0) throw new RangeError(`VaR: no date on which ${underlyings.join(', ')} all have closes`);
  let first = last;
  while (first > 0 && last - first + 1 < rows && complete(first - 1)) first--;
  const n = last - first + 1;
  const closes = new Float64Array(n * U);
  const vols = new Float64Array(n * U).fill(Number.NaN);
  const hasVolSeries = columns.map(() => false);
  for (let u = 0; u < U; u++) {
    for (let t = 0; t < n; t++) closes[t * U + u] = history.closes[(first + t) * H + columns[u]];
    if (history.vols) hasVolSeries[u] = fillVolColumn(history.vols, H, columns[u], first, n, vols, U, u);
  }
  return { underlyings, dates: history.dates.slice(first, last + 1), closes, vols, hasVolSeries };
}

/** Smallest share of window rows with an implied vol for the series to drive that underlying's vol. */
export const MIN_VOL_COVERAGE = 0.9;

/**
 * Copies implied vols of history column c (rows first..first+n-1) into column u of `out`, filling a missing day
 * with the previous day's value (the first rows with the first available one). Returns false, leaving NaN, when
 * fewer than MIN_VOL_COVERAGE of the rows have a vol.
 */
function fillVolColumn(src: Float64Array, H: number, c: number, first: number, n: number, out: Float64Array, U: number, u: number): boolean {
  let present = 0;
  let firstValue = Number.NaN;
  for (let t = 0; t < n; t++) {
    const v = src[(first + t) * H + c];
    if (v > 0) {
      present++;
      if (Number.isNaN(firstValue)) firstValue = v;
    }
  }
  if (present < MIN_VOL_COVERAGE * n) return false;
  let last = firstValue;
  for (let t = 0; t < n; t++) {
    const v = src[(first + t) * H + c];
    if (v > 0) last = v;
    out[t * U + u] = last;
  }
  return true;
}

/** Daily log returns of the window, time-major: r[t * U + u] = ln(close[t + 1] / close[t]). */
export function dailyLogReturns(w: FactorWindow): Float64Array {
  const U = w.underlyings.length;
  const T = w.dates.length - 1;
  const r = new Float64Array(Math.max(0, T) * U);
  for (let k = 0; k < r.length; k++) r[k] = Math.log(w.closes[k + U] / w.closes[k]);
  return r;
}

/** Column u of a time-major panel with `columns` columns. */
export function panelColumn(panel: Float64Array, columns: number, u: number): Float64Array {
  const rows = panel.length / columns;
  const out = new Float64Array(rows);
  for (let t = 0; t < rows; t++) out[t] = panel[t * columns + u];
  return out;
}

/**
 * Relative vol shift of a scenario for underlying u: the implied-vol series' relative change from row a to b when
 * the window has one, else exp(beta x logReturn) - 1 (a spot-vol elasticity: -0.5 lifts vol 5.1% on a -10% move).
 */
export function relativeVolShift(w: FactorWindow, u: number, a: number, b: number, logReturn: number, spotVolBeta: number): number {
  const U = w.underlyings.length;
  return w.hasVolSeries[u] ? w.vols[b * U + u] / w.vols[a * U + u] - 1 : Math.expm1(spotVolBeta * logReturn);
}

/** One line per underlying saying how its vol moves, for the result's conventions. */
export function volConventions(w: FactorWindow, spotVolBeta: number): string {
  return w.underlyings
    .map((name, u) => (w.hasVolSeries[u] ? `${name}: vol moves with its implied-vol series (relative change)` : `${name}: vol x exp(${spotVolBeta} x log return) (no full implied-vol series)`))
    .join('; ');
}
