/**
 * Ends a Node child worker whose parent died while the worker's event loop was blocked (a hung or busy job never
 * sees the IPC 'disconnect'). A tiny worker thread with its own event loop polls the parent pid; when the process
 * has been re-parented it SIGKILLs its own process. Not needed under Electron, which ends utility processes itself.
 */
import { Worker } from 'node:worker_threads';

const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
setInterval(() => {
  if (process.ppid !== workerData.parentPid) process.kill(process.pid, 'SIGKILL');
}, workerData.intervalMs);
`;

export function killSelfWhenOrphaned(intervalMs = 500): void {
  const watchdog = new Worker(WATCHDOG_SOURCE, {
    eval: true,
    workerData: { parentPid: process.ppid, intervalMs },
    resourceLimits: { maxOldGenerationSizeMb: 8 },
  });
  watchdog.unref();
}
