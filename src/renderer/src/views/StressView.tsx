/**
 * Stress view: edit a scenario set (ScenarioEditor), run it on the workspace portfolio with the workspace margin
 * model (an engine job with progress and Cancel), optionally with the built-in crypto crash windows and the book's
 * worst historical moves, and read the results (StressResults). Every run is stored; past runs of the book reopen
 * from StressRunHistory. Docs: docs/ui/stress.md.
 */
import { useEffect, useState, type ChangeEvent } from 'react';
import type { StoredStressRun } from '../../../shared/contract/stress';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../ErrorMessage';
import { JobProgressBar, useJob } from '../jobs';
import { useAsync } from '../useAsync';
import { modelLabel, useWorkspace } from '../workspace';
import { EMPTY_DRAFT, ScenarioEditor, toScenarioSet, type Draft } from './stress/ScenarioEditor';
import { validateRows } from './stress/editorRows';
import { StressResults } from './stress/StressResults';
import { StressRunHistory } from './stress/StressRunHistory';
import './stress/stress.css';

interface RunOptions {
  historicalWindows: boolean;
  worstDays: number;
  horizonDays: number;
  timeShiftDays: number;
  reverseStress: boolean;
}

const DEFAULT_OPTIONS: RunOptions = { historicalWindows: false, worstDays: 0, horizonDays: 1, timeShiftDays: 0, reverseStress: true };

export function StressView() {
  const api = useApi();
  const { portfolio, model } = useWorkspace();
  const universe = useAsync(() => api.getStressUniverse({ portfolio }), [api, portfolio]);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [options, setOptions] = useState<RunOptions>(DEFAULT_OPTIONS);
  const [runError, setRunError] = useState<string | null>(null);
  const job = useJob<StoredStressRun>();
  // The run on screen: the one that just finished, or a stored one reopened from the history.
  const [shown, setShown] = useState<StoredStressRun | null>(null);
  const finished = job.state.status === 'done' ? job.state.value : null;
  useEffect(() => {
    if (finished) setShown(finished);
  }, [finished]);
  useEffect(() => setShown(null), [portfolio]);

  if (universe.status === 'failed') return <ErrorMessage title="Could not read the underlyings for the stress editor" error={universe.error} />;
  if (universe.status === 'loading') return <p className="muted view">Loading…</p>;

  const run = () => {
    if (!portfolio) return setRunError('Pick a portfolio in the top bar first.');
    const problems = validateRows(draft.rows, draft.volShiftMode);
    if (problems.length > 0) return setRunError(`Fix the ${problems.length} invalid cell(s) marked red first.`);
    const hasSet = draft.rows.length > 0;
    if (!hasSet && !options.historicalWindows && options.worstDays === 0) return setRunError('Nothing to run: add scenarios, or tick the historical windows or worst days.');
    setRunError(null);
    const set = hasSet ? toScenarioSet({ ...draft, name: draft.name.trim() || 'unsaved set' }) : null;
    job.start((jobId) => api.runStress({ jobId, portfolio, model, set, topContributors: 3, ...options }));
  };
  const number = (key: 'worstDays' | 'horizonDays' | 'timeShiftDays', min: number, max: number) => (e: ChangeEvent<HTMLInputElement>) =>
    setOptions((o) => ({ ...o, [key]: Math.min(max, Math.max(min, Math.round(Number(e.target.value) || 0))) }));

  return (
    <div className="view stress-view">
      <header className="stress-header">
        <h1>Stress</h1>
        <span className="muted">
          {portfolio ?? 'no portfolio selected'} · margin model {modelLabel(model)}
        </span>
      </header>
      <ScenarioEditor draft={draft} setDraft={setDraft} universe={universe.value} />
      <section className="stress-run" aria-label="Run">
        <div className="toolbar">
          <button type="button" className="primary" onClick={run} disabled={job.state.status === 'running'}>
            Run stress
          </button>
          <label>
            <input type="checkbox" checked={options.historicalWindows} onChange={(e) => setOptions((o) => ({ ...o, historicalWindows: e.target.checked }))} /> built-in crash windows
          </label>
          <label>
            worst{' '}
            <input type="number" aria-label="Worst historical moves" className="stress-days" min={0} max={100} value={options.worstDays} onChange={number('worstDays', 0, 100)} /> historical
          </label>
          <label>
            <input type="number" aria-label="Horizon days of worst moves" className="stress-days" min={1} max={365} value={options.horizonDays} onChange={number('horizonDays', 1, 365)} />
            -day moves
          </label>
          <label title="Calendar days of time decay applied in every scenario of the set, added to each scenario's own time shift">
            run time shift{' '}
            <input type="number" aria-label="Time shift days" className="stress-days" min={0} max={365} value={options.timeShiftDays} onChange={number('timeShiftDays', 0, 365)} /> days
          </label>
          <label>
            <input type="checkbox" checked={options.reverseStress} onChange={(e) => setOptions((o) => ({ ...o, reverseStress: e.target.checked }))} /> reverse stress
          </label>
        </div>
        {runError && <ErrorMessage title="Cannot run" error={runError} />}
        <JobProgressBar job={job} label="Stress run" />
        {portfolio && <StressRunHistory portfolio={portfolio} refreshKey={finished?.id ?? 0} shownId={shown?.id ?? null} onOpen={setShown} />}
      </section>
      {shown && shown.portfolio === portfolio && <StressResults report={shown.report} />}
    </div>
  );
}
