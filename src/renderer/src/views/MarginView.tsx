/**
 * The Margin view: the workspace model's margin on the workspace book (figures and breakdown), every model side
 * by side with the portfolio-margin saving, and the model configuration form (presets, every parameter, checked
 * as typed) that sets the workspace model. All computation runs in engine workers (src/main/worker/jobs/risk.ts).
 */
import { useCallback } from 'react';
import type { MarginModelSpec } from '../../../shared/api';
import type { MarginComparisonResult, MarginReport } from '../../../shared/contract/risk';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../ErrorMessage';
import { JobProgressBar, useAutoJob, useJob } from '../jobs';
import { useAsync } from '../useAsync';
import { modelLabel, useWorkspace } from '../workspace';
import { MarginBreakdown, MarginFigures } from './margin/MarginSummary';
import { ModelComparison } from './margin/ModelComparison';
import { ModelConfigForm } from './margin/ModelConfigForm';
import './margin/margin.css';

/** The VaR/ES parameters of a VaR or ES model spec (the comparison runs its VaR and ES models with them). */
type VarParameters = Extract<MarginModelSpec, { kind: 'var' | 'es' }>['spec'];

export function MarginView() {
  const { portfolio } = useWorkspace();
  return (
    <section className="view margin-view">
      {portfolio === null ? (
        <div className="empty-state">
          <h1>No portfolio</h1>
          <p>Import a portfolio (Data view or <code>offset import</code>) to see its margin.</p>
        </div>
      ) : (
        <MarginPanels portfolio={portfolio} />
      )}
    </section>
  );
}

function MarginPanels({ portfolio }: { portfolio: string }) {
  const api = useApi();
  const { model, setModel, theme } = useWorkspace();
  const modelKey = JSON.stringify(model);
  const varKey = JSON.stringify((model.kind === 'var' || model.kind === 'es' ? model.spec : null) ?? null);
  // Both computations run as jobs (progress, Cancel); "Compute again" bumps the attempt of each stopped one to rerun it.
  const report = useJob<MarginReport>();
  const comparison = useJob<MarginComparisonResult>();
  const rerunReport = useAutoJob(report, (jobId) => api.getMarginReport({ portfolio, model: JSON.parse(modelKey) as MarginModelSpec, jobId }), [api, portfolio, modelKey]);
  const rerunComparison = useAutoJob(
    comparison,
    (jobId) => api.compareMarginModels({ portfolio, var: (JSON.parse(varKey) as VarParameters | null) ?? undefined, jobId }),
    [api, portfolio, varKey],
  );
  const stopped = (job: { state: { status: string } }) => job.state.status === 'cancelled' || job.state.status === 'failed';
  const computeAgain = () => {
    if (stopped(report)) rerunReport();
    if (stopped(comparison)) rerunComparison();
  };
  const presets = useAsync(() => api.listMarginPresets({}), [api]);
  const use = useCallback((spec: typeof model) => setModel(spec), [setModel]);

  return (
    <div className="margin-layout">
      <div className="margin-main">
        <header className="portfolio-header">
          <h1>{portfolio}</h1>
          <span className="muted">margin under {modelLabel(model)}</span>
        </header>
        <JobProgressBar job={report} label={`Margin of '${portfolio}'`} />
        {report.state.status === 'done' && (
          <>
            <MarginFigures report={report.state.value} />
            <MarginBreakdown report={report.state.value} portfolio={portfolio} />
          </>
        )}
        <JobProgressBar job={comparison} label="Model comparison (standard, grid presets, VaR, ES)" />
        {(stopped(report) || stopped(comparison)) && (
          <button type="button" className="compute-again" onClick={computeAgain}>
            Compute again
          </button>
        )}
        {comparison.state.status === 'done' && <ModelComparison comparison={comparison.state.value} theme={theme} current={model} onUse={use} />}
      </div>
      <aside className="margin-side">
        {presets.status === 'failed' && <ErrorMessage title="Could not load the margin presets" error={presets.error} />}
        {presets.status === 'done' && <ModelConfigForm key={modelKey} presets={presets.value} model={model} onApply={setModel} />}
      </aside>
    </div>
  );
}
