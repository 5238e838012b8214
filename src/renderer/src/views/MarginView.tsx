/**
 * The Margin view: the workspace model's margin on the workspace book (figures and breakdown), every model side
 * by side with the portfolio-margin saving, and the model configuration form (presets, every parameter, checked
 * as typed) that sets the workspace model. All computation runs in engine workers (src/main/worker/jobs/risk.ts).
 */
import { useCallback } from 'react';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../ErrorMessage';
import { newJobId } from '../jobs';
import { useAsync } from '../useAsync';
import { modelLabel, useWorkspace } from '../workspace';
import { MarginBreakdown, MarginFigures } from './margin/MarginSummary';
import { ModelComparison } from './margin/ModelComparison';
import { ModelConfigForm } from './margin/ModelConfigForm';
import './margin/margin.css';

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
  // Plain calls with a job id (not useJob): a cancelled call shows as an HTTP 409 in browser mode.
  const report = useAsync(() => api.getMarginReport({ portfolio, model, jobId: newJobId() }), [api, portfolio, modelKey]);
  const varParameters = model.kind === 'var' || model.kind === 'es' ? model.spec : undefined;
  const comparison = useAsync(() => api.compareMarginModels({ portfolio, var: varParameters, jobId: newJobId() }), [api, portfolio, JSON.stringify(varParameters)]);
  const presets = useAsync(() => api.listMarginPresets({}), [api]);
  const use = useCallback((spec: typeof model) => setModel(spec), [setModel]);

  return (
    <div className="margin-layout">
      <div className="margin-main">
        <header className="portfolio-header">
          <h1>{portfolio}</h1>
          <span className="muted">margin under {modelLabel(model)}</span>
        </header>
        {report.status === 'loading' && <p className="muted" role="status">Computing margin…</p>}
        {report.status === 'failed' && <ErrorMessage title={`Could not compute the margin of '${portfolio}'`} error={report.error} />}
        {report.status === 'done' && (
          <>
            <MarginFigures report={report.value} />
            <MarginBreakdown report={report.value} portfolio={portfolio} />
          </>
        )}
        {comparison.status === 'loading' && <p className="muted" role="status">Running every model (standard, grid presets, VaR, ES)…</p>}
        {comparison.status === 'failed' && <ErrorMessage title="Could not compare the margin models" error={comparison.error} />}
        {comparison.status === 'done' && <ModelComparison comparison={comparison.value} theme={theme} current={model} onUse={use} />}
      </div>
      <aside className="margin-side">
        {presets.status === 'failed' && <ErrorMessage title="Could not load the margin presets" error={presets.error} />}
        {presets.status === 'done' && <ModelConfigForm key={modelKey} presets={presets.value} model={model} onApply={setModel} />}
      </aside>
    </div>
  );
}
