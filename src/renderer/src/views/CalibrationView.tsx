/**
 * Calibration view: pick a model, one of its parameters, a range and a coverage target; the scan runs as a tracked
 * job (every value backtested on every book) and shows the coverage-vs-margin frontier with the target line, the
 * chosen value highlighted and stated in words, the per-value table, and the stored past calibrations.
 */
import type { ColDef } from 'ag-grid-community';
import { useCallback, useMemo, useState } from 'react';
import type { ApiResult } from '../../../shared/api';
import { ZONES, type CalibrationRunListItem, type CalibrationRunView } from '../../../shared/contract/backtest';
import { useApi } from '../api/ApiContext';
import { chartColors, EChart } from '../charts/EChart';
import { ErrorMessage } from '../ErrorMessage';
import { formatCurrency, formatPercent } from '../format';
import { JobProgressBar, useJob } from '../jobs';
import { useAsync } from '../useAsync';
import { useWorkspace } from '../workspace';
import { ZoneChip } from './backtest/BacktestStats';
import { backtestModelLabel, formatUtcDateTime, runWindow } from './backtest/modelText';
import { PastRuns } from './backtest/PastRuns';
import { initialRunForm, toRunSettings, type ModelKind, type RunForm } from './backtest/runForm';
import { RunFormFields } from './backtest/RunFormFields';
import { frontierChartOption } from './calibration/frontierChart';
import './backtest/backtest.css';

type Setup = ApiResult<'getBacktestSetup'>;
type Param = 'confidence' | 'lookbackDays' | 'ewmaLambda' | 'scanScale';
type Zone = (typeof ZONES)[number];

/** A scan that runs in seconds on one book over six months. */
const DEFAULT_RANGES: Record<Param, { start: string; end: string; step: string }> = {
  confidence: { start: '0.95', end: '0.99', step: '0.01' },
  lookbackDays: { start: '125', end: '500', step: '125' },
  ewmaLambda: { start: '0.9', end: '0.99', step: '0.03' },
  scanScale: { start: '0.5', end: '1.5', step: '0.25' },
};

const PARAM_LABELS: Record<Param, string> = { confidence: 'confidence', lookbackDays: 'lookback (days)', ewmaLambda: 'EWMA λ', scanScale: 'scan scale (×)' };

interface ScanForm {
  param: Param;
  start: string;
  end: string;
  step: string;
  coverage: string;
  worstZone: Zone;
}

export function CalibrationView() {
  const api = useApi();
  const setup = useAsync(() => api.getBacktestSetup({}), [api]);
  if (setup.status === 'failed') return <ErrorMessage title="Could not load the calibration settings" error={setup.error} />;
  if (setup.status === 'loading') return <p className="muted view">Loading…</p>;
  return <CalibrationWorkbench setup={setup.value} />;
}

const pastColumns: ColDef<CalibrationRunListItem>[] = [
  { field: 'id', headerName: 'Run', width: 76, valueFormatter: ({ value }) => `#${value}` },
  { field: 'startedAt', headerName: 'Started (UTC)', width: 160, valueFormatter: ({ value }) => formatUtcDateTime(value) },
  { colId: 'books', headerName: 'Books', flex: 1, minWidth: 120, valueGetter: ({ data }) => (data ? (data.books.length === 1 ? data.books[0] : `${data.books.length} books`) : '') },
  { colId: 'model', headerName: 'Model', flex: 1.4, minWidth: 160, valueGetter: ({ data }) => (data ? backtestModelLabel(data.model) : '') },
  { colId: 'scan', headerName: 'Scan', width: 200, valueGetter: ({ data }) => (data ? `${data.param} ${data.range}` : '') },
  { colId: 'window', headerName: 'Dates', width: 200, valueGetter: ({ data }) => (data ? runWindow(data) : '') },
  { colId: 'target', headerName: 'Target', width: 140, valueGetter: ({ data }) => (data ? `${formatPercent(data.target.coverage)} · ${data.target.worstZone}` : '') },
  { field: 'best', headerName: 'Chosen', width: 96, type: 'numericColumn', valueFormatter: ({ value }) => (value === null ? 'none' : String(value)) },
];

function firstParam(kind: ModelKind, setup: Setup): Param {
  return (kind === 'preset' ? setup.scannableParams.preset[0] : setup.scannableParams.var[0]) as Param;
}

