/**
 * Backtest view: a run form (books, model, dates) started as a tracked job with progress and Cancel; the result
 * as a chart of margin against realised loss with breaches marked, the statistics (coverage tests, traffic light)
 * and procyclicality; and the stored past runs, any of which reopens with the same chart and figures.
 */
import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import type { ApiResult } from '../../../shared/api';
import type { BacktestRunListItem, BacktestRunView } from '../../../shared/contract/backtest';
import { useApi } from '../api/ApiContext';
import { chartColors, EChart } from '../charts/EChart';
import { ErrorMessage } from '../ErrorMessage';
import { formatNumber } from '../format';
import { JobProgressBar, useJob } from '../jobs';
import { useAsync } from '../useAsync';
import { useWorkspace } from '../workspace';
import { backtestChartOption } from './backtest/backtestChart';
import { BacktestStats, ProcyclicalityTable, ZoneChip } from './backtest/BacktestStats';
import { backtestModelLabel, formatUtcDateTime, runWindow } from './backtest/modelText';
import { PastRuns } from './backtest/PastRuns';
import { initialRunForm, toRunSettings, type RunForm } from './backtest/runForm';
import { RunFormFields } from './backtest/RunFormFields';
import './backtest/backtest.css';

type Setup = ApiResult<'getBacktestSetup'>;

export function BacktestView() {
  const api = useApi();
  const setup = useAsync(() => api.getBacktestSetup({}), [api]);
  if (setup.status === 'failed') return <ErrorMessage title="Could not load the backtest settings" error={setup.error} />;
  if (setup.status === 'loading') return <p className="muted view">Loading…</p>;
  return <BacktestWorkbench setup={setup.value} />;
}

const pastRunColumns: ColDef<BacktestRunListItem>[] = [
  { field: 'id', headerName: 'Run', width: 76, valueFormatter: ({ value }) => `#${value}` },
  { field: 'startedAt', headerName: 'Started (UTC)', width: 160, valueFormatter: ({ value }) => formatUtcDateTime(value) },
  { field: 'book', headerName: 'Book', flex: 1.2, minWidth: 140 },
  { colId: 'model', headerName: 'Model', flex: 1.4, minWidth: 160, valueGetter: ({ data }) => (data ? backtestModelLabel(data.model) : '') },
  { colId: 'window', headerName: 'Dates', width: 200, valueGetter: ({ data }) => (data ? runWindow(data) : '') },
  { field: 'observations', headerName: 'Days', width: 80, type: 'numericColumn' },
  { field: 'breaches', headerName: 'Breaches', width: 96, type: 'numericColumn' },
  { field: 'zone', headerName: 'Zone', width: 90, cellRenderer: ({ value }: { value: BacktestRunListItem['zone'] }) => <ZoneChip zone={value} /> },
];

function BacktestWorkbench({ setup }: { setup: Setup }) {
  const api = useApi();
  const { portfolio, model } = useWorkspace();
  const [form, setForm] = useState<RunForm>(() => initialRunForm(model, setup.history?.last ?? null));
  const [apcFloor, setApcFloor] = useState(false);
  const job = useJob<ApiResult<'runBacktest'>>();
  const [opened, setOpened] = useState<{ runs: BacktestRunView[] } | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const [listVersion, setListVersion] = useState(0);

  const settings = toRunSettings(form, portfolio);
  const run = () => {
    if (!settings) return;
    setOpened(null);
    setOpenError(null);
    job.start(async (jobId) => {
      const result = await api.runBacktest({ jobId, ...settings, apcLookbackFloor: form.modelKind !== 'preset' && apcFloor });
      setListVersion((v) => v + 1);
      setOpened(null); // a past run opened meanwhile gives way to the fresh result
      return result;
    });
  };
  const openRun = (id: number) => {
    setOpenError(null);
    api.getBacktestRun({ id }).then(
      (r) => {
        if (job.state.status !== 'running') job.reset();
        setOpened({ runs: [r] });
      },
      (error: unknown) => setOpenError(error),
    );
  };
  const loadRuns = useCallback(() => api.listBacktestRuns({}), [api]);
  const shown = opened ?? (job.state.status === 'done' ? job.state.value : null);

  return (
    <section className="view backtest-view">
      <form
        className="run-form"
        aria-label="Backtest run"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <RunFormFields form={form} onChange={(patch) => setForm((f) => ({ ...f, ...patch }))} setup={setup} portfolio={portfolio} />
        {form.modelKind !== 'preset' && (
          <label className="checkbox" title="EMIR anti-procyclicality option (c): also compute the margin with a 10-year lookback (doubles the cost)">
            <input type="checkbox" checked={apcFloor} onChange={(e) => setApcFloor(e.target.checked)} />
            <span>EMIR 10-year floor</span>
          </label>
        )}
        <button type="submit" className="primary" disabled={!settings || job.state.status === 'running'}>
          Run backtest
        </button>
        {!settings && <span className="muted">Pick a portfolio in the top bar, or choose a suite.</span>}
      </form>
      <JobProgressBar job={job} label="Backtest" />
      {openError !== null && <ErrorMessage title="Could not open the run" error={openError} />}
      {shown ? <BacktestResults key={shown.runs.map((r) => r.id).join()} runs={shown.runs} /> : <p className="muted">Run a backtest, or reopen a past run below.</p>}
      <PastRuns<BacktestRunListItem>
        title="Past runs"
        load={loadRuns}
        version={listVersion}
        columns={pastRunColumns}
        openId={shown?.runs.length === 1 ? shown.runs[0].id : null}
        onOpen={openRun}
        fileName="backtest-runs"
      />
    </section>
  );
}

function BacktestResults({ runs }: { runs: BacktestRunView[] }) {
  const { theme } = useWorkspace();
  const [index, setIndex] = useState(0);
  const run = runs[Math.min(index, runs.length - 1)];
  const option = useMemo(() => (run.series ? backtestChartOption(run.series, chartColors(theme)) : null), [run, theme]);
  return (
    <div className="backtest-results">
      <header className="section-header">
        <h1>
          Run #{run.id}: {run.book}
        </h1>
        <span className="muted">
          {backtestModelLabel(run.model)} · {runWindow(run)} · {formatNumber(run.report.confidence * 100, 2)}% confidence
        </span>
        {runs.length > 1 && (
          <label className="book-pick">
            <span>Book</span>
            <select aria-label="Book" value={index} onChange={(e) => setIndex(Number(e.target.value))}>
              {runs.map((r, i) => (
                <option key={r.id} value={i}>
                  {r.book} ({r.report.breaches} breaches, {r.report.trafficLight.zone})
                </option>
              ))}
            </select>
          </label>
        )}
      </header>
      <div className="backtest-main">
        {option ? (
          <EChart option={option} label={`Margin and realised loss of ${run.book}, breaches marked`} className="backtest-chart" />
        ) : (
          <p className="muted backtest-chart">This run was stored without its daily series (an older CLI run): statistics only.</p>
        )}
        <BacktestStats run={run} />
      </div>
      <ProcyclicalityTable run={run} />
    </div>
  );
}
