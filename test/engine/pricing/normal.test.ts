import { describe, expect, it } from 'vitest';
import { kernelNormalCdf } from '../../../src/engine/kernel';
import { normalCdf } from '../../../src/engine/stats/normal';

/**
 * Independent reference: Phi(x) = 1/2 + phi-series, Phi(x) = 1/2 + (1/sqrt(2 pi)) sum_n (-1)^n x^(2n+1) / (2^n n! (2n+1)),
 * summed in BigInt fixed point with 700 decimal digits (the series cancels down from ~1e297 at x = -37), pi from
 * Machin's formula and the square root by integer Newton iteration.
 */
const DIGITS = 700n;
const ONE = 10n ** DIGITS;

function arctanInverse(n: bigint): bigint {
  // arctan(1/n) = sum (-1)^k / ((2k+1) n^(2k+1))
  let power = ONE / n;
  let sum = 0n;
  const n2 = n * n;
  for (let k = 0n; power !== 0n; k++) {
    sum += (k % 2n === 0n ? 1n : -1n) * (power / (2n * k + 1n));
    power /= n2;
  }
  return sum;
}

function sqrtFixed(v: bigint): bigint {
  const target = v * ONE; // sqrt(v / ONE) * ONE = sqrt(v * ONE)
  let x = v + ONE; // above the root (v / ONE >= 1 here): Newton then decreases monotonically
  for (;;) {
    const next = (x + target / x) / 2n;
    if (next >= x) return x;
    x = next;
  }
}

const PI = 4n * (4n * arctanInverse(5n) - arctanInverse(239n));
const INV_SQRT_2PI = (ONE * ONE) / sqrtFixed(2n * PI);

/** Phi(p / q) as a double, from the BigInt series. */
function referencePhi(p: number, q: number): number {
  const bp = BigInt(p);
  const bq = BigInt(q);
  let term = (bp * ONE) / bq; // x^(2n+1) / (2^n n!) with sign
  let sum = term;
  const x2 = Math.abs(p / q) ** 2;
  for (let n = 1n; ; n++) {
    term = (term * -(bp * bp)) / (2n * n * bq * bq);
    sum += term / (2n * n + 1n);
    if (term === 0n && Number(n) > x2) break;
  }
  const phi = ONE / 2n + (sum * INV_SQRT_2PI) / ONE;
  const text = phi.toString();
  return Number(`${text.slice(0, 17)}e${text.length - 17 - Number(DIGITS)}`);
}

describe('normal CDF vs a 700-digit series reference', () => {
  // x = p / 4 over -37..8 in steps of 0.25 (tails included)
  const grid = Array.from({ length: (8 + 37) * 4 + 1 }, (_, j) => -148 + j);

  it('the reference itself matches published values (R pnorm, Abramowitz-Stegun 26.2)', () => {
    expect(Math.abs(referencePhi(-37, 1) / 5.725571222524e-300 - 1)).toBeLessThan(1e-12);
    expect(Math.abs(referencePhi(-10, 1) / 7.619853024160527e-24 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(referencePhi(-5, 1) / 2.866515718791939e-7 - 1)).toBeLessThan(1e-14);
    expect(Math.abs(referencePhi(1, 1) - 0.8413447460685429)).toBeLessThan(1e-15);
  });

  it('stats/normalCdf (used by pricing) and the kernel CDF have relative error <= 1e-9 (measured ~1e-14)', () => {
    let worstPricing = 0;
    let worstKernel = 0;
    for (const p of grid) {
      const ref = referencePhi(p, 4);
      worstPricing = Math.max(worstPricing, Math.abs(normalCdf(p / 4) / ref - 1));
      worstKernel = Math.max(worstKernel, Math.abs(kernelNormalCdf(p / 4) / ref - 1));
    }
    expect(worstPricing).toBeLessThan(1e-9);
    expect(worstKernel).toBeLessThan(1e-9);
    console.log(`normal CDF worst relative error on [-37, 8]: pricing ${worstPricing.toExponential(2)}, kernel ${worstKernel.toExponential(2)}`);
  });

  it('kernel CDF near zero (Cody middle rational used below its fitted range) stays within 1e-9 of the reference', () => {
    let worst = 0;
    for (let p = -100; p <= 100; p++) worst = Math.max(worst, Math.abs(kernelNormalCdf(p / 100) / referencePhi(p, 100) - 1));
    expect(worst).toBeLessThan(1e-9);
  });

  it('kernel CDF is finite and monotone far out, 0 and 1 in the limits', () => {
    expect(kernelNormalCdf(-40)).toBe(0);
    expect(kernelNormalCdf(40)).toBe(1);
    expect(kernelNormalCdf(-Infinity)).toBe(0);
    expect(kernelNormalCdf(0)).toBeCloseTo(0.5, 11);
  });
});
