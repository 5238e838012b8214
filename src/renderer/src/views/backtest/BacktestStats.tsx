/**
 * The statistics of one backtest run: breaches against the expected count, the coverage tests (Kupiec POF,
 * Christoffersen independence and conditional coverage) with their 5% verdicts, the Basel traffic-light zone in
 * its colour, margin and shortfall figures, and procyclicality with and without each EMIR anti-procyclicality option.
 */
import type { BacktestRunView, ProcyclicalityFigures } from '../../../../shared/contract/backtest';
import { formatCurrency, formatNumber, formatPercent } from '../../format';
import { ExportRunButton } from './ExportRunButton';

type Report = BacktestRunView['report'];

export function ZoneChip({ zone }: { zone: Report['trafficLight']['zone'] | null }) {
  if (!zone) return <span className="muted">—</span>;
  return <span className={`zone-chip zone-${zone}`}>{zone}</span>;
}

function verdict(pValue: number | null): string {
  if (pValue === null) return '';
  return pValue < 0.05 ? 'rejected at 5%' : 'not rejected';
}

function TestRow({ name, lr, pValue }: { name: string; lr: number | null; pValue: number | null }) {
  return (
    <tr>
      <th scope="row">{name}</th>
      <td className="num">{formatNumber(lr, 3)}</td>
      <td className="num">{formatNumber(pValue, 4)}</td>
      <td className={pValue !== null && pValue < 0.05 ? 'negative' : 'muted'}>{verdict(pValue)}</td>
    </tr>
  );
}

export function BacktestStats({ run }: { run: BacktestRunView }) {
  const r = run.report;
  const expected = r.observations * (1 - r.confidence);
  const usd = (v: number | null) => formatCurrency(v, 'USD');
  return (
    <section className="backtest-stats" aria-label="Backtest statistics">
      <div className="stats-head">
        <h2>Statistics</h2>
        <ExportRunButton run={run} />
      </div>
      <table className="figures">
        <tbody>
          <tr>
            <th scope="row">Observations</th>
            <td className="num">{formatNumber(r.observations, 0)} days</td>
          </tr>
          <tr>
            <th scope="row">Breaches (expected)</th>
            <td className="num">
              {formatNumber(r.breaches, 0)} ({formatNumber(expected, 1)})
            </td>
          </tr>
          <tr>
            <th scope="row">Breach rate (expected)</th>
            <td className="num">
              {formatPercent(r.breachRate)} ({formatPercent(1 - r.confidence)})
            </td>
          </tr>
          <tr>
            <th scope="row">Traffic light</th>
            <td className="num">
              <ZoneChip zone={r.trafficLight.zone} />
              <div className="muted small">
                yellow from {r.trafficLight.yellowFrom}, red from {r.trafficLight.redFrom} breaches
              </div>
            </td>
          </tr>
          <tr>
            <th scope="row">Average margin</th>
            <td className="num">{usd(r.averageMargin)}</td>
          </tr>
          <tr>
            <th scope="row" title="Average margin over the average realised loss on days with a loss">
              Coverage ratio
            </th>
            <td className="num">{r.coverageRatio === null ? 'no loss days' : `${formatNumber(r.coverageRatio, 2)}×`}</td>
          </tr>
          <tr>
            <th scope="row">Average shortfall (breach days)</th>
            <td className="num">{usd(r.averageShortfall)}</td>
          </tr>
          <tr>
            <th scope="row">Worst shortfall</th>
            <td className="num">{usd(r.worstShortfall)}</td>
          </tr>
        </tbody>
      </table>
      <table className="tests">
        <thead>
          <tr>
            <th scope="col">Coverage test</th>
            <th scope="col" className="num">
              LR
            </th>
            <th scope="col" className="num">
              p-value
            </th>
            <th scope="col">Result</th>
          </tr>
        </thead>
        <tbody>
          <TestRow name="Kupiec POF" lr={r.kupiec.lr} pValue={r.kupiec.pValue} />
          <TestRow name="Christoffersen independence" lr={r.christoffersen.independence.lr} pValue={r.christoffersen.independence.pValue} />
          <TestRow name="Christoffersen conditional coverage" lr={r.christoffersen.conditionalCoverage.lr} pValue={r.christoffersen.conditionalCoverage.pValue} />
        </tbody>
      </table>
    </section>
  );
}

/** Largest rise in USD with the day it ended, and the largest relative rise (which may fall on another day). */
function Increase({ value, at, dates, relative }: { value: number | null; at: number; dates: string[] | null; relative: number | null }) {
  if (value === null || at < 0) return <span className="muted">—</span>;
  return (
    <>
      {formatCurrency(value, 'USD')}
      {dates?.[at] ? <span className="muted"> on {dates[at]}</span> : null}
      <span className="muted"> · max {formatPercent(relative, 1)}</span>
    </>
  );
}

/** Procyclicality of the margin series, as run and under EMIR APC options (a), (b) and (c). */
export function ProcyclicalityTable({ run }: { run: BacktestRunView }) {
  const p = run.report.procyclicality;
  if (!p) return <p className="muted">No procyclicality figures: the margin was not positive on every day.</p>;
  const dates = run.series?.dates ?? null;
  const rows: [string, ProcyclicalityFigures | null][] = [
    ['Margin as run', p.base],
    ['(a) 25% buffer, released on rises', p.apcBuffer],
    ['(b) 25% weight on stressed margin', p.apcStressedWeight],
    ['(c) floor at 10-year-lookback margin', p.apcLookbackFloor],
  ];
  return (
    <section className="procyclicality" aria-label="Procyclicality">
      <h2>Procyclicality (EMIR APC options)</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">Margin series</th>
            <th scope="col" className="num">
              Peak-to-trough
            </th>
            <th scope="col" className="num">
              Max / min
            </th>
            <th scope="col" className="num">
              Largest 1-day increase
            </th>
            <th scope="col" className="num">
              Largest 5-day increase
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, f]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {f ? (
                <>
                  <td className="num">{formatNumber(f.peakToTrough, 2)}×</td>
                  <td className="num">{formatNumber(f.maxToMin, 2)}×</td>
                  <td className="num">
                    <Increase value={f.oneDay.absolute} at={f.oneDay.absoluteAt} relative={f.oneDay.relative} dates={dates} />
                  </td>
                  <td className="num">
                    <Increase value={f.fiveDay.absolute} at={f.fiveDay.absoluteAt} relative={f.fiveDay.relative} dates={dates} />
                  </td>
                </>
              ) : (
                <td colSpan={4} className="muted">
                  not computed (run a VaR/ES model with “EMIR 10-year floor” ticked)
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
