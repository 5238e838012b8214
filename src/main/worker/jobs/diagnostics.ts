/**
 * Diagnostic job types used by the pool's tests and bench: they exercise each failure mode (slow, busy, hung,
 * crashing, memory-hungry) and a deterministic CPU-bound workload. Not for production use.
 */
import { z } from 'zod';
import { defineJob, type JobContext } from './defineJob';

const MB = 1024 * 1024;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}

/** Sleeps in 20 ms steps, reporting progress; cancellation wakes it at once. */
async function sleepJob({ ms }: { ms: number }, ctx: JobContext): Promise<number> {
  const start = Date.now();
  for (let elapsed = 0; elapsed < ms; elapsed = Date.now() - start) {
    await sleep(Math.min(20, ms - elapsed), ctx.signal);
    ctx.checkCancelled();
    ctx.progress(Math.min(1, (Date.now() - start) / ms), 'sleeping');
  }
  return Date.now() - start;
}

/** Busy CPU loop that checks for cancellation, the pattern real engine loops follow. Returns loop iterations. */
async function spinJob({ ms }: { ms: number }, ctx: JobContext): Promise<number> {
  const end = Date.now() + ms;
  let iterations = 0;
  while (Date.now() < end) {
    for (let i = 0; i < 10_000; i++) iterations++;
    ctx.checkCancelled();
    await ctx.checkpoint();
  }
  return iterations;
}

/** Busy loop that never yields nor checks: only the pool's timeout or cancel grace period can stop it. */
function hangJob({ ms }: { ms: number }): number {
  const end = Date.now() + ms;
  let iterations = 0;
  while (Date.now() < end) iterations++;
  return iterations;
}

function crashJob({ mode }: { mode: 'exit' | 'abort' }): never {
  if (mode === 'abort') process.abort();
  process.exit(70);
}

/**
 * Grows memory in steps, touching every page so the resident set really grows: 'buffer' is off-heap (typed arrays,
 * caught by the RSS check), 'heap' is V8 heap (also capped by --max-old-space-size). With cooperative=false it
 * never calls checkCancelled, so only the hard heap cap can stop it.
 */
function allocateJob(
  { totalMb, stepMb, target, cooperative }: { totalMb: number; stepMb: number; target: 'buffer' | 'heap'; cooperative: boolean },
  ctx: JobContext,
): number {
  const held: unknown[] = [];
  let allocatedMb = 0;
  while (allocatedMb < totalMb) {
    if (target === 'buffer') {
      held.push(new Float64Array((stepMb * MB) / 8).fill(1));
    } else {
      // Plain arrays of distinct heap numbers: ~16 bytes each on the V8 heap.
      held.push(Array.from({ length: (stepMb * MB) / 16 }, (_, i) => i + 0.5));
    }
    allocatedMb += stepMb;
    if (cooperative) ctx.checkCancelled();
  }
  return held.length * stepMb;
}

/**
 * Counter-based hash (Wellons' "lowbias32") mapping (seed, index) to a uniform 32-bit integer, so any sample can be
 * drawn independently of how the index range is split into chunks.
 */
function hash32(seed: number, index: number): number {
  let x = (Math.imul(index, 0x9e3779b9) ^ seed) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/**
 * Sum of z^2 over samples [start, end), z standard normal by Box-Muller from two hashed uniforms. E[z^2] = 1, so the
 * mean over n samples is 1 +- sqrt(2/n): an independent check. Used as the chunked, CPU-bound test workload.
 */
export function sumOfSquaredNormals(seed: number, start: number, end: number, ctx?: JobContext): number {
  let sum = 0;
  for (let i = start; i < end; i++) {
    const u1 = (hash32(seed, 2 * i) + 1) / 4294967297; // in (0, 1): log stays finite
    const u2 = hash32(seed, 2 * i + 1) / 4294967296;
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    sum += z * z;
    if (ctx && (i & 0xffff) === 0) ctx.checkCancelled();
  }
  return sum;
}

/** Opens one read transaction, counts rows, waits, counts again: a reader that holds a WAL snapshot. */
async function dbHoldJob({ table, holdMs }: { table: string; holdMs: number }, ctx: JobContext) {
  const count = ctx.db.prepare(`SELECT count(*) AS n FROM "${table}"`).pluck();
  ctx.db.exec('BEGIN');
  try {
    const before = count.get() as number;
    await sleep(holdMs, ctx.signal);
    ctx.checkCancelled();
    return { before, after: count.get() as number };
  } finally {
    ctx.db.exec('COMMIT');
  }
}

const durationMs = z.number().int().nonnegative();

export const diagnosticJobs = {
  echo: (payload: unknown) => payload,
  sleep: defineJob(z.object({ ms: durationMs }), sleepJob),
  spin: defineJob(z.object({ ms: durationMs }), spinJob),
  hang: defineJob(z.object({ ms: durationMs.default(3_600_000) }), hangJob),
  crash: defineJob(z.object({ mode: z.enum(['exit', 'abort']).default('exit') }), crashJob),
  allocate: defineJob(
    z.object({
      totalMb: z.number().int().positive(),
      stepMb: z.number().int().positive().default(16),
      target: z.enum(['buffer', 'heap']).default('buffer'),
      cooperative: z.boolean().default(true),
    }),
    allocateJob,
  ),
  'normal-squares': defineJob(
    z.object({ seed: z.number().int(), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() }),
    ({ seed, start, end }, ctx) => sumOfSquaredNormals(seed, start, end, ctx),
  ),
  'db-hold': defineJob(
    z.object({ table: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/), holdMs: durationMs }),
    dbHoldJob,
  ),
};
