/**
 * "Export report": the XLSX margin report of the selected portfolio under the selected margin model (summary,
 * positions with greeks and margin attribution, scenario grid, stress results, backtest statistics and daily
 * series), built in an engine worker by the same builder as `offset export`, then downloaded. While it runs the
 * button shows the progress and becomes Cancel; a failure opens a small panel with the error.
 */
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../ErrorMessage';
import { formatPercent } from '../format';
import { modelLabel, useWorkspace } from '../workspace';
import { useReportExport } from './useReportExport';
import './exportReport.css';

export function ExportReportButton() {
  const api = useApi();
  const { portfolio, model } = useWorkspace();
  const job = useReportExport();
  const { state } = job;

  if (state.status === 'running') {
    const fraction = state.progress?.fraction ?? 0;
    return (
      <span className="export-report" role="status" aria-live="polite">
        <span className="muted export-stage">
          Exporting: {state.progress?.stage ?? 'starting'} {formatPercent(fraction, 0)}
        </span>
        <button type="button" onClick={job.cancel}>
          Cancel export
        </button>
      </span>
    );
  }

  return (
    <span className="export-report">
      <button
        type="button"
        className="primary"
        disabled={portfolio === null}
        title={portfolio === null ? 'Import or pick a portfolio first' : `XLSX report of ${portfolio} under ${modelLabel(model)}`}
        onClick={() => portfolio !== null && job.start((jobId) => api.exportReport({ jobId, portfolio, model }))}
      >
        Export report
      </button>
      {state.status === 'done' && <span className="muted export-done">Saved {state.value.fileName}</span>}
      {state.status === 'failed' && (
        <div className="export-popover">
          <ErrorMessage title="Export report failed" error={state.error} />
          <button type="button" onClick={job.reset}>
            Dismiss
          </button>
        </div>
      )}
    </span>
  );
}
