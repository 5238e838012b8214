import type { BacktestReport } from '../../engine/backtest/summary';
import type { StoredRun } from '../store';
import { finiteOrNull } from './marginReport';
import type { ReportModel, ReportTable, SummaryFigure } from './reportModel';

/**
 * Reports of stored runs (`offset export --run ID`). Backtest runs hold a BacktestReport (JSON: Infinity became
 * null) and, when the run kept it, the daily series { dates, margin, loss, breach }. Other run kinds have no export.
 */
interface DailySeries {
  dates: string[];
  margin: number[];
  loss: number[];
  breach: (number | boolean)[];
}

const DAY_MS = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function backtestStatisticsTable(r: BacktestReport): ReportTable {
  const rejected = (p: number) => (p < 0.05 ? 'rejected at 5%' : 'not rejected at 5%');
  return {
    columns: [
      { key: 'test', header: 'Test', format: 'text' },
      { key: 'statistic', header: 'Statistic', format: 'number' },
      { key: 'dof', header: 'Degrees of freedom', format: 'integer' },
      { key: 'pValue', header: 'p-value', format: 'number' },
      { key: 'result', header: 'Result', format: 'text' },
    ],
    rows: [
      { test: 'Kupiec POF (LR)', statistic: r.kupiec.lr, dof: 1, pValue: r.kupiec.pValue, result: rejected(r.kupiec.pValue) },
      { test: 'Christoffersen independence (LR)', statistic: r.christoffersen.independence.lr, dof: 1, pValue: r.christoffersen.independence.pValue, result: rejected(r.christoffersen.independence.pValue) },
      { test: 'Christoffersen conditional coverage (LR)', statistic: r.christoffersen.conditionalCoverage.lr, dof: 2, pValue: r.christoffersen.conditionalCoverage.pValue, result: rejected(r.christoffersen.conditionalCoverage.pValue) },
      { test: 'Basel traffic light (breaches)', statistic: r.breaches, dof: null, pValue: null, result: `${r.trafficLight.zone} (yellow from ${r.trafficLight.yellowFrom}, red from ${r.trafficLight.redFrom})` },
    ],
  };
}

export function dailySeriesTable(s: DailySeries): ReportTable {
  return {
    columns: [
      { key: 'date', header: 'Date', format: 'date' },
      { key: 'margin', header: 'Margin (USD)', format: 'usd' },
      { key: 'loss', header: 'Realised loss (USD)', format: 'usd' },
      { key: 'breach', header: 'Breach', format: 'boolean' },
    ],
    rows: s.dates.map((d, t) => ({ date: DAY_MS(d), margin: s.margin[t], loss: s.loss[t], breach: Boolean(s.breach[t]) })),
  };
}

function backtestFigures(r: BacktestReport): SummaryFigure[] {
  return [
    { label: 'Confidence', value: r.confidence, format: 'percent' },
    { label: 'Observations (days)', value: r.observations, format: 'integer' },
    { label: 'Breaches', value: r.breaches, format: 'integer' },
    { label: 'Expected breaches', value: r.observations * (1 - r.confidence), format: 'number' },
    { label: 'Breach rate', value: r.breachRate, format: 'percent' },
    { label: 'Average margin (USD)', value: r.averageMargin, format: 'usd' },
    { label: 'Coverage ratio (avg margin / avg loss)', value: finiteOrNull(r.coverageRatio), format: 'number' },
    { label: 'Worst shortfall (USD)', value: r.worstShortfall, format: 'usd' },
    { label: 'Traffic light', value: r.trafficLight.zone, format: 'text' },
  ];
}

function flatParameters(params: unknown): Record<string, string | number> {
  if (typeof params !== 'object' || params === null) return {};
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === 'number' || typeof v === 'string' ? v : JSON.stringify(v)]));
}

export type BacktestTables = Pick<ReportModel['tables'], 'backtestStatistics' | 'dailySeries'>;

function backtestResults(run: StoredRun): (BacktestReport & { series?: DailySeries }) | undefined {
  const results = run.results as (BacktestReport & { series?: DailySeries }) | undefined;
  return results && typeof results.observations === 'number' && results.kupiec ? results : undefined;
}

function isDailySeries(s: unknown): s is DailySeries {
  const o = s as Partial<DailySeries> | undefined;
  return Array.isArray(o?.dates) && Array.isArray(o.margin) && Array.isArray(o.loss) && Array.isArray(o.breach);
}

/** The backtest statistics (and daily series, when the run kept one) of a stored backtest run; undefined for other runs. */
export function backtestTables(run: StoredRun): BacktestTables | undefined {
  const results = run.kind === 'backtest' ? backtestResults(run) : undefined;
  if (!results) return undefined;
  const tables: BacktestTables = { backtestStatistics: backtestStatisticsTable(results) };
  if (isDailySeries(results.series)) tables.dailySeries = dailySeriesTable(results.series);
  return tables;
}

export function runReport(run: StoredRun, generatedAt: number, synthetic: boolean): ReportModel {
  if (run.kind !== 'backtest') throw new Error(`run ${run.id} is a ${run.kind} run; only backtest runs export (margin: offset export <portfolio> --model ...)`);
  const results = backtestResults(run);
  const tables = backtestTables(run);
  if (!results || !tables) throw new Error(`run ${run.id}: results are not a backtest report`);
  return {
    summary: {
      title: `Backtest report: run ${run.id}${run.portfolio ? ` (${run.portfolio})` : ''}`,
      book: run.portfolio ?? String((run.inputs as { book?: string })?.book ?? ''),
      model: flatParameters(run.params).model?.toString() ?? 'unknown',
      parameters: { ...flatParameters(run.inputs), ...flatParameters(run.params) },
      valuationTime: run.finishedAt ?? run.startedAt,
      generatedAt,
      figures: backtestFigures(results),
      notes: ['Breach: realised MPOR loss above the margin set at the start of the period (no look-ahead).', 'p-values from the chi-square distribution of the likelihood ratio.'],
      synthetic,
    },
    tables,
  };
}
