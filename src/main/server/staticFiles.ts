/**
 * Serves the built renderer from one directory. Only GET/HEAD of files inside the root; "/" is index.html.
 * Paths are decoded and resolved, then checked to stay under the root (no ../ escapes, no NUL bytes).
 */
import { createReadStream, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Resolves a URL path to a file under root, or undefined when it is outside the root or not a file. */
export function resolveStaticFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const absoluteRoot = resolve(root);
  const file = resolve(join(absoluteRoot, decoded === '/' ? 'index.html' : decoded));
  if (!file.startsWith(absoluteRoot + sep)) return undefined;
  try {
    return statSync(file).isFile() ? file : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the file (status 200) or a 404; headers common to all responses are set by the caller. */
export function serveStaticFile(root: string, request: IncomingMessage, response: ServerResponse, urlPath: string): void {
  const file = resolveStaticFile(root, urlPath);
  if (!file) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    return;
  }
  const isHtml = extname(file) === '.html';
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    // Hashed assets never change; the HTML names them, so it must always be fresh.
    'cache-control': isHtml ? 'no-store' : 'public, max-age=31536000, immutable',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file).pipe(response);
}
