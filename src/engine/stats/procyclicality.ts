/**
 * Procyclicality metrics of a margin time series and the EMIR anti-procyclicality (APC) tools of Commission
 * Delegated Regulation (EU) No 153/2013, Article 28(1):
 *   (a) a margin buffer of at least 25% of calculated margin, which may be exhausted when margin rises significantly;
 *   (b) at least 25% weight on stressed observations in the lookback period;
 *   (c) margin not lower than that computed with volatility over a 10-year lookback.
 *
 * Definitions used here:
 * - peak-to-trough ratio: max over t of m_t / min_{s <= t} m_s, the largest rise from an earlier trough (a fall
 *   does not count, only the procyclical increase); maxToMinRatio is the plain max / min over the period.
 * - largest h-day increase: max over t of m_t - m_{t-h} (absolute) and of m_t / m_{t-h} - 1 (relative), each with
 *   the index t where it occurs (the two maxima may fall on different days).
 * - (a) buffer: collected c_t = (1 + b) m_t normally; on a release day c_t = min((1 + b) m_t, max(m_t, c_{t-1})),
 *   i.e. collected margin holds still while the buffer absorbs the rise, and never falls below calculated margin.
 * - (b) on a margin series: m_t' = (1 - w) m_t + w m_stressed_t (blend with margin from the stressed period); on a
 *   scenario set: `stressedScenarioWeights` gives weights for weightedTailRisk so the stressed scenarios carry w.
 * - (c) m_t' = max(m_t, m10y_t), with m10y the margin from a 10-year lookback computed by the caller.
 */
import { assertFiniteArray } from './validate';

function checkMargins(name: string, margin: ArrayLike<number>, positive: boolean): void {
  if (margin.length === 0) throw new RangeError(`${name}: the margin series is empty`);
  assertFiniteArray(name, margin, 'margin');
  if (positive) {
    for (let t = 0; t < margin.length; t++) if (!(margin[t] > 0)) throw new RangeError(`${name}: margin[${t}] = ${margin[t]} must be > 0 for a ratio`);
  }
}

export function peakToTroughRatio(margin: ArrayLike<number>): number {
  checkMargins('peakToTroughRatio', margin, true);
  let trough = margin[0];
  let best = 1;
  for (let t = 1; t < margin.length; t++) {
    trough = Math.min(trough, margin[t]);
    best = Math.max(best, margin[t] / trough);
  }
  return best;
}

export function maxToMinRatio(margin: ArrayLike<number>): number {
  checkMargins('maxToMinRatio', margin, true);
  let lo = Infinity;
  let hi = -Infinity;
  for (let t = 0; t < margin.length; t++) {
    lo = Math.min(lo, margin[t]);
    hi = Math.max(hi, margin[t]);
  }
  return hi / lo;
}

export interface LargestIncrease {
  absolute: number;
  absoluteAt: number;
  relative: number;
  relativeAt: number;
}

/** Largest h-day increase; -1 indices and -Infinity values when the series is shorter than h + 1. */
export function largestIncrease(margin: ArrayLike<number>, horizon = 1): LargestIncrease {
  checkMargins('largestIncrease', margin, true);
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`largestIncrease: horizon ${horizon} must be an integer >= 1`);
  const out: LargestIncrease = { absolute: -Infinity, absoluteAt: -1, relative: -Infinity, relativeAt: -1 };
  for (let t = horizon; t < margin.length; t++) {
    const change = margin[t] - margin[t - horizon];
    const relative = margin[t] / margin[t - horizon] - 1;
    if (change > out.absolute) [out.absolute, out.absoluteAt] = [change, t];
    if (relative > out.relative) [out.relative, out.relativeAt] = [relative, t];
  }
  return out;
}

export interface ProcyclicalityReport {
  peakToTrough: number;
  maxToMin: number;
  oneDay: LargestIncrease;
  fiveDay: LargestIncrease;
}

export function procyclicalityReport(margin: ArrayLike<number>): ProcyclicalityReport {
  return {
    peakToTrough: peakToTroughRatio(margin),
    maxToMin: maxToMinRatio(margin),
    oneDay: largestIncrease(margin, 1),
    fiveDay: largestIncrease(margin, 5),
  };
}

