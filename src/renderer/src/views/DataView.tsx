/**
 * The Data view: import files (drop zone or file dialog) with progress and line-numbered errors, the coverage and
 * gaps of every stored series, and the option-chain smile per expiry. After an import the coverage and smile
 * reload, and the top bar's portfolio picker re-lists when a book was imported.
 */
import { useState } from 'react';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../ErrorMessage';
import { useAsync } from '../useAsync';
import { notifyPortfoliosChanged } from '../workspace';
import { CoveragePanel } from './data/CoveragePanel';
import { ImportPanel, type ImportOutcome } from './data/ImportPanel';
import { SmilePanel } from './data/SmilePanel';
import './data/data.css';

export function DataView() {
  const api = useApi();
  const [refresh, setRefresh] = useState(0);
  const coverage = useAsync(() => api.getDataCoverage({}), [api, refresh]);

  function onImported(outcomes: ImportOutcome[]) {
    if (!outcomes.some((o) => o.summary)) return;
    setRefresh((n) => n + 1);
    if (outcomes.some((o) => o.summary?.kind === 'positions' || o.summary?.kind === 'portfolio')) notifyPortfoliosChanged();
  }

  return (
    <section className="view data-view">
      <ImportPanel onImported={onImported} />
      {coverage.status === 'failed' ? (
        <ErrorMessage title="Could not read the series coverage" error={coverage.error} />
      ) : coverage.status === 'loading' ? (
        <p className="muted">Reading the store…</p>
      ) : (
        <CoveragePanel coverage={coverage.value} />
      )}
      <SmilePanel refresh={refresh} />
    </section>
  );
}
