/**
 * The book's past stress runs (stored by every run of the Stress view, newest first) as a picker: choosing one
 * reopens its stored report, which the view shows exactly as when it ran. `refreshKey` changes after each new run.
 */
import { useState } from 'react';
import type { StoredStressRun, StressRunListItem } from '../../../../shared/contract/stress';
import { useApi } from '../../api/ApiContext';
import { ErrorMessage } from '../../ErrorMessage';
import { formatCurrency, formatUtcDate } from '../../format';
import { useAsync } from '../../useAsync';

/** UTC "27 Nov 2026 05:31". */
function formatUtcTime(ms: number): string {
  return `${formatUtcDate(ms)} ${new Date(ms).toISOString().slice(11, 16)}`;
}

/** One option's text: when, what ran (set and size, historical groups, time shift), model and excess. */
export function describeRun(run: StressRunListItem): string {
  const { set, historicalWindows, worstDays, horizonDays, timeShiftDays } = run.inputs;
  const parts = [set ? `set ${set.name} (${set.scenarioCount})` : null, historicalWindows ? 'crash windows' : null, worstDays > 0 ? `worst ${worstDays} × ${horizonDays}d` : null].filter((p) => p !== null);
  const shift = timeShiftDays > 0 ? ` · +${timeShiftDays} d run time shift` : '';
  return `#${run.id} · ${formatUtcTime(run.startedAt)} UTC · ${parts.join(', ')}${shift} · ${run.model} · excess ${formatCurrency(run.excess, 'USD')}`;
}

export function StressRunHistory({ portfolio, refreshKey, shownId, onOpen }: { portfolio: string; refreshKey: number; shownId: number | null; onOpen(run: StoredStressRun): void }) {
  const api = useApi();
  const runs = useAsync(() => api.listStressRuns({ portfolio }), [api, portfolio, refreshKey]);
  const [openError, setOpenError] = useState<unknown>(null);

  if (runs.status === 'failed') return <ErrorMessage title="Could not list the past stress runs" error={runs.error} />;
  const list = runs.status === 'done' ? runs.value : [];
  const open = (id: number) => {
    setOpenError(null);
    api.getStressRun({ id }).then(onOpen, setOpenError);
  };
  return (
    <div className="stress-history">
      <label>
        Past runs of {portfolio}{' '}
        <select aria-label="Past stress runs" value={shownId ?? ''} disabled={list.length === 0} onChange={(e) => e.target.value !== '' && open(Number(e.target.value))}>
          <option value="">{runs.status === 'loading' ? 'loading…' : list.length === 0 ? 'none stored yet' : `${list.length} stored run(s): choose one to reopen`}</option>
          {list.map((run) => (
            <option key={run.id} value={run.id}>
              {describeRun(run)}
            </option>
          ))}
        </select>
      </label>
      {openError !== null && <ErrorMessage title="Could not reopen the stress run" error={openError} />}
    </div>
  );
}
