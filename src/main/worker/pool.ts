/**
 * A pool of engine worker processes (see docs/workers.md). Jobs wait in a priority queue (interactive before
 * normal before batch, FIFO within a priority) and run one per worker. The pool enforces what a worker cannot
 * enforce on itself: per-job timeouts and the cancel grace period (a worker that does not stop is killed), and it
 * replaces any worker that dies. A job whose worker dies unexpectedly is retried once on a fresh worker, then
 * failed; a V8 heap OOM (seen on the worker's stderr) or an RSS-limit error fails the job without retry.
 */
import { availableParallelism } from 'node:os';
import { JobError } from './errors';
import { PriorityQueue, type Prioritised } from './priorityQueue';
import { fromWorkerSchema, parseMessage, priorityRank, type FromWorker, type JobPriority } from './protocol';
import { defaultWorkerEntry, spawnWorker, type WorkerExit, type WorkerProcess } from './spawn';

export interface WorkerPoolOptions {
  /** Worker processes; default cores - 1, at least 1. */
  size?: number;
  /** SQLite file the workers may read through ctx.db. */
  dbPath?: string;
  /** Per-worker memory limit in MB: V8 heap cap and resident-set check while a job runs. Default 2048. */
  memoryLimitMb?: number;
  /** Timeout for jobs submitted without one; 0 = none (default). */
  defaultTimeoutMs?: number;
  /** How long a cancelled job may take to stop before its worker is killed. Default 500 ms. */
  cancelGraceMs?: number;
  /** Extra attempts after a worker dies mid-job. Default 1. */
  retries?: number;
  /** Worker entry module; default: entry.ts beside the sources or out/main/worker.js in the build. */
  entryPath?: string;
}

export interface JobProgress {
  fraction: number;
  stage: string;
  etaMs: number | null;
}

export interface SubmitOptions {
  priority?: JobPriority;
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  /** Called each time the job starts on a worker (attempt 1, and 2 after a crash). */
  onStart?: (start: { workerPid: number | undefined; attempt: number }) => void;
}

export interface Job<T> {
  readonly id: string;
  readonly result: Promise<T>;
  /** Queued: removed at once. Running: the worker is asked to stop, and killed after the grace period. */
  cancel(): void;
}

interface PendingJob extends Prioritised {
  id: string;
  type: string;
  payload: unknown;
  priority: JobPriority;
  timeoutMs: number;
  attempts: number;
  options: SubmitOptions;
  settled: boolean;
  cancelRequested: boolean;
  slot?: WorkerSlot;
  /** Removes the listener on options.signal once the job is settled. */
  detachSignal?: () => void;
  resolve(value: unknown): void;
  reject(error: JobError): void;
}

interface WorkerSlot {
  process?: WorkerProcess;
  ready: boolean;
  job?: PendingJob;
  /** Set when the pool itself stops the worker, so its exit is not treated as a crash. */
  stopping: boolean;
  timer?: ReturnType<typeof setTimeout>;
  /** Settles when the worker is ready for jobs, or has died trying. */
  started: Promise<void>;
  markStarted(): void;
  exited: Promise<void>;
  markExited(): void;
}

/** Consecutive workers dying before 'ready' after which queued jobs fail instead of respawning forever. */
const MAX_STARTUP_FAILURES = 3;
const SHUTDOWN_GRACE_MS = 1000;

export class WorkerPool {
  readonly size: number;
  private readonly memoryLimitMb: number;
  private readonly defaultTimeoutMs: number;
  private readonly cancelGraceMs: number;
  private readonly retries: number;
  private readonly entryPath: string;
  private readonly dbPath?: string;
  private readonly queue = new PriorityQueue<PendingJob>();
  private readonly slots = new Set<WorkerSlot>();
  private nextSequence = 1;
  private startupFailures = 0;
  private closed = false;

  constructor(options: WorkerPoolOptions = {}) {
    this.size = Math.max(1, Math.floor(options.size ?? availableParallelism() - 1));
    this.memoryLimitMb = options.memoryLimitMb ?? 2048;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 0;
    this.cancelGraceMs = options.cancelGraceMs ?? 500;
    this.retries = options.retries ?? 1;
    this.entryPath = options.entryPath ?? defaultWorkerEntry();
    this.dbPath = options.dbPath;
  }

