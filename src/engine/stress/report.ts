import type { RevaluationResult } from '../scenario';

/**
 * Per-scenario stress outcome from one kernel run with perInstrument P&L: the book's P&L, the P&L of each position,
 * equity after the shock against the maintenance margin required now (the book survives when equity after the
 * shock still covers it), and the positions contributing most to the loss.
 */
export interface StressOutcome {
  scenario: string;
  pnl: number;
  equityAfter: number;
  maintenanceMargin: number;
  survives: boolean;
  /** P&L per instrument, in the kernel's instrument order. */
  positionPnl: Record<string, number>;
  /** The `topN` most negative position P&Ls, worst first. */
  topContributors: { instrument: string; pnl: number }[];
}

export function stressOutcomes(
  scenarioNames: string[],
  result: RevaluationResult,
  equity: number,
  maintenanceMargin: number,
  topN = 5,
): StressOutcome[] {
  const count = result.pnl.length;
  if (scenarioNames.length !== count) throw new RangeError(`stress report: ${scenarioNames.length} names for ${count} scenarios`);
  if (!result.perInstrument) throw new RangeError('stress report: revalue with perInstrument: true');
  const per = result.perInstrument;
  return scenarioNames.map((scenario, s) => {
    const positionPnl: Record<string, number> = {};
    const contributions = result.instruments.map((instrument, i) => ({ instrument, pnl: per[i * count + s] }));
    for (const c of contributions) positionPnl[c.instrument] = c.pnl;
    const equityAfter = equity + result.pnl[s];
    return {
      scenario,
      pnl: result.pnl[s],
      equityAfter,
      maintenanceMargin,
      survives: equityAfter >= maintenanceMargin,
      positionPnl,
      topContributors: contributions.filter((c) => c.pnl < 0).sort((a, b) => a.pnl - b.pnl).slice(0, topN),
    };
  });
}
