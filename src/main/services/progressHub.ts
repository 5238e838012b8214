import type { ProgressEvent } from '../../shared/api';

/** Fan-out of job progress events from the services to every connected renderer (IPC window or WebSocket). */
export interface ProgressHub {
  publish(event: ProgressEvent): void;
  subscribe(listener: (event: ProgressEvent) => void): () => void;
}

export function createProgressHub(): ProgressHub {
  const listeners = new Set<(event: ProgressEvent) => void>();
  return {
    publish(event) {
      for (const listener of listeners) listener(event);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
