import { afterAll, describe, expect, it } from 'vitest';
import { sumOfSquaredNormals } from '../../../src/main/worker/jobs/diagnostics';
import { mapChunks, splitRange, type IndexRange } from '../../../src/main/worker/mapChunks';
import { WorkerPool } from '../../../src/main/worker/pool';

const pools: WorkerPool[] = [];
afterAll(async () => {
  await Promise.all(pools.map((pool) => pool.close()));
});

function bits(x: number): bigint {
  return new BigUint64Array(new Float64Array([x]).buffer)[0];
}

/** Partial sums added in chunk order: the merge every worker count must reproduce exactly. */
const sumInOrder = (partials: number[]) => partials.reduce((total, partial) => total + partial, 0);

describe('splitRange', () => {
  it('cuts [start, end) into consecutive ranges of the chunk size, the last one shorter', () => {
    expect(splitRange(10, 35, 10)).toEqual([
      { start: 10, end: 20 },
      { start: 20, end: 30 },
      { start: 30, end: 35 },
    ]);
    expect(splitRange(0, 0, 4)).toEqual([]);
    expect(() => splitRange(0, 10, 0)).toThrow(/chunkSize must be a positive integer, got 0/);
  });
});

describe('mapChunks', () => {
  const samples = 2_000_000;
  const seed = 20240611;
  const chunks = splitRange(0, samples, 125_000).map((range: IndexRange) => ({ seed, ...range }));

  it('gives identical bits with 1 and 2 workers, equal to the in-process chunked sum', async () => {
    const one = new WorkerPool({ size: 1 });
    const two = new WorkerPool({ size: 2 });
    pools.push(one, two);
    const progress: number[] = [];
    const [withOne, withTwo] = await Promise.all([
      mapChunks(one, 'normal-squares', chunks, sumInOrder),
      mapChunks(two, 'normal-squares', chunks, sumInOrder, { onProgress: (f) => progress.push(f) }),
    ]);
    const inProcess = sumInOrder(chunks.map(({ start, end }) => sumOfSquaredNormals(seed, start, end)));
    expect(bits(withOne)).toBe(bits(withTwo));
    expect(bits(withTwo)).toBe(bits(inProcess));
    // Independent check: z ~ N(0,1) so E[z^2] = 1 and Var[z^2] = 2; the mean is within 5 standard errors of 1.
    expect(Math.abs(withTwo / samples - 1)).toBeLessThan(5 * Math.sqrt(2 / samples));
    expect(progress.at(-1)).toBe(1);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('fails with the first chunk error and cancels the remaining chunks', async () => {
    const pool = new WorkerPool({ size: 1 });
    pools.push(pool);
    const payloads = [{ ms: 50 }, { ms: 'bad' }, { ms: 5_000 }, { ms: 5_000 }];
    const begun = performance.now();
    await expect(mapChunks(pool, 'sleep', payloads, (r) => r)).rejects.toThrow(/\(sleep\) failed: invalid payload: field 'ms'/);
    expect(await pool.run('echo', 'idle again')).toBe('idle again');
    expect(performance.now() - begun).toBeLessThan(5_000);
  });
});