  submit<T = unknown>(type: string, payload: unknown, options: SubmitOptions = {}): Job<T> {
    const sequence = this.nextSequence++;
    const id = String(sequence);
    let job!: PendingJob;
    const result = new Promise<T>((resolve, reject) => {
      const priority = options.priority ?? 'normal';
      job = {
        id, type, payload, priority, sequence, options,
        rank: priorityRank[priority],
        timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs,
        attempts: 0,
        settled: false,
        cancelRequested: false,
        resolve: (value) => resolve(value as T),
        reject,
      };
    });
    const cancel = () => this.cancel(job);
    if (this.closed) {
      this.settle(job, new JobError('closed', `job ${id} (${type}) rejected: the worker pool is closed`, id, type));
      return { id, result, cancel };
    }
    if (options.signal?.aborted) {
      this.settle(job, this.cancelledError(job, 'cancelled before it started'));
      return { id, result, cancel };
    }
    if (options.signal) {
      const signal = options.signal;
      signal.addEventListener('abort', cancel, { once: true });
      job.detachSignal = () => signal.removeEventListener('abort', cancel);
    }
    this.queue.push(job);
    this.startWorkers();
    this.dispatch();
    return { id, result, cancel };
  }

  run<T = unknown>(type: string, payload: unknown, options?: SubmitOptions): Promise<T> {
    return this.submit<T>(type, payload, options).result;
  }

  /** Starts all workers now (instead of on the first job) and resolves when they are ready: a warm pool. */
  async start(): Promise<void> {
    this.startWorkers();
    await Promise.all([...this.slots].map((slot) => slot.started));
  }

  /** Process ids of the live workers (for diagnostics and tests). */
  workerPids(): number[] {
    return [...this.slots].flatMap((slot) => (slot.process?.pid === undefined ? [] : [slot.process.pid]));
  }

