/**
 * Browser-mode transport: POST /api/<method> with the session token header, progress over a WebSocket.
 * The token arrives once in the page URL (?token=…, printed by `offset serve`); it is moved to sessionStorage
 * and removed from the address bar so it does not linger in history or screenshots.
 */
import {
  API_EVENTS_PATH,
  API_HTTP_PREFIX,
  TOKEN_HEADER,
  type ApiMethodName,
  type ApiResponse,
  type ApiTransport,
} from '../../../shared/channels';

const TOKEN_STORAGE_KEY = 'offset.sessionToken';

export function takeSessionToken(): string | null {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    window.sessionStorage.setItem(TOKEN_STORAGE_KEY, fromUrl);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url);
  }
  return window.sessionStorage.getItem(TOKEN_STORAGE_KEY);
}

/**
 * One progress WebSocket per page, opened on the first subscription and kept open (views subscribe and unsubscribe
 * as they come and go; closing it in between only races its own handshake). If the server drops it, it is
 * reopened after a second while anyone listens.
 */
export function createHttpTransport(token: string): ApiTransport {
  const listeners = new Set<(event: unknown) => void>();
  let socket: WebSocket | undefined;

  const openSocket = () => {
    const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${scheme}://${window.location.host}${API_EVENTS_PATH}?token=${encodeURIComponent(token)}`);
    ws.onmessage = (message) => {
      const event: unknown = JSON.parse(String(message.data));
      for (const listener of listeners) listener(event);
    };
    ws.onclose = () => {
      socket = undefined;
      setTimeout(() => {
        if (listeners.size > 0 && !socket) openSocket();
      }, 1000);
    };
    socket = ws;
  };

  return {
    async invoke(method: ApiMethodName, args: unknown): Promise<ApiResponse<unknown>> {
      const response = await fetch(`${API_HTTP_PREFIX}${method}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
        body: JSON.stringify(args),
      });
      try {
        return (await response.json()) as ApiResponse<unknown>;
      } catch {
        return { ok: false, error: { code: 'internal', message: `${method}: HTTP ${response.status} without a JSON body` } };
      }
    },
    onProgress(listener) {
      listeners.add(listener);
      if (!socket) openSocket();
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
