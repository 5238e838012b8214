import type { ApiTransport } from '../../shared/channels';

declare global {
  interface Window {
    /** Present only inside Electron: the preload's IPC bridge (src/preload/index.ts). */
    offset?: ApiTransport;
  }
}
