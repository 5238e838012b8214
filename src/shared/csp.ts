/**
 * The one Content-Security-Policy of the app, used for the Electron session header, the HTML meta tag and the
 * browser-mode server header. AG Grid injects <style> elements, hence style-src 'unsafe-inline'; scripts are
 * only our own bundle. frame-ancestors is ignored (with a console warning) in a meta tag, so that variant omits it.
 */
export interface CspOptions {
  delivery: 'header' | 'meta';
  /** Browser mode only: the WebSocket origin for progress events (e.g. ws://127.0.0.1:5123). */
  websocketOrigin?: string;
}

export function contentSecurityPolicy({ delivery, websocketOrigin }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    websocketOrigin ? `connect-src 'self' ${websocketOrigin}` : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (delivery === 'header') directives.push("frame-ancestors 'none'");
  return directives.join('; ');
}
