import { afterAll, describe, expect, it } from 'vitest';
import type { IpcMainInvokeEvent } from 'electron';
import { forwardProgress, registerApiHandlers } from '../../../src/main/ipc';
import { API_METHODS } from '../../../src/shared/channels';
import { testServiceRuntime } from '../../support/serviceRuntime';
import { createProgressHub } from '../../../src/main/services/progressHub';
import type { ApiResponse } from '../../../src/shared/channels';

const runtime = testServiceRuntime([], { transport: 'ipc' });
afterAll(() => runtime.dispose());

type Handler = (event: IpcMainInvokeEvent, args: unknown) => Promise<ApiResponse<unknown>>;
const APP_URL = 'file:///app/out/renderer/index.html';

function setup() {
  const handlers = new Map<string, Handler>();
  const ipcMain = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler) };
  const { services } = runtime;
  registerApiHandlers(ipcMain as never, services, (url) => url === APP_URL);
  const invoke = (channel: string, args: unknown, url = APP_URL) =>
    handlers.get(channel)!({ senderFrame: { url } } as IpcMainInvokeEvent, args);
  return { handlers, invoke };
}

describe('Electron IPC handlers', () => {
  it('registers one channel per API method', () => {
    expect([...setup().handlers.keys()].sort()).toEqual(API_METHODS.map((m) => `offset:${m}`).sort());
  });

  it('validates arguments with the contract before calling services', async () => {
    const { invoke } = setup();
    const bad = await invoke('offset:getPortfolio', { name: '' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('bad_request');
    expect(!bad.ok && bad.error.message).toMatch(/Too small[\s\S]*→ at name/);
    expect(await invoke('offset:listPortfolios', {})).toEqual({ ok: true, value: [] });
  });

  it('refuses calls from any frame other than the app page', async () => {
    const { invoke } = setup();
    const foreign = await invoke('offset:listPortfolios', {}, 'https://evil.example/');
    expect(!foreign.ok && foreign.error.code).toBe('unauthorized');
  });

  it('forwards progress events to the window until it is destroyed', () => {
    const hub = createProgressHub();
    const sent: unknown[] = [];
    let onDestroyed = () => {};
    forwardProgress(hub, { send: (_channel: string, event: unknown) => void sent.push(event), once: (_e: string, f: () => void) => (onDestroyed = f) } as never);
    const event = { jobId: '1', stage: 's', fraction: 1, etaMs: null, status: 'running' as const, message: null };
    hub.publish(event);
    onDestroyed();
    hub.publish(event);
    expect(sent).toEqual([event]);
  });
});
