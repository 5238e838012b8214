/**
 * Starts one engine worker process and wraps it in a host-neutral handle.
 * - Electron main process (process.versions.electron): utilityProcess.fork. 'electron' is imported dynamically in
 *   that branch only, so this module loads under plain Node (tests, CLI), where require('electron') throws.
 * - Node: child_process.fork with serialization 'advanced' (typed arrays survive). When the entry is a .ts source
 *   the child gets `--import <tsx loader>` (resolved to an absolute URL, so it does not depend on the cwd).
 * Entry resolution (defaultWorkerEntry): from sources, entry.ts beside this file; in the electron-vite build this
 * module is bundled into out/main/index.js and entry.ts is built as its own main-process input named 'worker',
 * i.e. out/main/worker.js beside the bundle.
 */
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ToWorker } from './protocol';

export interface WorkerExit {
  code: number | null;
  signal: string | null;
  /** Last few KB the worker wrote to stderr (also forwarded to ours): names a V8 heap OOM or a crash. */
  stderrTail: string;
}

export interface WorkerProcess {
  readonly pid: number | undefined;
  send(message: ToWorker): void;
  onMessage(listener: (raw: unknown) => void): void;
  onExit(listener: (exit: WorkerExit) => void): void;
  /** Kills at once (SIGKILL under Node; Electron's kill() for utility processes). */
  kill(): void;
}

export interface SpawnWorkerOptions {
  entryPath: string;
  /** Caps the V8 heap of the worker (--max-old-space-size). */
  memoryLimitMb: number;
}

const STDERR_TAIL_BYTES = 4096;

export function defaultWorkerEntry(): string {
  const here = fileURLToPath(import.meta.url);
  return here.endsWith('.ts') ? join(dirname(here), 'entry.ts') : join(dirname(here), 'worker.js');
}

export async function spawnWorker(options: SpawnWorkerOptions): Promise<WorkerProcess> {
  const execArgv = [`--max-old-space-size=${Math.ceil(options.memoryLimitMb)}`];
  return process.versions.electron
    ? spawnUtilityProcess(options.entryPath, execArgv)
    : spawnChildProcess(options.entryPath, execArgv);
}

function spawnChildProcess(entryPath: string, execArgv: string[]): WorkerProcess {
  const loader = entryPath.endsWith('.ts')
    ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href]
    : [];
  const child = fork(entryPath, [], {
    serialization: 'advanced',
    execArgv: [...loader, ...execArgv],
    stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
  });
  const stderr = captureStderr(child.stderr);
  // A send racing the child's death must not throw in the pool; the exit event reports the death.
  child.on('error', () => {});
  return {
    pid: child.pid,
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) =>
      child.once('exit', (code, signal) => {
        // 'exit' can precede the end of stderr: wait for the pipe to drain so the OOM message is seen.
        void stderr.drained.then(() => listener({ code, signal, stderrTail: stderr.tail() }));
      }),
    kill: () => child.kill('SIGKILL'),
  };
}

async function spawnUtilityProcess(entryPath: string, execArgv: string[]): Promise<WorkerProcess> {
  const { utilityProcess } = await import('electron');
  const child = utilityProcess.fork(entryPath, [], {
    execArgv,
    stdio: ['ignore', 'inherit', 'pipe'],
    serviceName: 'Offset engine worker',
  });
  const stderr = captureStderr(child.stderr);
  return {
    get pid() {
      return child.pid;
    },
    send: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) =>
      child.once('exit', (code) => {
        void stderr.drained.then(() => listener({ code, signal: null, stderrTail: stderr.tail() }));
      }),
    kill: () => child.kill(),
  };
}

/** Forwards the worker's stderr and keeps its tail; `drained` settles at end of stream (or 500 ms after exit). */
function captureStderr(stream: NodeJS.ReadableStream | null) {
  let tail = '';
  const drained = new Promise<void>((resolve) => {
    if (!stream) return resolve();
    // The pipe may outlive the process if something inherited it: never wait for it long.
    stream.on('close', resolve);
    stream.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      tail = (tail + chunk.toString()).slice(-STDERR_TAIL_BYTES);
    });
    stream.on('end', resolve);
    stream.on('error', resolve);
  });
  return { drained, tail: () => tail };
}
