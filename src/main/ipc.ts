/**
 * Electron IPC wiring: one ipcMain.handle per API method, each routed through dispatchApiCall, which validates
 * the arguments with the contract's zod schema before any service runs. Calls from any frame other than the
 * app's own page are refused. Only types come from 'electron', so this module loads (and is tested) under Node.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { OffsetServices } from '../shared/api';
import { API_METHODS, IPC_PROGRESS_CHANNEL, ipcChannel, type ApiResponse } from '../shared/channels';
import { dispatchApiCall } from './services/dispatch';
import type { ProgressHub } from './services/progressHub';

export function registerApiHandlers(
  ipcMain: Pick<IpcMain, 'handle'>,
  services: OffsetServices,
  isTrustedSender: (frameUrl: string | undefined) => boolean,
): void {
  for (const method of API_METHODS) {
    ipcMain.handle(ipcChannel(method), (event: IpcMainInvokeEvent, args: unknown): Promise<ApiResponse<unknown>> => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        return Promise.resolve({ ok: false, error: { code: 'unauthorized', message: `${method} refused: the caller is not the Offset window` } });
      }
      return dispatchApiCall(services, method, args);
    });
  }
}

/** Forwards job progress to a window until it is destroyed. */
export function forwardProgress(progress: ProgressHub, contents: Pick<WebContents, 'send' | 'once'>): void {
  const unsubscribe = progress.subscribe((event) => contents.send(IPC_PROGRESS_CHANNEL, event));
  contents.once('destroyed', unsubscribe);
}
