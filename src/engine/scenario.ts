/**
 * The scenario batch: the one shape every consumer of the revaluation kernel (portfolio margin, VaR/ES, stress,
 * backtests, calibration, the optimiser) hands to it. Layout is struct-of-arrays, scenario-major, so a batch of
 * thousands of scenarios is two flat Float64Arrays.
 */
export interface ScenarioBatch {
  /** Number of scenarios. */
  count: number;
  /** Underlyings the columns refer to, in order. Underlyings of the book that are not listed stay unshocked. */
  underlyings: string[];
  /** spotMultiplier[s * U + u] = shocked spot / current spot of underlying u in scenario s. */
  spotMultiplier: Float64Array;
  /** volShift[s * U + u]: +0.05 is +5 vol points (absolute) or vol x 1.05 (relative), per volShiftMode. */
  volShift: Float64Array;
  volShiftMode: 'absolute' | 'relative';
  /** Calendar days the clock moves forward in every scenario (theta); 0 when omitted. */
  timeShiftDays?: number;
}

export interface VolTermScaling {
  /** Shift x min(cap, max(floor, (referenceDays / daysToExpiry) ^ power)): short expiries move more. */
  referenceDays: number;
  power: number;
  cap: number;
  floor?: number;
}

export interface RevaluationOptions {
  /** Also return the per-instrument P&L matrix. */
  perInstrument?: boolean;
  /** Sticky strike keeps each option's vol; sticky moneyness re-reads the smile at the shocked forward. */
  volDynamics?: 'sticky-strike' | 'sticky-moneyness';
  volTermScaling?: VolTermScaling;
}

export interface RevaluationResult {
  /** Book P&L in USD per scenario (shocked value minus current value). */
  pnl: Float64Array;
  /** Unique instrument symbols, in the order of perInstrument's rows. */
  instruments: string[];
  /** perInstrument[i * count + s]: P&L of the aggregated position in instrument i in scenario s (USD). */
  perInstrument?: Float64Array;
}

/** Builds a batch from plain rows, e.g. for stress scenarios typed by a user. */
export function scenarioBatch(
  underlyings: string[],
  rows: { spotMultiplier: number[]; volShift: number[] }[],
  volShiftMode: 'absolute' | 'relative' = 'absolute',
  timeShiftDays = 0,
): ScenarioBatch {
  const u = underlyings.length;
  const spotMultiplier = new Float64Array(rows.length * u);
  const volShift = new Float64Array(rows.length * u);
  rows.forEach((row, s) => {
    for (let j = 0; j < u; j++) {
      spotMultiplier[s * u + j] = row.spotMultiplier[j];
      volShift[s * u + j] = row.volShift[j];
    }
  });
  return { count: rows.length, underlyings, spotMultiplier, volShift, volShiftMode, timeShiftDays };
}
