/**
 * "Export XLSX" of one stored backtest run: the same workbook as `offset export --run ID` (summary, backtest
 * statistics, daily series), built in an engine worker under a job id (progress, Cancel), then downloaded.
 */
import { useEffect, useRef } from 'react';
import type { BacktestRunView } from '../../../../shared/contract/backtest';
import type { ExportedReport } from '../../../../shared/contract/data';
import { useApi } from '../../api/ApiContext';
import { base64Bytes, downloadFile, XLSX_MIME } from '../../export/downloadFile';
import { JobProgressBar, useJob } from '../../jobs';
import { useWorkspace } from '../../workspace';

export function ExportRunButton({ run }: { run: BacktestRunView }) {
  const api = useApi();
  const { model } = useWorkspace();
  const job = useJob<ExportedReport>();
  const { state } = job;
  const downloaded = useRef<ExportedReport | null>(null);

  useEffect(() => {
    if (state.status !== 'done' || downloaded.current === state.value) return;
    downloaded.current = state.value;
    downloadFile(state.value.fileName, base64Bytes(state.value.base64), XLSX_MIME);
  }, [state]);

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
