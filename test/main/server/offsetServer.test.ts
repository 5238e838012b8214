import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parseDeribitSymbol } from '../../../src/engine/instrument';
import type { Book } from '../../../src/engine/market';
import { startOffsetServer, type RunningOffsetServer } from '../../../src/main/server/offsetServer';
import { testServiceRuntime } from '../../support/serviceRuntime';

const TOKEN = 'test-token-0123456789abcdef';
const book: Book = {
  name: 'desk-a',
  positions: [
    { instrument: parseDeribitSymbol('BTC-PERPETUAL'), quantity: -1000, avgPrice: 64000 },
    { instrument: parseDeribitSymbol('BTC-27DEC24-70000-C'), quantity: 5, avgPrice: 0.045 },
  ],
  collateral: { BTC: 2.5, USDC: 10000 },
};
const runtime = testServiceRuntime([book]);
const { services, progress } = runtime;

let staticDir: string;
let server: RunningOffsetServer;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'offset-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Offset</title>');
  server = await startOffsetServer({ services, progress, staticDir, token: TOKEN });
});
afterAll(async () => {
  await server?.close();
  await runtime.dispose();
  rmSync(staticDir, { recursive: true, force: true });
});

function call(method: string, body: string, headers: Record<string, string> = { 'x-offset-token': TOKEN }) {
  return fetch(`${server.origin}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
}

/** Raw request, for what fetch will not send (a foreign Host header, an unnormalised path). */
function rawGet(path: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: server.host, port: server.port, path, headers: { host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode server', () => {
  it('binds the loopback address by default', () => {
    expect(server.host).toBe('127.0.0.1');
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('refuses a non-loopback host unless remote access is allowed, and refuses short tokens', async () => {
    await expect(startOffsetServer({ services, progress, staticDir, host: '0.0.0.0' })).rejects.toThrow(/allow-remote/);
    await expect(startOffsetServer({ services, progress, staticDir, token: 'short' })).rejects.toThrow(/at least 16/);
  });

  it('generates a fresh random token when none is given', async () => {
    const a = await startOffsetServer({ services, progress, staticDir });
    const b = await startOffsetServer({ services, progress, staticDir });
    try {
      expect(a.token).toMatch(/^[\w-]{43}$/);
      expect(a.token).not.toBe(b.token);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('answers 401 without the token or with a wrong one, 200 with it', async () => {
    expect((await call('listPortfolios', '{}', {})).status).toBe(401);
    expect((await call('listPortfolios', '{}', { 'x-offset-token': `${TOKEN}x` })).status).toBe(401);
    const ok = await call('listPortfolios', '{}');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, value: [{ name: 'desk-a', positionCount: 2, collateralAssets: ['BTC', 'USDC'] }] });
  });

  it('returns the positions of a portfolio flattened for the grid', async () => {
    const response = await call('getPortfolio', JSON.stringify({ name: 'desk-a' }));
    const body = await response.json();
    expect(body.value.positions.find((p: { symbol: string }) => p.symbol === 'BTC-27DEC24-70000-C')).toEqual({
      symbol: 'BTC-27DEC24-70000-C', kind: 'option', underlying: 'BTC', quote: 'USD', settlement: 'inverse',
      settleCurrency: 'BTC', expiry: Date.UTC(2024, 11, 27, 8), strike: 70000, right: 'call', multiplier: 1,
      quantity: 5, avgPrice: 0.045,
    });
    expect(body.value.collateral).toEqual([{ asset: 'BTC', amount: 2.5 }, { asset: 'USDC', amount: 10000 }]);
  });

  it('rejects invalid arguments with 400 and the zod message naming the field', async () => {
    const wrongType = await call('getPortfolio', JSON.stringify({ name: 5 }));
    expect(wrongType.status).toBe(400);
    const body = await wrongType.json();
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(/invalid arguments for getPortfolio/);
    expect(body.error.message).toMatch(/expected string, received number[\s\S]*→ at name/);

    const extraKey = await call('listPortfolios', JSON.stringify({ evil: true }));
    expect(extraKey.status).toBe(400);
    expect((await extraKey.json()).error.message).toMatch(/Unrecognized key: "evil"/);

    const notJson = await call('getPortfolio', '{name:');
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error.message).toMatch(/not valid JSON/);
  });

  it('answers 404 for unknown methods and portfolios, 405 for GET on the API', async () => {
    expect((await call('dropDatabase', '{}')).status).toBe(404);
    const missing = await call('getPortfolio', JSON.stringify({ name: 'nope' }));
    expect(missing.status).toBe(404);
    expect((await missing.json()).error.message).toBe("portfolio 'nope' does not exist");
    const get = await fetch(`${server.origin}/api/listPortfolios`, { headers: { 'x-offset-token': TOKEN } });
    expect(get.status).toBe(405);
  });

  it('serves the renderer with the CSP and no-referrer headers, and nothing outside its directory', async () => {
    const page = await fetch(`${server.origin}/`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${server.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await rawGet('/../../../etc/passwd', `127.0.0.1:${server.port}`)).toBe(404);
    expect(await rawGet('/%2e%2e/%2e%2e/etc/passwd', `127.0.0.1:${server.port}`)).toBe(404);
  });

  it('rejects a foreign Host header on a loopback server (DNS rebinding)', async () => {
    expect(await rawGet('/', 'attacker.example:80')).toBe(403);
    expect(await rawGet('/', `localhost:${server.port}`)).toBe(200);
  });

  it('pushes progress events over the WebSocket only to token holders', async () => {
    const wsUrl = `ws://127.0.0.1:${server.port}/api/events`;
    const refused = new WebSocket(`${wsUrl}?token=wrong`);
    await new Promise<void>((resolve) => refused.on('error', () => resolve()));

    const socket = new WebSocket(`${wsUrl}?token=${TOKEN}`);
    await new Promise<void>((resolve, reject) => {
      socket.on('open', () => resolve());
      socket.on('error', reject);
    });
    const received = new Promise<unknown>((resolve) => socket.on('message', (data) => resolve(JSON.parse(String(data)))));
    const event = { jobId: '7', stage: 'revalue', fraction: 0.5, etaMs: 1200, status: 'running' as const, message: null };
    progress.publish(event);
    expect(await received).toEqual(event);
    socket.close();
  });
});
