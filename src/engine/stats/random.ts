/**
 * Seeded pseudo-random numbers for Monte Carlo and bootstrap work.
 *
 * Generator: xoshiro128** 1.1 (D. Blackman and S. Vigna, "Scrambled linear pseudorandom number generators",
 * ACM TOMS 47 (2021); reference code at prng.di.unimi.it), 128-bit state, period 2^128 - 1, 32-bit outputs.
 * Seeding: the 64-bit seed is expanded into the state with SplitMix64 (G. Steele, D. Lea and C. Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014), as the xoshiro authors recommend.
 * Parallel streams: stream i is the seeded generator advanced by i x 2^64 steps (the reference `jump`), so streams
 * never overlap for fewer than 2^64 draws each and the split does not depend on how many workers there are.
 *
 * Variates: uniform doubles with 53 random bits; standard normals by the Marsaglia polar method (Marsaglia and Bray,
 * SIAM Review 6 (1964)); gamma by Marsaglia and Tsang, ACM TOMS 26 (2000) (with the U^(1/a) boost for shape < 1);
 * chi-square(k) = 2 Gamma(k/2); Student t(nu) = Z / sqrt(chi2(nu) / nu).
 */

const MASK64 = (1n << 64n) - 1n;

/** SplitMix64 output sequence from a 64-bit seed; used only to expand seeds, so BigInt speed is irrelevant. */
export function splitMix64(seed: bigint, count: number): bigint[] {
  let state = BigInt.asUintN(64, seed);
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b97f4a7c15n) & MASK64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
    out.push(z ^ (z >> 31n));
  }
  return out;
}

const JUMP = [0x8764000b, 0xf542d2d3, 0x6fa035c3, 0x77f2db5b];
const TWO_POW_MINUS_53 = 1 / 2 ** 53;

export class Random {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Second normal of the last polar pair, NaN when none is cached. */
  private spareNormal = Number.NaN;

  /** From a 128-bit state given as four uint32 words (not all zero). Prefer `Random.seeded`. */
  constructor(state: readonly [number, number, number, number]) {
    if (state.every((w) => w >>> 0 === 0)) throw new RangeError('Random: xoshiro128** state must not be all zero');
    this.s0 = state[0] >>> 0;
    this.s1 = state[1] >>> 0;
    this.s2 = state[2] >>> 0;
    this.s3 = state[3] >>> 0;
  }

  /** Generator for a numeric or bigint seed (integers; a number seed must be a safe integer). */
  static seeded(seed: number | bigint): Random {
    if (typeof seed === 'number' && !Number.isSafeInteger(seed)) {
      throw new RangeError(`Random.seeded: seed ${seed} is not a safe integer`);
    }
    const [a, b] = splitMix64(BigInt(seed), 2);
    const words = [a & 0xffffffffn, a >> 32n, b & 0xffffffffn, b >> 32n].map(Number);
    return new Random(words as [number, number, number, number]);
  }

  /** Independent stream `index` (0, 1, 2, ...) of `seed`: the seeded generator jumped `index` times by 2^64. */
  static stream(seed: number | bigint, index: number): Random {
    if (!Number.isInteger(index) || index < 0) throw new RangeError(`Random.stream: index ${index} is not an integer >= 0`);
    const rng = Random.seeded(seed);
    for (let i = 0; i < index; i++) rng.jump();
    return rng;
  }

  /** Current state, e.g. to check reproducibility or hand a generator to a worker. */
  state(): [number, number, number, number] {
    return [this.s0 >>> 0, this.s1 >>> 0, this.s2 >>> 0, this.s3 >>> 0];
  }

  /** Next 32-bit unsigned output of xoshiro128**. */
  nextUint32(): number {
    const s1 = this.s1;
    const r = Math.imul(s1, 5);
    const result = Math.imul((r << 7) | (r >>> 25), 9) >>> 0;
    const t = s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = (this.s3 << 11) | (this.s3 >>> 21);
    return result;
  }

  /** Advances the state by 2^64 steps (reference xoshiro128** jump polynomial). */
  jump(): void {
    let j0 = 0;
    let j1 = 0;
    let j2 = 0;
    let j3 = 0;
    for (const word of JUMP) {
      for (let b = 0; b < 32; b++) {
        if ((word >>> b) & 1) {
          j0 ^= this.s0;
          j1 ^= this.s1;
          j2 ^= this.s2;
          j3 ^= this.s3;
        }
        this.nextUint32();
      }
    }
    this.s0 = j0;
    this.s1 = j1;
    this.s2 = j2;
    this.s3 = j3;
    this.spareNormal = Number.NaN;
  }

  /** Uniform double in [0, 1) with 53 random bits (27 + 26 high bits of two outputs). */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) * TWO_POW_MINUS_53;
  }

  /** Uniform double in the open interval (0, 1), for logs and inverse CDFs. */
  uniformOpen(): number {
    let u = this.uniform();
    while (u === 0) u = this.uniform();
    return u;
  }

  /** Standard normal by the Marsaglia polar method; the second variate of each pair is cached. */
  normal(): number {
    if (!Number.isNaN(this.spareNormal)) {
      const z = this.spareNormal;
      this.spareNormal = Number.NaN;
      return z;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * f;
    return u * f;
  }

  /** Gamma(shape, scale 1) by Marsaglia-Tsang; shape < 1 uses Gamma(shape + 1) * U^(1/shape). */
  gamma(shape: number): number {
    if (!(shape > 0)) throw new RangeError(`Random.gamma: shape ${shape} must be > 0`);
    if (shape < 1) return this.gamma(shape + 1) * Math.pow(this.uniformOpen(), 1 / shape);
    const d = shape - 1 / 3;
    const c = 1 / Math.sqrt(9 * d);
    for (;;) {
      let x: number;
      let v: number;
      do {
        x = this.normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.uniformOpen();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) return d * v;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v;
    }
  }

  /** Chi-square with k > 0 degrees of freedom: 2 Gamma(k / 2). */
  chiSquare(k: number): number {
    return 2 * this.gamma(k / 2);
  }

  /** Student t with nu > 0 degrees of freedom (unit scale, variance nu / (nu - 2) for nu > 2). */
  studentT(nu: number): number {
    return this.normal() / Math.sqrt(this.chiSquare(nu) / nu);
  }

  /** Fills `out` with standard normals and returns it. */
  fillNormal(out: Float64Array): Float64Array {
    for (let i = 0; i < out.length; i++) out[i] = this.normal();
    return out;
  }
}
