/**
 * Sandboxed preload (built to CommonJS): exposes exactly the ApiTransport bridge as window.offset. The renderer
 * can invoke only the API's own channels and listen only to progress events; it never sees ipcRenderer.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_PROGRESS_CHANNEL, ipcChannel, isApiMethod, type ApiResponse, type ApiTransport } from '../shared/channels';

const bridge: ApiTransport = {
  invoke(method, args) {
    if (!isApiMethod(method)) {
      const refused: ApiResponse<never> = { ok: false, error: { code: 'not_found', message: `unknown API method '${String(method)}'` } };
      return Promise.resolve(refused);
    }
    return ipcRenderer.invoke(ipcChannel(method), args) as Promise<ApiResponse<unknown>>;
  },
  onProgress(listener) {
    const handler = (_event: IpcRendererEvent, progress: unknown) => listener(progress);
    ipcRenderer.on(IPC_PROGRESS_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_PROGRESS_CHANNEL, handler);
    };
  },
};

contextBridge.exposeInMainWorld('offset', bridge);
