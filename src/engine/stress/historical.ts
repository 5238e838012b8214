import { scenarioBatch, type ScenarioBatch } from '../scenario';
import { firstRowOnOrAfter, lastRowOnOrBefore, type CloseHistory } from '../backtest/history';

/**
 * Historical stress scenarios derived from the price history (never typed-in numbers): the realised joint moves of
 * every underlying over a named window, and the joint move of every historical day for "worst N days" ranking.
 * A move from row a to row b is spot multiplier close[b] / close[a] per underlying and, where implied vols (DVOL)
 * exist at both rows, an absolute vol shift vol[b] - vol[a]. An underlying not listed at both rows stays unshocked
 * and is reported in `missing`.
 */
export interface HistoricalWindow {
  name: string;
  /** First and last day of the window (inclusive, ISO). */
  from: string;
  to: string;
}

/** Crypto stress episodes. Dates only: the moves are read from the history. */
export const BUILT_IN_WINDOWS: HistoricalWindow[] = [
  { name: 'covid-crash', from: '2020-03-12', to: '2020-03-12' },
  { name: 'china-mining-ban', from: '2021-05-19', to: '2021-05-19' },
  { name: 'luna-collapse', from: '2022-05-09', to: '2022-05-12' },
  { name: 'celsius-freeze', from: '2022-06-13', to: '2022-06-13' },
  { name: 'ftx-collapse', from: '2022-11-08', to: '2022-11-09' },
  { name: 'yen-carry-unwind', from: '2024-08-05', to: '2024-08-05' },
];

export interface NamedScenario {
  name: string;
  /** Per underlying of the history, in its column order. */
  spotMultiplier: number[];
  /** Absolute vol shift (decimal: 0.10 = +10 vol points). */
  volShift: number[];
  /** Underlyings left unshocked because a close was missing. */
  missing: string[];
}

/** The joint move of every underlying from the close of row a to the close of row b. */
export function jointMove(history: CloseHistory, a: number, b: number, name: string): NamedScenario {
  const U = history.underlyings.length;
  const out: NamedScenario = { name, spotMultiplier: new Array(U).fill(1), volShift: new Array(U).fill(0), missing: [] };
  for (let u = 0; u < U; u++) {
    const ratio = history.closes[b * U + u] / history.closes[a * U + u];
    if (Number.isFinite(ratio) && ratio > 0) out.spotMultiplier[u] = ratio;
    else out.missing.push(history.underlyings[u]);
    const dv = history.vols ? history.vols[b * U + u] - history.vols[a * U + u] : NaN;
    if (Number.isFinite(dv)) out.volShift[u] = dv;
  }
  return out;
}

/**
 * Scenarios for one window: the 1-day move of each day in it and, for a multi-day window, the cumulative N-day move
 * from the close before the window to its last close.
 */
export function windowScenarios(history: CloseHistory, window: HistoricalWindow): NamedScenario[] {
  const first = firstRowOnOrAfter(history, window.from);
  const last = lastRowOnOrBefore(history, window.to);
  if (first < 1 || last < first) {
    throw new RangeError(`stress window ${window.name} (${window.from}..${window.to}) is not covered by the history (${history.dates[0]}..${history.dates[history.dates.length - 1]})`);
  }
  const out: NamedScenario[] = [];
  for (let t = first; t <= last; t++) out.push(jointMove(history, t - 1, t, `${window.name} ${history.dates[t]} 1d`));
  const days = last - first + 1;
  if (days > 1) out.push(jointMove(history, first - 1, last, `${window.name} ${history.dates[first]}..${history.dates[last]} ${days}d`));
  return out;
}

export function toScenarioBatch(underlyings: string[], scenarios: NamedScenario[]): ScenarioBatch {
  return scenarioBatch(underlyings, scenarios, 'absolute');
}

/**
 * Every historical joint move over `horizonDays` rows (row t-h to t for t = h..last), as one batch for the kernel,
 * with the end date of each move. Missing closes leave that underlying unshocked in that scenario.
 */
export function allJointMoves(history: CloseHistory, horizonDays = 1): { batch: ScenarioBatch; endDates: string[] } {
  const U = history.underlyings.length;
  const T = history.dates.length;
  const count = Math.max(0, T - horizonDays);
  const spotMultiplier = new Float64Array(count * U).fill(1);
  const volShift = new Float64Array(count * U);
  const endDates = new Array<string>(count);
  for (let s = 0; s < count; s++) {
    const a = s;
    const b = s + horizonDays;
    endDates[s] = history.dates[b];
    for (let u = 0; u < U; u++) {
      const ratio = history.closes[b * U + u] / history.closes[a * U + u];
      if (Number.isFinite(ratio) && ratio > 0) spotMultiplier[s * U + u] = ratio;
      const dv = history.vols ? history.vols[b * U + u] - history.vols[a * U + u] : NaN;
      if (Number.isFinite(dv)) volShift[s * U + u] = dv;
    }
  }
  return { batch: { count, underlyings: history.underlyings, spotMultiplier, volShift, volShiftMode: 'absolute', timeShiftDays: horizonDays }, endDates };
}

/** Indices of the n scenarios with the lowest P&L, worst first; ties keep the earlier scenario first. */
export function worstScenarioIndices(pnl: Float64Array, n: number): number[] {
  const order = Array.from(pnl.keys()).sort((i, j) => pnl[i] - pnl[j] || i - j);
  return order.slice(0, Math.max(0, Math.min(n, order.length)));
}
