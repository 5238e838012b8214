/**
 * "Export XLSX" of one stored backtest run: the same workbook as `offset export --run ID` (summary, backtest
 * statistics, daily series), built in an engine worker under a job id (progress, Cancel), then downloaded.
 */
import type { BacktestRunView } from '../../../../shared/contract/backtest';
import { useApi } from '../../api/ApiContext';
import { useReportExport } from '../../export/useReportExport';
import { JobProgressBar } from '../../jobs';
import { useWorkspace } from '../../workspace';

export function ExportRunButton({ run }: { run: BacktestRunView }) {
  const api = useApi();
  const { model } = useWorkspace();
  const job = useReportExport();
  const { state } = job;

  // With a runId the workbook is the run's own: book and model come from the stored run (the service still takes
  // a portfolio and a model, which then only name the file if the run has no book).
  const start = () => job.start((jobId) => api.exportReport({ jobId, portfolio: run.book || 'backtest', model, runId: run.id }));
  return (
    <div className="export-run">
      {state.status !== 'running' && (
        <button type="button" onClick={start} title={`XLSX workbook of run #${run.id}: summary, backtest statistics, daily series`}>
          Export XLSX
        </button>
      )}
      {state.status === 'done' && <span className="muted">Saved {state.value.fileName}</span>}
      <JobProgressBar job={job} label={`Export of run #${run.id}`} />
    </div>
  );
}
