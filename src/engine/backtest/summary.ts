import { christoffersen, kupiecPof, trafficLightThresholds, trafficLightZone, type LikelihoodRatio, type TrafficLightZone } from '../stats/backtest';
import {
  apcBufferMargin,
  apcLookbackFloorMargin,
  apcStressedWeightMargin,
  EMIR_MIN_BUFFER,
  EMIR_MIN_STRESSED_WEIGHT,
  procyclicalityReport,
  type ProcyclicalityReport,
} from '../stats/procyclicality';
import type { BacktestSeries } from './loop';

/**
 * Descriptive statistics of a backtest series that need no statistical test: breach count and rate, average
 * margin, coverage ratio (average margin over average realised loss on days with a loss), and the shortfall
 * (loss - margin) on breach days. Coverage tests and procyclicality are in backtestReport below.
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

/**
 * Full backtest report: the breach summary, coverage tests (Kupiec POF, Christoffersen independence and
 * conditional coverage), the Basel traffic-light zone scaled for n and the model's confidence, and procyclicality
 * of the margin series with and without each EMIR APC option:
 * (a) 25% buffer released on any day the calculated margin rises (the buffer absorbs the rise first);
 * (b) 25% weight on the stressed margin, taken as the highest margin calculated on any date up to t (no look-ahead);
 * (c) floor at the margin computed with a 10-year lookback (series supplied by the caller, e.g. the same model rerun
 *     with lookbackDays = 3650), when available.
 */
export interface BacktestReport extends BreachSummary {
  confidence: number;
  kupiec: LikelihoodRatio;
  christoffersen: { independence: LikelihoodRatio; conditionalCoverage: LikelihoodRatio };
  trafficLight: { zone: TrafficLightZone; yellowFrom: number; redFrom: number };
  procyclicality: {
    base: ProcyclicalityReport;
    apcBuffer: ProcyclicalityReport;
    apcStressedWeight: ProcyclicalityReport;
    apcLookbackFloor: ProcyclicalityReport | null;
  } | null;
}

export function backtestReport(series: BacktestSeries, confidence: number, tenYearMargin?: Float64Array): BacktestReport {
  const summary = summariseBreaches(series);
  const n = summary.observations;
  if (n < 2) throw new RangeError(`backtest report: need at least 2 test dates, got ${n}`);
  const cc = christoffersen(series.breach, confidence);
  const thresholds = trafficLightThresholds(n, confidence);
  const m = series.margin;
  // Ratios need a positive margin throughout; a book with zero margin on some day has no procyclicality ratio.
  const positive = m.every((x) => x > 0);
  const rises = Array.from(m, (x, t) => t > 0 && x > m[t - 1]);
  const runningMax = new Float64Array(n);
  for (let t = 0; t < n; t++) runningMax[t] = Math.max(m[t], t > 0 ? runningMax[t - 1] : 0);
  return {
    ...summary,
    confidence,
    kupiec: kupiecPof(n, summary.breaches, confidence),
    christoffersen: { independence: cc.independence, conditionalCoverage: cc.conditionalCoverage },
    trafficLight: { zone: trafficLightZone(n, summary.breaches, confidence), ...thresholds },
    procyclicality: positive
      ? {
          base: procyclicalityReport(m),
          apcBuffer: procyclicalityReport(apcBufferMargin(m, rises, EMIR_MIN_BUFFER)),
          apcStressedWeight: procyclicalityReport(apcStressedWeightMargin(m, runningMax, EMIR_MIN_STRESSED_WEIGHT)),
          apcLookbackFloor: tenYearMargin ? procyclicalityReport(apcLookbackFloorMargin(m, tenYearMargin)) : null,
        }
      : null,
  };
}