  /** Fails queued and running jobs with 'closed', stops every worker and resolves once all have exited. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.drain()) {
      this.settle(job, new JobError('closed', `job ${job.id} (${job.type}) dropped: the worker pool was closed`, job.id, job.type));
    }
    for (const slot of this.slots) {
      if (slot.job) {
        const job = slot.job;
        this.settle(job, new JobError('closed', `job ${job.id} (${job.type}) stopped: the worker pool was closed`, job.id, job.type));
      }
      slot.stopping = true;
      slot.process?.send({ kind: 'shutdown' });
      const kill = setTimeout(() => slot.process?.kill(), SHUTDOWN_GRACE_MS);
      void slot.exited.then(() => clearTimeout(kill));
    }
    await Promise.all([...this.slots].map((slot) => slot.exited));
  }

  private startWorkers(): void {
    while (!this.closed && this.slots.size < this.size) this.startWorker();
  }

  private startWorker(): void {
    let markStarted!: () => void;
    let markExited!: () => void;
    const started = new Promise<void>((resolve) => (markStarted = resolve));
    const exited = new Promise<void>((resolve) => (markExited = resolve));
    const slot: WorkerSlot = { ready: false, stopping: false, started, markStarted, exited, markExited };
    this.slots.add(slot);
    spawnWorker({ entryPath: this.entryPath, memoryLimitMb: this.memoryLimitMb }).then(
      (worker) => {
        slot.process = worker;
        worker.onMessage((raw) => this.onMessage(slot, raw));
        worker.onExit((exit) => this.onExit(slot, exit));
        if (this.closed) {
          slot.stopping = true;
          worker.kill();
          return;
        }
        worker.send({ kind: 'init', dbPath: this.dbPath, memoryLimitMb: this.memoryLimitMb });
      },
      (error: Error) => this.onExit(slot, { code: null, signal: null, stderrTail: `spawn failed: ${error.message}` }),
    );
  }

  /** Hands queued jobs to idle workers, highest priority first. */
  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.size === 0) return;
      if (!slot.ready || slot.job || slot.stopping) continue;
      this.startJob(slot, this.queue.pop() as PendingJob);
    }
  }

  private startJob(slot: WorkerSlot, job: PendingJob): void {
    job.attempts++;
    job.slot = slot;
    slot.job = job;
    const { id, type, priority, payload, timeoutMs } = job;
    slot.process?.send({ kind: 'run', id, type, priority, payload, timeoutMs });
    if (timeoutMs > 0) {
      slot.timer = setTimeout(() => {
        const pid = slot.process?.pid;
        this.settle(job, new JobError('timeout', `job ${id} (${type}) exceeded its timeout of ${timeoutMs} ms; worker ${pid} was killed and replaced`, id, type));
        this.stopWorker(slot);
      }, timeoutMs);
    }
    job.options.onStart?.({ workerPid: slot.process?.pid, attempt: job.attempts });
  }

  private cancel(job: PendingJob): void {
    if (job.settled || job.cancelRequested) return;
    job.cancelRequested = true;
    const slot = job.slot;
    if (!slot) {
      this.queue.remove(job);
      this.settle(job, this.cancelledError(job, 'cancelled before it started'));
      return;
    }
    slot.process?.send({ kind: 'cancel', id: job.id });
    clearTimeout(slot.timer);
    slot.timer = setTimeout(() => {
      this.settle(job, this.cancelledError(job, `cancelled; it did not stop within ${this.cancelGraceMs} ms, so worker ${slot.process?.pid} was killed and replaced`));
      this.stopWorker(slot);
    }, this.cancelGraceMs);
  }

  private onMessage(slot: WorkerSlot, raw: unknown): void {
    let message: FromWorker;
    try {
      message = parseMessage(fromWorkerSchema, raw, 'worker -> pool');
    } catch (error) {
      // A worker speaking a broken protocol cannot be trusted with more jobs.
      if (slot.job) this.settle(slot.job, new JobError('failed', `job ${slot.job.id} (${slot.job.type}): ${(error as Error).message}`, slot.job.id, slot.job.type));
      this.stopWorker(slot);
      return;
    }
    if (message.kind === 'ready') {
      slot.ready = true;
      slot.markStarted();
      this.startupFailures = 0;
      this.dispatch();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== message.id) return; // late message from a job the pool already gave up on
    if (message.kind === 'progress') {
      const { fraction, stage, etaMs } = message;
      job.options.onProgress?.({ fraction, stage, etaMs });
      return;
    }
    clearTimeout(slot.timer);
    slot.job = undefined;
    if (job.cancelRequested) {
      this.settle(job, this.cancelledError(job, 'cancelled'));
    } else if (message.kind === 'result') {
      this.settle(job, undefined, message.value);
    } else {
      const error = new JobError(message.code, `job ${job.id} (${job.type}) ${message.code === 'failed' || message.code === 'rejected' ? 'failed' : 'stopped'}: ${message.message}`, job.id, job.type);
      if (message.stack) error.stack = `${error.message}\n  in worker ${slot.process?.pid}: ${message.stack}`;
      this.settle(job, error);
    }
    // A worker that went over its memory limit may keep the memory: replace it rather than reuse it.
    if (message.kind === 'error' && message.code === 'memory') this.stopWorker(slot);
    else this.dispatch();
  }

  private onExit(slot: WorkerSlot, exit: WorkerExit): void {
    this.slots.delete(slot);
    clearTimeout(slot.timer);
    slot.markStarted();
    slot.markExited();
    if (!slot.ready && !slot.stopping) this.startupFailures++;
    const job = slot.job;
    if (job && !job.settled) this.recoverJob(job, slot, exit);
    if (this.closed) return;
    if (this.startupFailures >= MAX_STARTUP_FAILURES) {
      this.startupFailures = 0;
      for (const queued of this.queue.drain()) {
        this.settle(queued, new JobError('crashed', `job ${queued.id} (${queued.type}) not run: engine workers fail to start (${describeExit(exit)})`, queued.id, queued.type));
      }
      return;
    }
    this.startWorkers();
  }

  /** The worker died under a job: out of heap -> memory error; otherwise retry on a fresh worker, then fail. */
  private recoverJob(job: PendingJob, slot: WorkerSlot, exit: WorkerExit): void {
    const pid = slot.process?.pid;
    job.slot = undefined;
    if (/JavaScript heap out of memory/.test(exit.stderrTail)) {
      this.settle(job, new JobError('memory', `job ${job.id} (${job.type}) exceeded the worker memory limit: V8 heap out of memory (limit ${this.memoryLimitMb} MB); worker ${pid} died and was replaced`, job.id, job.type));
    } else if (job.cancelRequested) {
      this.settle(job, this.cancelledError(job, 'cancelled (its worker exited)'));
    } else if (job.attempts <= this.retries && !this.closed) {
      this.queue.push(job); // keeps its sequence number, so it runs before later jobs of its priority
    } else {
      this.settle(job, new JobError('crashed', `job ${job.id} (${job.type}) failed: worker ${pid} ${describeExit(exit)} while running it (attempt ${job.attempts} of ${this.retries + 1}); giving up`, job.id, job.type));
    }
  }

  /** Kills a worker on purpose (timeout, unresponsive cancel, memory); onExit replaces it. */
  private stopWorker(slot: WorkerSlot): void {
    slot.stopping = true;
    slot.job = undefined;
    clearTimeout(slot.timer);
    slot.process?.kill();
  }

  private settle(job: PendingJob, error: JobError | undefined, value?: unknown): void {
    if (job.settled) return;
    job.settled = true;
    job.slot = undefined;
    job.detachSignal?.();
    if (error) job.reject(error);
    else job.resolve(value);
  }

  private cancelledError(job: PendingJob, detail: string): JobError {
    return new JobError('cancelled', `job ${job.id} (${job.type}) ${detail}`, job.id, job.type);
  }
}

function describeExit(exit: WorkerExit): string {
  const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
  const lastLine = exit.stderrTail.trim().split('\n').pop();
  return lastLine ? `${how} (stderr: ${lastLine})` : how;
}
