/**
 * Browser mode: serves the built renderer and the same OffsetApi over HTTP (POST /api/<method>, JSON body,
 * validated by the contract's zod schemas via dispatchApiCall) plus a WebSocket at /api/events for progress.
 * Security model (docs/browser-mode.md): loopback bind unless allowRemote, a session token required on every API
 * call (x-offset-token header) and WebSocket (token query parameter), compared in constant time; on loopback the
 * Host header must name a loopback host (defeats DNS rebinding); the app CSP plus nosniff/no-referrer headers.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { OffsetServices } from '../../shared/api';
import { API_EVENTS_PATH, API_HTTP_PREFIX, TOKEN_HEADER, type ApiErrorCode, type ApiResponse } from '../../shared/channels';
import { contentSecurityPolicy } from '../../shared/csp';
import { dispatchApiCall } from '../services/dispatch';
import type { ProgressHub } from '../services/progressHub';
import { hostHeaderName, isLoopbackHost } from './hosts';
import { serveStaticFile } from './staticFiles';
import { generateToken, tokensEqual } from './token';

export interface OffsetServerOptions {
  services: OffsetServices;
  progress: ProgressHub;
  /** Directory holding the built renderer (index.html and assets/). */
  staticDir: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** Default: a fresh random token. */
  token?: string;
  /** Required to bind a non-loopback host. */
  allowRemote?: boolean;
}

export interface RunningOffsetServer {
  host: string;
  port: number;
  token: string;
  /** http://host:port */
  origin: string;
  /** The URL to open: origin + /?token=… */
  url: string;
  close(): Promise<void>;
}

/** Imports send whole CSV files as the body (the largest shared file is ~1.2 MB; books of history can be more). */
const MAX_BODY_BYTES = 64 << 20;
const MIN_TOKEN_LENGTH = 16;
const STATUS_OF: Record<ApiErrorCode, number> = { bad_request: 400, unauthorized: 401, not_found: 404, cancelled: 409, internal: 500 };

export async function startOffsetServer(options: OffsetServerOptions): Promise<RunningOffsetServer> {
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  if (!loopback && !options.allowRemote) {
    throw new Error(`refusing to bind non-loopback host '${host}': the API would be reachable from the network (pass --allow-remote to accept that)`);
  }
  const token = options.token ?? generateToken();
  if (token.length < MIN_TOKEN_LENGTH) throw new Error(`--token must be at least ${MIN_TOKEN_LENGTH} characters`);

  const hostAllowed = (request: IncomingMessage) => !loopback || isLoopbackHost(hostHeaderName(request.headers.host ?? ''));

  const server = createServer((request, response) => {
    setSecurityHeaders(request, response);
    if (!hostAllowed(request)) return sendJson(response, 403, failure('unauthorized', 'Host header does not name this loopback server'));
    const path = new URL(request.url ?? '/', 'http://placeholder').pathname;
    if (path.startsWith(API_HTTP_PREFIX)) {
      void handleApiCall(request, response, path.slice(API_HTTP_PREFIX.length));
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    serveStaticFile(options.staticDir, request, response, path);
  });

  async function handleApiCall(request: IncomingMessage, response: ServerResponse, method: string): Promise<void> {
    if (!tokensEqual(headerValue(request, TOKEN_HEADER), token)) {
      return sendJson(response, 401, failure('unauthorized', `missing or wrong ${TOKEN_HEADER} header`));
    }
    if (request.method !== 'POST') return sendJson(response, 405, failure('bad_request', 'API calls are POST'));
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 400, failure('bad_request', 'content-type must be application/json'));
    }
    let args: unknown;
    try {
      args = await readJsonBody(request);
    } catch (error) {
      return sendJson(response, 400, failure('bad_request', (error as Error).message));
    }
    const outcome = await dispatchApiCall(options.services, method, args);
    sendJson(response, outcome.ok ? 200 : STATUS_OF[outcome.error.code], outcome);
  }

  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const origin = request.headers.origin;
    const sameOrigin = origin === undefined || origin === `http://${request.headers.host}`;
    if (url.pathname !== API_EVENTS_PATH || !hostAllowed(request) || !sameOrigin || !tokensEqual(url.searchParams.get('token') ?? undefined, token)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const unsubscribe = options.progress.subscribe((event) => ws.send(JSON.stringify(event)));
      ws.on('close', unsubscribe);
      // A broken client connection must not take the server down (an unhandled 'error' event would throw).
      ws.on('error', () => ws.terminate());
    });
  });

  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    host,
    port,
    token,
    origin,
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

function setSecurityHeaders(request: IncomingMessage, response: ServerResponse): void {
  const hostHeader = request.headers.host ?? '';
  // Node has already rejected malformed header values; the pattern also keeps the CSP source well formed.
  const websocketOrigin = /^[\w.\-:[\]]+$/.test(hostHeader) ? `ws://${hostHeader}` : undefined;
  response.setHeader('content-security-policy', contentSecurityPolicy({ delivery: 'header', websocketOrigin }));
  response.setHeader('x-content-type-options', 'nosniff');
  // The page URL carries the token: never send it anywhere in a Referer.
  response.setHeader('referrer-policy', 'no-referrer');
  response.setHeader('x-frame-options', 'DENY');
  response.setHeader('cross-origin-opener-policy', 'same-origin');
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function failure(code: ApiErrorCode, message: string): ApiResponse<never> {
  return { ok: false, error: { code, message } };
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(body));
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error(`request body exceeds ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`request body is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}