export const EMIR_MIN_BUFFER = 0.25;
export const EMIR_MIN_STRESSED_WEIGHT = 0.25;
export const EMIR_LOOKBACK_FLOOR_YEARS = 10;

/** APC option (a): collected margin with a releasable buffer (see module comment). */
export function apcBufferMargin(margin: ArrayLike<number>, release: ArrayLike<boolean>, buffer = EMIR_MIN_BUFFER): Float64Array {
  checkMargins('apcBufferMargin', margin, false);
  if (release.length !== margin.length) throw new RangeError(`apcBufferMargin: ${release.length} release flags for ${margin.length} days`);
  if (!(buffer >= EMIR_MIN_BUFFER)) throw new RangeError(`apcBufferMargin: buffer ${buffer} is below the EMIR minimum of 25%`);
  const out = new Float64Array(margin.length);
  for (let t = 0; t < margin.length; t++) {
    const full = (1 + buffer) * margin[t];
    out[t] = release[t] && t > 0 ? Math.min(full, Math.max(margin[t], out[t - 1])) : full;
  }
  return out;
}

/** APC option (b) on a margin series: (1 - w) m_t + w stressed_t, stressed given per day or as one number. */
export function apcStressedWeightMargin(
  margin: ArrayLike<number>,
  stressedMargin: number | ArrayLike<number>,
  weight = EMIR_MIN_STRESSED_WEIGHT,
): Float64Array {
  checkMargins('apcStressedWeightMargin', margin, false);
  if (!(weight >= EMIR_MIN_STRESSED_WEIGHT && weight <= 1)) throw new RangeError(`apcStressedWeightMargin: weight ${weight} must be in [0.25, 1]`);
  if (typeof stressedMargin !== 'number' && stressedMargin.length !== margin.length) {
    throw new RangeError(`apcStressedWeightMargin: ${stressedMargin.length} stressed margins for ${margin.length} days`);
  }
  const out = new Float64Array(margin.length);
  for (let t = 0; t < margin.length; t++) {
    const stressed = typeof stressedMargin === 'number' ? stressedMargin : stressedMargin[t];
    out[t] = (1 - weight) * margin[t] + weight * stressed;
  }
  return out;
}

/**
 * APC option (b) on a scenario set: weights for `normalCount` lookback scenarios followed by `stressedCount`
 * stressed-period scenarios, so the stressed ones together weigh `weight` (each normal (1-w)/N, each stressed w/S).
 */
export function stressedScenarioWeights(normalCount: number, stressedCount: number, weight = EMIR_MIN_STRESSED_WEIGHT): Float64Array {
  if (!(Number.isInteger(normalCount) && normalCount >= 1 && Number.isInteger(stressedCount) && stressedCount >= 1)) {
    throw new RangeError(`stressedScenarioWeights: counts ${normalCount} and ${stressedCount} must be integers >= 1`);
  }
  if (!(weight >= EMIR_MIN_STRESSED_WEIGHT && weight < 1)) throw new RangeError(`stressedScenarioWeights: weight ${weight} must be in [0.25, 1)`);
  const weights = new Float64Array(normalCount + stressedCount);
  weights.fill((1 - weight) / normalCount, 0, normalCount);
  weights.fill(weight / stressedCount, normalCount);
  return weights;
}

/** APC option (c): max(m_t, 10-year-lookback margin_t). */
export function apcLookbackFloorMargin(margin: ArrayLike<number>, tenYearMargin: ArrayLike<number>): Float64Array {
  checkMargins('apcLookbackFloorMargin', margin, false);
  if (tenYearMargin.length !== margin.length) throw new RangeError(`apcLookbackFloorMargin: ${tenYearMargin.length} floor margins for ${margin.length} days`);
  assertFiniteArray('apcLookbackFloorMargin', tenYearMargin, 'tenYearMargin');
  return Float64Array.from(margin, (m, t) => Math.max(m, tenYearMargin[t]));
}
