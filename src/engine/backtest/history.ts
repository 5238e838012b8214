/**
 * Aligned daily history: the one input backtests, historical stress scenarios and calibration read.
 * Layout is date-major: closes[t * U + u] is the close of underlying u on dates[t]; NaN where not yet listed.
 * vols (optional, same layout) holds implied vols as decimals (DVOL 55.2 -> 0.552), NaN where unknown.
 */
export interface CloseHistory {
  /** ISO days (YYYY-MM-DD), strictly ascending. */
  dates: string[];
  underlyings: string[];
  closes: Float64Array;
  vols?: Float64Array;
}

/**
 * The history as it was known at the close of dates[t]: rows 0..t only. The arrays are views cut at row t, so a
 * consumer cannot read a later price even by mistake (reads past the end give undefined). This is how backtests
 * guarantee no look-ahead: every model estimate at t is computed from this slice, never from the full arrays.
 */
export function historyUpTo(history: CloseHistory, t: number): CloseHistory {
  if (!Number.isInteger(t) || t < 0 || t >= history.dates.length) {
    throw new RangeError(`historyUpTo: row ${t} is outside 0..${history.dates.length - 1}`);
  }
  const end = (t + 1) * history.underlyings.length;
  return {
    dates: history.dates.slice(0, t + 1),
    underlyings: history.underlyings,
    closes: history.closes.subarray(0, end),
    vols: history.vols?.subarray(0, end),
  };
}

/** Row of `date` (exact match), or a clear error naming the date and the covered range. */
export function rowOfDate(history: CloseHistory, date: string): number {
  const row = history.dates.indexOf(date);
  if (row < 0) {
    throw new RangeError(`date ${date} is not in the history (${history.dates[0]} .. ${history.dates[history.dates.length - 1]})`);
  }
  return row;
}

/** First row whose date is >= `date` (dates are ISO strings, so string order is date order); -1 if none. */
export function firstRowOnOrAfter(history: CloseHistory, date: string): number {
  return history.dates.findIndex((d) => d >= date);
}

/** Last row whose date is <= `date`; -1 if none. */
export function lastRowOnOrBefore(history: CloseHistory, date: string): number {
  for (let t = history.dates.length - 1; t >= 0; t--) if (history.dates[t] <= date) return t;
  return -1;
}

/** Column of an underlying, or a clear error listing the available ones. */
export function columnOf(history: CloseHistory, underlying: string): number {
  const u = history.underlyings.indexOf(underlying);
  if (u < 0) throw new RangeError(`underlying ${underlying} is not in the history (have ${history.underlyings.join(', ')})`);
  return u;
}
