import type { CloseHistory } from '../../backtest/history';
import { ewmaVariance } from '../../stats/ewma';
import { filteredHistoricalReturns } from '../../stats/filteredHistoricalSimulation';
import { fitGarch11 } from '../../stats/garch';
import { dailyLogReturns, factorWindow, panelColumn, relativeVolShift, volConventions, type FactorWindow } from './riskFactors';
import { checkScenarioCount, emptyBatch, type VarScenarioSet } from './scenarioSet';
import type { VarSpec } from './spec';

/**
 * Historical simulation: every overlapping MPOR-day joint move of the lookback window, applied to today's prices
 * (spot x close[t + h] / close[t]). With L daily returns there are L - h + 1 scenarios; consecutive scenarios share
 * h - 1 days (overlapping windows: more scenarios, autocorrelated; see docs/methodology/var-es.md).
 */
export function historicalScenarios(history: CloseHistory, underlyings: string[], spec: VarSpec): VarScenarioSet {
  const h = spec.mporDays;
  const w = factorWindow(history, underlyings, spec.lookbackDays + 1);
  const U = underlyings.length;
  const count = w.dates.length - h;
  checkScenarioCount('historical', count, `${w.dates.length} aligned closes from ${w.dates[0]} for a ${h}-day MPOR`);
  const batch = emptyBatch(underlyings, count, h);
  for (let s = 0; s < count; s++) {
    for (let u = 0; u < U; u++) {
      const ratio = w.closes[(s + h) * U + u] / w.closes[s * U + u];
      batch.spotMultiplier[s * U + u] = ratio;
      batch.volShift[s * U + u] = relativeVolShift(w, u, s, s + h, Math.log(ratio), spec.spotVolBeta);
    }
  }
  return {
    batch,
    label: (s) => `${w.dates[s]}..${w.dates[s + h]}`,
    conventions: [
      `Historical simulation: ${count} overlapping ${h}-day joint moves of ${underlyings.join(', ')} over ${w.dates[0]}..${w.dates[w.dates.length - 1]} (${w.dates.length - 1} daily returns on dates where all have closes), applied to today's prices.`,
      volConventions(w, spec.spotVolBeta),
    ],
  };
}

/** Conditional daily volatility path sigma_t of one return column and tomorrow's forecast. */
function conditionalVol(returns: Float64Array, spec: VarSpec): { sigma: Float64Array; today: number; model: string } {
  if (spec.method === 'fhs-garch') {
    const fit = fitGarch11(returns);
    const model = `GARCH(1,1) omega=${fit.omega.toExponential(3)} alpha=${fit.alpha.toFixed(4)} beta=${fit.beta.toFixed(4)}`;
    return { sigma: fit.variance.map(Math.sqrt), today: Math.sqrt(fit.forecast), model };
  }
  const path = ewmaVariance(returns, { lambda: spec.ewmaLambda });
  return { sigma: path.variance.map(Math.sqrt), today: Math.sqrt(path.forecast), model: `EWMA lambda=${spec.ewmaLambda}` };
}

/** Highest conditional vol of returns ending inside the stressed period (return t ends on dates[t + 1]). */
function stressedFloor(w: FactorWindow, sigma: Float64Array, period: NonNullable<VarSpec['stressedPeriod']>, name: string): number {
  let floor = 0;
  for (let t = 0; t < sigma.length; t++) {
    const day = w.dates[t + 1];
    if (day >= period.from && day <= period.to) floor = Math.max(floor, sigma[t]);
  }
  if (floor === 0) {
    throw new RangeError(`VaR stressed period ${period.from}..${period.to}: not covered by the aligned history of ${name} (${w.dates[0]}..${w.dates[w.dates.length - 1]})`);
  }
  return floor;
}

/**
 * Filtered historical simulation (Barone-Adesi et al. 1999; Eurex Prisma): each underlying's daily returns over all
 * aligned history are devolatilised by their conditional vol (EWMA or GARCH(1,1)) and rescaled to today's forecast
 * (floored at the stressed-period vol when configured); the last `lookbackDays` filtered returns are summed into
 * overlapping MPOR-day moves. Implied-vol series keep their historical relative changes.
 */
export function filteredHistoricalScenarios(history: CloseHistory, underlyings: string[], spec: VarSpec): VarScenarioSet {
  const h = spec.mporDays;
  const w = factorWindow(history, underlyings, Infinity);
  const U = underlyings.length;
  const returns = dailyLogReturns(w);
  const T = returns.length / U;
  const L = Math.min(spec.lookbackDays, T);
  const count = L - h + 1;
  checkScenarioCount(spec.method, count, `${T} aligned daily returns from ${w.dates[0]} for a ${h}-day MPOR`);
  const first = T - L; // first daily return in the scenario window
  const filtered = new Float64Array(L * U);
  const notes: string[] = [];
  for (let u = 0; u < U; u++) {
    const column = panelColumn(returns, U, u);
    const { sigma, today, model } = conditionalVol(column, spec);
    const floor = spec.stressedPeriod ? stressedFloor(w, sigma, spec.stressedPeriod, underlyings[u]) : 0;
    const scaled = filteredHistoricalReturns(column, sigma, today, floor);
    for (let t = 0; t < L; t++) filtered[t * U + u] = scaled[first + t];
    const annual = (x: number) => (x * Math.sqrt(365) * 100).toFixed(1);
    notes.push(`${underlyings[u]}: ${model}, today's vol ${annual(today)}%${floor > today ? `, floored at stressed ${annual(floor)}%` : ''} (annualised)`);
  }
  // The implied-vol series only needs to cover the scenario window (DVOL starts years after the prices).
  const recent = factorWindow(history, underlyings, L + 1);
  const batch = emptyBatch(underlyings, count, h);
  for (let s = 0; s < count; s++) {
    for (let u = 0; u < U; u++) {
      let x = 0;
      for (let d = 0; d < h; d++) x += filtered[(s + d) * U + u];
      batch.spotMultiplier[s * U + u] = Math.exp(x);
      batch.volShift[s * U + u] = relativeVolShift(recent, u, s, s + h, x, spec.spotVolBeta);
    }
  }
  return {
    batch,
    label: (s) => `${w.dates[first + s]}..${w.dates[first + s + h]} (filtered)`,
    conventions: [
      `Filtered historical simulation: daily log returns r_t rescaled to r_t x sigma_today / sigma_t over all ${T} aligned returns from ${w.dates[0]}, the last ${L} summed into ${count} overlapping ${h}-day moves.`,
      notes.join('; '),
      volConventions(recent, spec.spotVolBeta),
    ],
  };
}
