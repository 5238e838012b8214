import { useState } from 'react';
import { useApi } from './api/ApiContext';
import { ErrorBoundary } from './ErrorBoundary';
import { useTheme } from './theme';
import { useAsync } from './useAsync';
import { BookView } from './views/BookView';
import { VIEWS, type ViewId } from './views/catalog';
import { PlannedView } from './views/PlannedView';

/** The shell: top bar (app info, theme toggle), left navigation, and the selected view in its own error boundary. */
export function App() {
  const api = useApi();
  const [theme, toggleTheme] = useTheme();
  const [viewId, setViewId] = useState<ViewId>('book');
  const info = useAsync(() => api.getAppInfo({}), [api]);
  const view = VIEWS.find((v) => v.id === viewId)!;

  return (
    <div className="app-shell">
      <header className="top-bar">
        <span className="brand">Offset</span>
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
                onClick={() => setViewId(v.id)}
              >
                {v.label}
                {!v.ready && <span className="badge">soon</span>}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="content">
        <ErrorBoundary key={view.id} scope={`the ${view.label} view`}>
          {view.id === 'book' ? <BookView /> : <PlannedView label={view.label} blurb={view.blurb} />}
        </ErrorBoundary>
      </main>
    </div>
  );
}
