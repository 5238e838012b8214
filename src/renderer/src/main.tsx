/**
 * Renderer entry. Transport: the Electron preload bridge (window.offset) when present, else browser mode over
 * HTTP with the session token from the URL. Both become the same OffsetApi (api/offsetApi.ts).
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/ApiContext';
import { createHttpTransport, takeSessionToken } from './api/httpTransport';
import { createOffsetApi } from './api/offsetApi';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import { ErrorMessage } from './ErrorMessage';
import './styles.css';

function pickTransport() {
  if (window.offset) return window.offset;
  const token = takeSessionToken();
  if (!token) {
    throw new Error('No session token: open the full URL that `offset serve` printed (it ends with ?token=…).');
  }
  return createHttpTransport(token);
}

const root = createRoot(document.getElementById('root')!);
try {
  const api = createOffsetApi(pickTransport());
  root.render(
    <StrictMode>
      <ErrorBoundary scope="Offset">
        <ApiContext.Provider value={api}>
          <App />
        </ApiContext.Provider>
      </ErrorBoundary>
    </StrictMode>,
  );
} catch (error) {
  root.render(<ErrorMessage title="Offset could not start" error={error} />);
}