function CalibrationWorkbench({ setup }: { setup: Setup }) {
  const api = useApi();
  const { portfolio, model } = useWorkspace();
  const [form, setForm] = useState<RunForm>(() => initialRunForm(model, setup.history?.last ?? null));
  const [scan, setScan] = useState<ScanForm>(() => ({ param: firstParam(form.modelKind, setup), ...DEFAULT_RANGES[firstParam(form.modelKind, setup)], coverage: '0.99', worstZone: 'green' }));
  const job = useJob<CalibrationRunView>();
  const [opened, setOpened] = useState<CalibrationRunView | null>(null);
  const [openError, setOpenError] = useState<unknown>(null);
  const [listVersion, setListVersion] = useState(0);
  const params = (form.modelKind === 'preset' ? setup.scannableParams.preset : setup.scannableParams.var) as Param[];

  const changeForm = (patch: Partial<RunForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // A new model kind scans its own parameters.
    if (patch.modelKind && (patch.modelKind === 'preset') !== (form.modelKind === 'preset')) {
      const param = firstParam(patch.modelKind, setup);
      setScan((s) => ({ ...s, param, ...DEFAULT_RANGES[param] }));
    }
  };

  const settings = toRunSettings(form, portfolio);
  const run = () => {
    if (!settings) return;
    setOpened(null);
    setOpenError(null);
    job.start(async (jobId) => {
      const result = await api.runCalibration({
        jobId,
        ...settings,
        param: scan.param,
        range: { start: Number(scan.start), end: Number(scan.end), step: Number(scan.step) },
        target: { coverage: Number(scan.coverage), worstZone: scan.worstZone },
      });
      setListVersion((v) => v + 1);
      setOpened(null); // a past run opened meanwhile gives way to the fresh result
      return result;
    });
  };
  const openRun = (id: number) => {
    setOpenError(null);
    api.getCalibrationRun({ id }).then(
      (r) => {
        if (job.state.status !== 'running') job.reset();
        setOpened(r);
      },
      (error: unknown) => setOpenError(error),
    );
  };
  const loadRuns = useCallback(() => api.listCalibrationRuns({}), [api]);
  const shown = opened ?? (job.state.status === 'done' ? job.state.value : null);
  const number = (key: 'start' | 'end' | 'step' | 'coverage', label: string, step: number | 'any' = 'any') => (
    <label>
      <span>{label}</span>
      <input type="number" inputMode="decimal" step={step} value={scan[key]} onChange={(e) => setScan((s) => ({ ...s, [key]: e.target.value }))} />
    </label>
  );

  return (
    <section className="view calibration-view">
      <form
        className="run-form"
        aria-label="Calibration run"
        onSubmit={(e) => {
          e.preventDefault();
          run();
        }}
      >
        <RunFormFields form={form} onChange={changeForm} setup={setup} portfolio={portfolio} />
        <label>
          <span>Scan parameter</span>
          <select aria-label="Scan parameter" value={scan.param} onChange={(e) => setScan((s) => ({ ...s, param: e.target.value as Param, ...DEFAULT_RANGES[e.target.value as Param] }))}>
            {params.map((p) => (
              <option key={p} value={p}>
                {PARAM_LABELS[p]}
              </option>
            ))}
          </select>
        </label>
        {number('start', 'From value')}
        {number('end', 'To value')}
        {number('step', 'Step')}
        {number('coverage', 'Target coverage', 0.005)}
        <label>
          <span>Worst zone allowed</span>
          <select aria-label="Worst zone allowed" value={scan.worstZone} onChange={(e) => setScan((s) => ({ ...s, worstZone: e.target.value as Zone }))}>
            {ZONES.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="primary" disabled={!settings || job.state.status === 'running'}>
          Run calibration
        </button>
        {!settings && <span className="muted">Pick a portfolio in the top bar, or choose a suite.</span>}
      </form>
      <JobProgressBar job={job} label="Calibration" />
      {openError !== null && <ErrorMessage title="Could not open the calibration" error={openError} />}
      {shown ? <CalibrationResult run={shown} /> : <p className="muted">Run a calibration, or reopen a past one below.</p>}
      <PastRuns<CalibrationRunListItem>
        title="Past calibrations"
        load={loadRuns}
        version={listVersion}
        columns={pastColumns}
        openId={shown?.id ?? null}
        onOpen={openRun}
        fileName="calibration-runs"
      />
    </section>
  );
}

/** The chosen value in words: what it is, why, and what it costs. */
function choiceText(run: CalibrationRunView): { lead: string; detail: string } {
  const target = `every book covers at least ${formatPercent(run.target.coverage)} of days with no zone worse than ${run.target.worstZone}`;
  const best = run.points.find((p) => p.value === run.best);
  if (!best) {
    const top = run.points.reduce((a, b) => (b.minCoverage > a.minCoverage ? b : a));
    return { lead: `No ${run.param} in ${run.range} meets the target`, detail: `(${target}). The highest lowest-coverage is ${formatPercent(top.minCoverage)} at ${run.param} = ${top.value}.` };
  }
  return {
    lead: `Chosen ${run.param} = ${best.value}`,
    detail: `: the least average margin (${formatCurrency(best.averageMargin, 'USD')}) among the values where ${target}; lowest coverage ${formatPercent(best.minCoverage)}, worst zone ${best.worstZone}.`,
  };
}

function CalibrationResult({ run }: { run: CalibrationRunView }) {
  const { theme } = useWorkspace();
  const option = useMemo(() => frontierChartOption(run, chartColors(theme)), [run, theme]);
  const { lead, detail } = choiceText(run);
  return (
    <div className="calibration-result">
      <header className="section-header">
        <h1>Calibration #{run.id}</h1>
        <span className="muted">
          {backtestModelLabel(run.model)} · {run.books.length === 1 ? run.books[0] : `${run.books.length} books`} · {runWindow(run)}
        </span>
      </header>
      <p className="calibration-choice" role="status">
        <strong>{lead}</strong>
        {detail}
      </p>
      <div className="calibration-main">
        <EChart option={option} label={`Coverage versus average margin for each ${run.param}`} className="frontier-chart" />
        <table className="frontier-table" aria-label="Frontier points">
          <thead>
            <tr>
              <th scope="col">{run.param}</th>
              <th scope="col" className="num">
                Avg margin (USD)
              </th>
              <th scope="col" className="num">
                Lowest coverage
              </th>
              <th scope="col">Worst zone</th>
              <th scope="col">Meets target</th>
              <th scope="col">Efficient</th>
            </tr>
          </thead>
          <tbody>
            {run.points.map((p) => (
              <tr key={p.value} className={p.value === run.best ? 'chosen' : undefined}>
                <th scope="row">{p.value}</th>
                <td className="num">{formatCurrency(p.averageMargin, 'USD')}</td>
                <td className="num">{formatPercent(p.minCoverage)}</td>
                <td>
                  <ZoneChip zone={p.worstZone} />
                </td>
                <td>{p.meetsTarget ? 'yes' : 'no'}</td>
                <td>{p.efficient ? 'yes' : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
