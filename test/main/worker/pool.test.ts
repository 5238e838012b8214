import { fork } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { JobError } from '../../../src/main/worker/errors';
import { WorkerPool, type JobProgress } from '../../../src/main/worker/pool';
import { processAlive } from './processAlive';

/** Every worker pid any test saw; all must be gone once the pools are closed. */
const seenPids = new Set<number>();
const pools: WorkerPool[] = [];

function newPool(options: ConstructorParameters<typeof WorkerPool>[0]): WorkerPool {
  const pool = new WorkerPool(options);
  pools.push(pool);
  return pool;
}

function recordStart(starts: { workerPid: number | undefined; attempt: number }[] = []) {
  return (start: { workerPid: number | undefined; attempt: number }) => {
    if (start.workerPid !== undefined) seenPids.add(start.workerPid);
    starts.push(start);
  };
}

async function rejection(promise: Promise<unknown>): Promise<JobError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(JobError);
    return error as JobError;
  }
  throw new Error('expected the job to fail');
}

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

describe('WorkerPool (Node child processes)', () => {
  const pool = newPool({ size: 2, cancelGraceMs: 300 });

  it('round-trips payloads; a Float64Array arrives as a Float64Array with the same bits', async () => {
    const values = new Float64Array([Math.PI, -0, Number.MIN_VALUE, Number.NaN, 1e308]);
    const back = await pool.run<{ values: Float64Array; when: Date }>('echo', { values, when: new Date(0) }, { onStart: recordStart() });
    expect(back.values).toBeInstanceOf(Float64Array);
    // Deserialised typed arrays may be views into a larger buffer: compare the viewed bytes only.
    const { buffer, byteOffset, byteLength } = back.values;
    expect(new Uint8Array(buffer, byteOffset, byteLength)).toEqual(new Uint8Array(values.buffer));
    expect(back.when).toBeInstanceOf(Date);
  });

  it('reports progress with a fraction, stage and ETA, ending at 1', async () => {
    const progress: JobProgress[] = [];
    const slept = await pool.run<number>('sleep', { ms: 300 }, { onProgress: (p) => progress.push(p) });
    expect(slept).toBeGreaterThanOrEqual(300);
    expect(progress.length).toBeGreaterThanOrEqual(2);
    expect(progress.at(-1)).toEqual({ fraction: 1, stage: 'sleeping', etaMs: 0 });
    const fractions = progress.map((p) => p.fraction);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    // A steady 300 ms job has 300 x (1 - f) ms left at fraction f. The ETA extrapolates the elapsed time, so a few
    // ms of start-up skew are amplified by 1/f: check from f = 0.25 on, to within 40 ms.
    const checked = progress.filter((p) => p.fraction >= 0.25);
    expect(checked.length).toBeGreaterThanOrEqual(1);
    for (const p of checked) expect(Math.abs((p.etaMs as number) - 300 * (1 - p.fraction))).toBeLessThan(40);
  });

  it('fails unknown job types and bad payloads with a clear error naming job, type and field', async () => {
    const unknown = await rejection(pool.run('no-such-job', {}));
    expect(unknown.code).toBe('failed');
    expect(unknown.message).toMatch(/\(no-such-job\) failed: unknown job type 'no-such-job' \(registered: echo, /);
    const bad = await rejection(pool.run('sleep', { ms: 'soon' }));
    expect(bad.message).toMatch(/\(sleep\) failed: invalid payload: field 'ms'/);
  });

  it('cancels a running cooperative job within 200 ms and keeps its worker', async () => {
    const starts: { workerPid: number | undefined; attempt: number }[] = [];
    const job = pool.submit('spin', { ms: 20_000 }, { onStart: recordStart(starts) });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(starts).toHaveLength(1);
    const cancelledAt = performance.now();
    job.cancel();
    const error = await rejection(job.result);
    const latencyMs = performance.now() - cancelledAt;
    console.log(`cancel latency of a spinning job: ${latencyMs.toFixed(1)} ms`);
    expect(error.code).toBe('cancelled');
    expect(latencyMs).toBeLessThan(200);
    expect(pool.workerPids()).toContain(starts[0].workerPid);
  });

  it('cancels through an AbortSignal, and a queued job without ever starting it', async () => {
    const controller = new AbortController();
    const running = pool.run('spin', { ms: 20_000 }, { signal: controller.signal });
    const queuedStarts: unknown[] = [];
    const blockers = [pool.submit('sleep', { ms: 400 }), pool.submit('sleep', { ms: 400 })];
    const queued = pool.submit('echo', 1, { priority: 'batch', onStart: (s) => queuedStarts.push(s) });
    queued.cancel();
    expect((await rejection(queued.result)).message).toMatch(/cancelled before it started/);
    controller.abort();
    expect((await rejection(running)).code).toBe('cancelled');
    await Promise.all(blockers.map((b) => b.result));
    expect(queuedStarts).toEqual([]);
  });

  it('kills and replaces a worker whose job ignores cancellation after the grace period', async () => {
    const starts: { workerPid: number | undefined; attempt: number }[] = [];
    const job = pool.submit('hang', {}, { onStart: recordStart(starts) });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const cancelledAt = performance.now();
    job.cancel();
    const error = await rejection(job.result);
    expect(error.code).toBe('cancelled');
    expect(error.message).toMatch(/did not stop within 300 ms, so worker \d+ was killed and replaced/);
    expect(performance.now() - cancelledAt).toBeGreaterThanOrEqual(290);
    const hungPid = starts[0].workerPid as number;
    await expect.poll(() => processAlive(hungPid)).toBe(false);
    expect(await pool.run('echo', 'still serving')).toBe('still serving');
  });

  it('starts an interactive job before batch jobs queued ahead of it', async () => {
    const single = newPool({ size: 1 });
    const order: string[] = [];
    const busy = single.submit('sleep', { ms: 300 }, { onStart: recordStart() });
    const batch = Array.from({ length: 8 }, (_, i) =>
      single.submit('echo', i, { priority: 'batch', onStart: () => order.push(`batch-${i}`) }),
    );
    const interactive = single.submit('echo', 'what-if', { priority: 'interactive', onStart: () => order.push('interactive') });
    await Promise.all([busy.result, interactive.result, ...batch.map((b) => b.result)]);
    expect(order).toEqual(['interactive', ...batch.map((_, i) => `batch-${i}`)]);
    await single.close();
  });
});

describe('WorkerPool shutdown', () => {
  it('close() fails pending jobs with "closed" and leaves no worker process behind', async () => {
    for (const pid of pools.flatMap((pool) => pool.workerPids())) seenPids.add(pid);
    const pool = newPool({ size: 2 });
    const running = pool.run('sleep', { ms: 5_000 }, { onStart: recordStart() });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect.poll(() => pool.workerPids().length, { timeout: 20_000 }).toBe(2);
    for (const pid of pool.workerPids()) seenPids.add(pid);
    const runningError = rejection(running);
    const queuedError = rejection(pool.run('echo', 1));
    await Promise.all(pools.map((p) => p.close()));
    expect((await runningError).code).toBe('closed');
    expect((await queuedError).code).toBe('closed');
    expect((await rejection(pool.run('echo', 1))).message).toMatch(/the worker pool is closed/);
    expect(seenPids.size).toBeGreaterThanOrEqual(3);
    for (const pid of seenPids) expect(processAlive(pid), `worker ${pid} still running`).toBe(false);
  });

  it('workers do not outlive a main process that is SIGKILLed while they run hung and busy jobs', async () => {
    const fixture = fileURLToPath(new URL('./fixtures/parentThatDies.ts', import.meta.url));
    const parent = fork(fixture, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
    const [line] = (await once(parent.stdout!, 'data')) as [Buffer];
    const pids = JSON.parse(line.toString()) as number[];
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(processAlive(pid)).toBe(true);
    parent.kill('SIGKILL');
    for (const pid of pids) await expect.poll(() => processAlive(pid), { timeout: 5_000 }).toBe(false);
  });
});
