/**
 * The worker's side of the channel to the pool, the same for both hosts:
 * - Electron utility process: `process.parentPort` ('message' events carry `{ data }`);
 * - Node child process (child_process.fork with serialization 'advanced'): `process.on('message')` / `process.send`.
 * `process.parentPort` is undefined under Node, so the host is detected at run time.
 */
import { killSelfWhenOrphaned } from './orphanWatchdog';
import type { FromWorker } from './protocol';

export interface ParentChannel {
  send(message: FromWorker): void;
  onMessage(listener: (raw: unknown) => void): void;
  /**
   * Called when the parent goes away (Node: IPC disconnect), so the worker never outlives the app. Under Node a
   * watchdog thread also kills the worker if the parent dies while a job blocks the event loop.
   */
  onParentGone(listener: () => void): void;
}

interface ElectronParentPort {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: unknown): void;
}

export function connectToParent(): ParentChannel {
  const port = (process as unknown as { parentPort?: ElectronParentPort }).parentPort;
  if (port) {
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (event) => listener(event.data)),
      // Electron ends utility processes together with the app.
      onParentGone: () => {},
    };
  }
  const send = process.send?.bind(process);
  if (send) {
    return {
      send: (message) => send(message),
      onMessage: (listener) => process.on('message', listener),
      onParentGone: (listener) => {
        process.on('disconnect', listener);
        killSelfWhenOrphaned();
      },
    };
  }
  throw new Error('the engine worker entry must be started by the worker pool (no parentPort and no IPC channel)');
}
