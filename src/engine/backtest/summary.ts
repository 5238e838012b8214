import type { BacktestSeries } from './loop';

/**
 * Descriptive statistics of a backtest series that need no statistical test: breach count and rate, average
 * margin, coverage ratio (average margin over average realised loss on days with a loss), and the shortfall
 * (loss - margin) on breach days. Coverage tests and procyclicality come from src/engine/stats (see backtestStats.ts).
 */
export interface BreachSummary {
  observations: number;
  breaches: number;
  breachRate: number;
  /** Breach dates in order. */
  breachDates: string[];
  averageMargin: number;
  averageLossOnLossDays: number;
  coverageRatio: number;
  averageShortfall: number;
  worstShortfall: number;
}

export function summariseBreaches(series: BacktestSeries): BreachSummary {
  const n = series.dates.length;
  let breaches = 0, marginSum = 0, lossSum = 0, lossDays = 0, shortfallSum = 0, worstShortfall = 0;
  const breachDates: string[] = [];
  for (let i = 0; i < n; i++) {
    marginSum += series.margin[i];
    if (series.loss[i] > 0) {
      lossSum += series.loss[i];
      lossDays++;
    }
    if (series.breach[i]) {
      breaches++;
      breachDates.push(series.dates[i]);
      const shortfall = series.loss[i] - series.margin[i];
      shortfallSum += shortfall;
      worstShortfall = Math.max(worstShortfall, shortfall);
    }
  }
  const averageMargin = n > 0 ? marginSum / n : 0;
  const averageLossOnLossDays = lossDays > 0 ? lossSum / lossDays : 0;
  return {
    observations: n,
    breaches,
    breachRate: n > 0 ? breaches / n : 0,
    breachDates,
    averageMargin,
    averageLossOnLossDays,
    coverageRatio: averageLossOnLossDays > 0 ? averageMargin / averageLossOnLossDays : Infinity,
    averageShortfall: breaches > 0 ? shortfallSum / breaches : 0,
    worstShortfall,
  };
}
