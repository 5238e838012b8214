import type { ScenarioBatch } from '../../scenario';

/**
 * A VaR scenario set: the joint moves the book is revalued under (vol shifts are relative, the clock moves by the
 * MPOR), a label per scenario for reports, and the sentences that state how the scenarios were built.
 */
export interface VarScenarioSet {
  batch: ScenarioBatch;
  label(scenario: number): string;
  conventions: string[];
}

/** Smallest scenario count for which a 99% tail holds more than one scenario is 200; below 20 nothing is a tail. */
export const MIN_SCENARIOS = 20;

export function emptyBatch(underlyings: string[], count: number, mporDays: number): ScenarioBatch {
  return {
    count,
    underlyings,
    spotMultiplier: new Float64Array(count * underlyings.length),
    volShift: new Float64Array(count * underlyings.length),
    volShiftMode: 'relative',
    timeShiftDays: mporDays,
  };
}

export function checkScenarioCount(method: string, count: number, detail: string): void {
  if (count < MIN_SCENARIOS) throw new RangeError(`VaR ${method}: only ${count} scenarios (${detail}); need at least ${MIN_SCENARIOS}`);
}
