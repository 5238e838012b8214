import { describe, expect, it } from 'vitest';
import { Random, splitMix64 } from '../../../src/engine/stats/random';

/** Straight transcription of the reference xoshiro128** next() in BigInt arithmetic (independent of Math.imul tricks). */
function referenceXoshiro(state: bigint[], count: number): number[] {
  const s = [...state];
  const mask = 0xffffffffn;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (32n - k))) & mask;
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    out.push(Number((rotl((s[1] * 5n) & mask, 7n) * 9n) & mask));
    const t = (s[1] << 9n) & mask;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11n);
  }
  return out;
}

/** One xoshiro128 state transition as a 128x128 matrix over GF(2), rows as 128-bit BigInts (bit 32w+b = word w bit b). */
function transitionMatrix(): bigint[] {
  const step = (v: bigint): bigint => {
    const s = [0, 1, 2, 3].map((w) => (v >> BigInt(32 * w)) & 0xffffffffn);
    const rng = new Random([Number(s[0]), Number(s[1]), Number(s[2]), Number(s[3])].map((x) => x || 0) as never);
    // Unit vectors may have all-zero words, which the constructor allows as long as one word is non-zero.
    rng.nextUint32();
    return rng.state().reduce((acc, w, i) => acc | (BigInt(w) << BigInt(32 * i)), 0n);
  };
  // Column j of M is the image of unit vector e_j; store columns, the product code below works on columns.
  return Array.from({ length: 128 }, (_, j) => step(1n << BigInt(j)));
}

/** (A B) columns: column j of AB = A applied to column j of B. */
function multiply(a: bigint[], b: bigint[]): bigint[] {
  const apply = (m: bigint[], v: bigint) => {
    let out = 0n;
    for (let j = 0; v !== 0n; j++, v >>= 1n) if (v & 1n) out ^= m[j];
    return out;
  };
  return b.map((column) => apply(a, column));
}

describe('Random (xoshiro128**)', () => {
  it('SplitMix64 reproduces the published sequence for seed 1234567', () => {
    expect(splitMix64(1234567n, 3)).toEqual([6457827717110365317n, 3203168211198807973n, 9817491932198370423n]);
  });

  it('first output for state (1,2,3,4) is rotl(2*5, 7)*9 = 11520, and the stream matches the reference algorithm', () => {
    const rng = new Random([1, 2, 3, 4]);
    const expected = referenceXoshiro([1n, 2n, 3n, 4n], 1000);
    expect(expected[0]).toBe(11520);
    expect(Array.from({ length: 1000 }, () => rng.nextUint32())).toEqual(expected);
  });

  it('the same seed gives the same stream, different seeds differ', () => {
    const a = Random.seeded(42);
    const b = Random.seeded(42);
    const c = Random.seeded(43);
    const xs = Array.from({ length: 50 }, () => a.normal());
    expect(Array.from({ length: 50 }, () => b.normal())).toEqual(xs);
    expect(Array.from({ length: 50 }, () => c.normal())).not.toEqual(xs);
    expect(() => new Random([0, 0, 0, 0])).toThrow(/all zero/);
  });

  it('jump equals 2^64 single steps (transition matrix squared 64 times over GF(2))', () => {
    let m = transitionMatrix();
    for (let i = 0; i < 64; i++) m = multiply(m, m);
    const rng = Random.seeded(7);
    const before = rng.state().reduce((acc, w, i) => acc | (BigInt(w) << BigInt(32 * i)), 0n);
    let after = 0n;
    for (let j = 0, v = before; v !== 0n; j++, v >>= 1n) if (v & 1n) after ^= m[j];
    rng.jump();
    const jumped = rng.state().reduce((acc, w, i) => acc | (BigInt(w) << BigInt(32 * i)), 0n);
    expect(jumped).toBe(after);
  });

  it('stream i is the seeded generator jumped i times', () => {
    const manual = Random.seeded(99);
    manual.jump();
    manual.jump();
    expect(Random.stream(99, 2).state()).toEqual(manual.state());
    expect(Random.stream(99, 0).state()).toEqual(Random.seeded(99).state());
  });

  const n = 200_000;
  const moments = (draw: () => number) => {
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      const x = draw();
      s1 += x;
      s2 += x * x;
      s3 += x * x * x;
      s4 += x * x * x * x;
    }
    const mean = s1 / n;
    const variance = s2 / n - mean * mean;
    const m3 = s3 / n - 3 * mean * (s2 / n) + 2 * mean ** 3;
    const m4 = s4 / n - 4 * mean * (s3 / n) + 6 * mean * mean * (s2 / n) - 3 * mean ** 4;
    return { mean, variance, skew: m3 / variance ** 1.5, kurtosis: m4 / variance ** 2 };
  };

  it('uniform has mean 1/2, variance 1/12, and lies in [0, 1)', () => {
    const rng = Random.seeded(1);
    let min = 1;
    let max = 0;
    const m = moments(() => {
      const u = rng.uniform();
      min = Math.min(min, u);
      max = Math.max(max, u);
      return u;
    });
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    // Standard errors: sqrt(1/12/n) = 6.5e-4 for the mean; 5 SE bounds.
    expect(Math.abs(m.mean - 0.5)).toBeLessThan(5 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(m.variance - 1 / 12)).toBeLessThan(5 * Math.sqrt(1 / 180 / n));
  });

  it('normal has moments 0, 1, 0, 3 and the right 97.5% tail frequency', () => {
    const rng = Random.seeded(2);
    let beyond = 0;
    const m = moments(() => {
      const z = rng.normal();
      if (z > 1.959963984540054) beyond++;
      return z;
    });
    expect(Math.abs(m.mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(m.variance - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
    expect(Math.abs(m.skew)).toBeLessThan(5 * Math.sqrt(6 / n));
    expect(Math.abs(m.kurtosis - 3)).toBeLessThan(5 * Math.sqrt(24 / n));
    expect(Math.abs(beyond / n - 0.025)).toBeLessThan(5 * Math.sqrt((0.025 * 0.975) / n));
  });

  it('gamma(a) has mean a, variance a and skew 2/sqrt(a), also for a < 1', () => {
    for (const a of [0.4, 2.5, 9]) {
      const rng = Random.seeded(3);
      const m = moments(() => rng.gamma(a));
      expect(Math.abs(m.mean - a)).toBeLessThan(5 * Math.sqrt(a / n));
      expect(Math.abs(m.variance / a - 1)).toBeLessThan(0.03);
      expect(Math.abs(m.skew - 2 / Math.sqrt(a))).toBeLessThan(0.12 * (2 / Math.sqrt(a)));
    }
  });

  it('chi-square(k) has mean k, variance 2k; Student t(nu) has variance nu/(nu-2)', () => {
    const rng = Random.seeded(4);
    const chi = moments(() => rng.chiSquare(5));
    expect(Math.abs(chi.mean - 5)).toBeLessThan(5 * Math.sqrt(10 / n));
    expect(Math.abs(chi.variance / 10 - 1)).toBeLessThan(0.03);
    const t = moments(() => rng.studentT(8));
    expect(Math.abs(t.mean)).toBeLessThan(5 * Math.sqrt(8 / 6 / n));
    expect(Math.abs(t.variance - 8 / 6)).toBeLessThan(0.03);
    // Excess kurtosis of t(8) is 6 / (nu - 4) = 1.5
    expect(Math.abs(t.kurtosis - 4.5)).toBeLessThan(0.5);
  });
});
