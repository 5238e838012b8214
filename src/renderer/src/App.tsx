import { Suspense, useEffect, useState } from 'react';
import { useApi } from './api/ApiContext';
import { ErrorBoundary } from './ErrorBoundary';
import { ExportReportButton } from './export/ExportReportButton';
import { useTheme } from './theme';
import { useAsync } from './useAsync';
import { VIEWS, type ViewId } from './views/catalog';
import { VIEW_COMPONENTS } from './views';
import { onPortfoliosChanged, useWorkspace, WorkspaceProvider } from './workspace';

/** The shell: top bar (portfolio picker, export, app info, theme toggle), left navigation, and the selected view in its own error boundary. */
export function App() {
  const [theme, toggleTheme] = useTheme();
  return (
    <WorkspaceProvider theme={theme}>
      <Shell theme={theme} toggleTheme={toggleTheme} />
    </WorkspaceProvider>
  );
}

function Shell({ theme, toggleTheme }: { theme: string; toggleTheme(): void }) {
  const api = useApi();
  const [viewId, setViewId] = useState<ViewId>('book');
  const info = useAsync(() => api.getAppInfo({}), [api]);
  const view = VIEWS.find((v) => v.id === viewId)!;
  const View = VIEW_COMPONENTS[view.id];

  return (
    <div className="app-shell">
      <header className="top-bar">
        <span className="brand">Offset</span>
        <PortfolioPicker />
        <ExportReportButton />
        <span className="muted app-info" title={info.status === 'done' ? (info.value.databasePath ?? '') : ''}>
          {info.status === 'done' &&
            `${info.value.transport === 'http' ? 'Browser mode' : 'Desktop'} · ${info.value.databasePath ?? 'no database'}`}
        </span>
        <button type="button" className="theme-toggle" onClick={toggleTheme} aria-label="Toggle light or dark theme">
          {theme === 'light' ? 'Dark theme' : 'Light theme'}
        </button>
      </header>
      <nav className="side-nav" aria-label="Views">
        <ul>
          {VIEWS.map((v) => (
            <li key={v.id}>
              <button
                type="button"
                className={v.id === viewId ? 'active' : undefined}
                aria-current={v.id === viewId ? 'page' : undefined}
                title={v.blurb}
                onClick={() => setViewId(v.id)}
              >
                {v.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <ErrorBoundary key={view.id} scope={`the ${view.label} view`}>
          <Suspense fallback={<p className="muted view">Loading {view.label}…</p>}>
            <View />
          </Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

/**
 * The workspace's portfolio, chosen in the top bar so every view works on the same book. Re-lists when the
 * window regains focus (an import from the CLI or the Data view adds portfolios).
 */
function PortfolioPicker() {
  const api = useApi();
  const { portfolio, setPortfolio } = useWorkspace();
  const [refresh, setRefresh] = useState(0);
  const portfolios = useAsync(() => api.listPortfolios({}), [api, refresh]);
  useEffect(() => onPortfoliosChanged(() => setRefresh((n) => n + 1)), []);
  useEffect(() => {
    if (portfolios.status !== 'done') return;
    const names = portfolios.value.map((p) => p.name);
    if (portfolio === null || !names.includes(portfolio)) setPortfolio(names[0] ?? null);
  }, [portfolios, portfolio, setPortfolio]);

  if (portfolios.status !== 'done' || portfolios.value.length === 0) return <span className="muted workspace-portfolio">No portfolio</span>;
  return (
    <label className="workspace-portfolio">
      <span className="muted">Portfolio</span>
      <select aria-label="Portfolio" value={portfolio ?? ''} onChange={(e) => setPortfolio(e.target.value)}>
        {portfolios.value.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name} ({p.positionCount})
          </option>
        ))}
      </select>
    </label>
  );
}
