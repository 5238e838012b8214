import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { JobError } from '../../../src/main/worker/errors';
import { WorkerPool } from '../../../src/main/worker/pool';
import { processAlive } from './processAlive';

type Start = { workerPid: number | undefined; attempt: number };

const pools: WorkerPool[] = [];
const dir = mkdtempSync(join(tmpdir(), 'offset-worker-faults-'));

afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
  rmSync(dir, { recursive: true, force: true });
});

function newPool(options: ConstructorParameters<typeof WorkerPool>[0]): WorkerPool {
  const pool = new WorkerPool(options);
  pools.push(pool);
  return pool;
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

describe('worker faults', () => {
  it('a worker SIGKILLed mid-job: job retried once on a fresh worker, others complete, the main-side DB is intact', async () => {
    const dbPath = join(dir, 'book.sqlite');
    const db = new Database(dbPath);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE trades (id INTEGER PRIMARY KEY, quantity REAL NOT NULL, note TEXT NOT NULL)');
    const insert = db.prepare('INSERT INTO trades (quantity, note) VALUES (?, ?)');
    const insertBatch = db.transaction((from: number, n: number) => {
      for (let i = from; i < from + n; i++) insert.run(i * 0.5, `trade ${i}`);
    });
    let written = 0;
    insertBatch(written, 1000);
    written += 1000;

    const pool = newPool({ size: 2, dbPath });
    // The main process keeps writing while workers read and one of them is killed.
    const writer = setInterval(() => {
      insertBatch(written, 25);
      written += 25;
    }, 5);

    const victimStarts: Start[] = [];
    const victim = pool.run<{ before: number; after: number }>('db-hold', { table: 'trades', holdMs: 1200 }, {
      onStart: (start) => {
        victimStarts.push(start);
        if (start.attempt === 1) setTimeout(() => process.kill(start.workerPid as number, 'SIGKILL'), 400);
      },
    });
    // Concurrent jobs that must complete despite the crash.
    const sleeper = pool.run<number>('sleep', { ms: 900 });
    const otherReader = pool.run<{ before: number; after: number }>('db-hold', { table: 'trades', holdMs: 300 });
    const echo = pool.run('echo', 'after the crash');

    const [held, slept, reader, echoed] = await Promise.all([victim, sleeper, otherReader, echo]);
    clearInterval(writer);

    expect(victimStarts.map((s) => s.attempt)).toEqual([1, 2]);
    expect(victimStarts[1].workerPid).not.toBe(victimStarts[0].workerPid);
    expect(processAlive(victimStarts[0].workerPid as number)).toBe(false);
    // A read transaction sees one snapshot however much main writes meanwhile.
    expect(held.after).toBe(held.before);
    expect(held.before).toBeGreaterThanOrEqual(1000);
    expect(slept).toBeGreaterThanOrEqual(900);
    expect(reader.after).toBe(reader.before);
    expect(echoed).toBe('after the crash');

    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.close();
    const reopened = new Database(dbPath, { readonly: true });
    expect(reopened.prepare('SELECT count(*) FROM trades').pluck().get()).toBe(written);
    // Rows are exactly the ones written, in order: quantity = 0.5 x index.
    expect(reopened.prepare('SELECT sum(quantity) FROM trades').pluck().get()).toBe((0.5 * written * (written - 1)) / 2);
    reopened.close();
  });

  it('a job whose worker keeps dying is retried once, then fails with a clear error; other jobs continue', async () => {
    const pool = newPool({ size: 2 });
    const starts: Start[] = [];
    const crashing = pool.run('crash', { mode: 'exit' }, { onStart: (s) => starts.push(s) });
    const fine = pool.run<number>('sleep', { ms: 200 });
    const error = await rejection(crashing);
    expect(error.code).toBe('crashed');
    expect(error.message).toMatch(/job \d+ \(crash\) failed: worker \d+ exited with code 70 while running it \(attempt 2 of 2\); giving up/);
    expect(starts.map((s) => s.attempt)).toEqual([1, 2]);
    expect(await fine).toBeGreaterThanOrEqual(200);
    const aborted = await rejection(pool.run('crash', { mode: 'abort' }));
    expect(aborted.message).toMatch(/was killed by SIGABRT/);
    expect(await pool.run('echo', 42)).toBe(42);
  });

  it('a hung job is stopped by its timeout; the worker is killed and replaced', async () => {
    const pool = newPool({ size: 1 });
    const starts: Start[] = [];
    const begun = performance.now();
    const error = await rejection(pool.run('hang', {}, { timeoutMs: 500, onStart: (s) => starts.push(s) }));
    const elapsed = performance.now() - begun;
    expect(error.code).toBe('timeout');
    expect(error.message).toMatch(/\(hang\) exceeded its timeout of 500 ms; worker \d+ was killed and replaced/);
    expect(elapsed).toBeGreaterThanOrEqual(500);
    const hungPid = starts[0].workerPid as number;
    await expect.poll(() => processAlive(hungPid)).toBe(false);
    const next: Start[] = [];
    expect(await pool.run('echo', 'fresh', { onStart: (s) => next.push(s) })).toBe('fresh');
    expect(next[0].workerPid).not.toBe(hungPid);
    expect(starts).toHaveLength(1); // a timeout is not retried
  });

  it('a job over the memory limit fails with a clear error (RSS check for off-heap, V8 heap cap for heap)', async () => {
    const pool = newPool({ size: 1, memoryLimitMb: 320 });
    const offHeap = await rejection(pool.run('allocate', { totalMb: 4000, stepMb: 16, target: 'buffer' }));
    expect(offHeap.code).toBe('memory');
    expect(offHeap.message).toMatch(/\(allocate\) stopped: exceeded the worker memory limit: resident set \d+ MB > 320 MB/);

    const heap = await rejection(pool.run('allocate', { totalMb: 4000, stepMb: 16, target: 'heap', cooperative: false }));
    expect(heap.code).toBe('memory');
    expect(heap.message).toMatch(/exceeded the worker memory limit: V8 heap out of memory \(limit 320 MB\)/);
    expect(await pool.run('echo', 'recovered')).toBe('recovered');
  });
});
