/**
 * Pairwise-complete correlations (src/engine/stats/correlation.ts) against hand values and a direct EWMA recursion
 * written differently; matrix invariants (symmetric, unit diagonal, PSD for complete panels) with fast-check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correlationMatrix, logReturnPanel, MIN_PAIR_OBSERVATIONS, pairCorrelation, rollingCorrelation } from '../../../src/engine/stats/correlation';

/** Two columns interleaved into a time-major panel. */
function panel2(x: number[], y: number[]): Float64Array {
  return Float64Array.from(x.flatMap((v, t) => [v, y[t]]));
}

describe('pairwise-complete correlation', () => {
  it('matches the textbook Pearson value: x = 1..5, y = 2,4,5,4,5 gives 6 / sqrt(10 x 6) = sqrt(0.6)', () => {
    const r = pairCorrelation(panel2([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]), 2, 0, 1, 0, 5, { kind: 'sample' });
    expect(r.count).toBe(5);
    expect(r.value).toBeCloseTo(Math.sqrt(0.6), 14);
  });

  it('uses only the rows where both returns exist', () => {
    const nan = Number.NaN;
    // Rows 0 and 3 miss one side; the rest are the textbook pair again (plus one common row to keep 5 points).
    const x = [nan, 1, 2, 9, 3, 4, 5];
    const y = [7, 2, 4, nan, 5, 4, 5];
    const r = pairCorrelation(panel2(x, y), 2, 0, 1, 0, 7, { kind: 'sample' });
    expect(r.count).toBe(5);
    expect(r.value).toBeCloseTo(Math.sqrt(0.6), 14);
    const m = correlationMatrix(panel2(x, y), 2, { kind: 'sample' });
    expect(Array.from(m.observations)).toEqual([6, 5, 5, 6]);
    expect(m.matrix[1]).toBeCloseTo(Math.sqrt(0.6), 14);
  });

  it('gives NaN (not a number pretending to be a correlation) with too few common rows or a flat series', () => {
    const few = pairCorrelation(panel2([1, 2, 3], [3, 1, 2]), 2, 0, 1, 0, 3, { kind: 'sample' });
    expect(few.count).toBeLessThan(MIN_PAIR_OBSERVATIONS);
    expect(few.value).toBeNaN();
    const flat = correlationMatrix(panel2([1, 1, 1, 1, 1, 1], [1, 2, 3, 1, 2, 3]), 2, { kind: 'sample' });
    expect(flat.matrix[0]).toBeNaN();
    expect(flat.matrix[1]).toBeNaN();
    expect(flat.matrix[3]).toBe(1);
    expect(flat.minEigenvalue).toBeNaN();
  });

  it('EWMA equals the RiskMetrics recursion S = lambda S + (1 - lambda) x y run forward from zero', () => {
    const lambda = 0.94;
    const x = [0.01, -0.02, 0.015, 0.03, -0.01, 0.002, -0.025, 0.011, 0.004, -0.006];
    const y = [0.008, -0.01, 0.02, 0.01, -0.02, 0.001, -0.015, 0.02, -0.004, 0.003];
    let cxy = 0;
    let cxx = 0;
    let cyy = 0;
    for (let t = 0; t < x.length; t++) {
      cxy = lambda * cxy + (1 - lambda) * x[t] * y[t];
      cxx = lambda * cxx + (1 - lambda) * x[t] * x[t];
      cyy = lambda * cyy + (1 - lambda) * y[t] * y[t];
    }
    const expected = cxy / Math.sqrt(cxx * cyy);
    const r = pairCorrelation(panel2(x, y), 2, 0, 1, 0, x.length, { kind: 'ewma', lambda });
    expect(r.value).toBeCloseTo(expected, 13);
    // Not the sample value: the weighting matters.
    expect(Math.abs(r.value - pairCorrelation(panel2(x, y), 2, 0, 1, 0, x.length, { kind: 'sample' }).value)).toBeGreaterThan(1e-3);
  });

  it('rejects a lambda outside (0, 1) and a ragged panel with the field in the message', () => {
    expect(() => correlationMatrix(new Float64Array(4), 2, { kind: 'ewma', lambda: 1 })).toThrow(/lambda 1/);
    expect(() => correlationMatrix(new Float64Array(5), 2, { kind: 'sample' })).toThrow(/not a multiple of 2/);
  });
});

describe('correlation matrix invariants', () => {
  const completePanel = fc
    .record({ assets: fc.integer({ min: 2, max: 6 }), rows: fc.integer({ min: 8, max: 60 }), seed: fc.integer() })
    .map(({ assets, rows, seed }) => {
      // Correlated noise: a common factor plus idiosyncratic parts, deterministic from the seed.
      let s = seed >>> 0 || 1;
      const next = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32) - 0.5;
      const r = new Float64Array(rows * assets);
      for (let t = 0; t < rows; t++) {
        const f = next();
        for (let i = 0; i < assets; i++) r[t * assets + i] = (i % 2 ? -0.5 : 0.8) * f + next();
      }
      return { assets, r };
    });

  for (const method of [{ kind: 'sample' }, { kind: 'ewma', lambda: 0.94 }] as const) {
    it(`${method.kind}: symmetric, unit diagonal, entries in [-1, 1], PSD on a complete panel`, () => {
      fc.assert(
        fc.property(completePanel, ({ assets, r }) => {
          const { matrix, minEigenvalue } = correlationMatrix(r, assets, method);
          for (let i = 0; i < assets; i++) {
            expect(matrix[i * assets + i]).toBe(1);
            for (let j = 0; j < assets; j++) {
              expect(matrix[i * assets + j]).toBe(matrix[j * assets + i]);
              expect(Math.abs(matrix[i * assets + j])).toBeLessThanOrEqual(1);
            }
          }
          expect(minEigenvalue).toBeGreaterThan(-1e-10);
        }),
        { numRuns: 60 },
      );
    });
  }
});

describe('log returns and rolling correlation', () => {
  it('log returns are ln(P1/P0), NaN across a missing close', () => {
    const closes = Float64Array.from([100, 10, 110, Number.NaN, 121, 12]);
    const r = logReturnPanel(closes, 2);
    expect(r[0]).toBeCloseTo(Math.log(1.1), 15);
    expect(r[1]).toBeNaN();
    expect(r[2]).toBeCloseTo(Math.log(1.1), 15);
    expect(r[3]).toBeNaN();
  });

  it('follows a regime change: +1 while y = 2x + c, -1 once y = -x, window by window', () => {
    const x = Array.from({ length: 40 }, (_, t) => Math.sin(t * 1.7) * 0.02);
    const y = x.map((v, t) => (t < 20 ? 2 * v + 0.001 : -v));
    const rolled = rollingCorrelation(panel2(x, y), 2, 0, 1, 10, { kind: 'sample' });
    expect(rolled[3]).toBeNaN(); // fewer than MIN_PAIR_OBSERVATIONS rows so far
    expect(rolled[19]).toBeCloseTo(1, 12);
    expect(rolled[39]).toBeCloseTo(-1, 12);
    // A window straddling the change is strictly between.
    expect(Math.abs(rolled[24])).toBeLessThan(1);
    // Each point is the plain correlation of its own window.
    expect(rolled[24]).toBeCloseTo(pairCorrelation(panel2(x, y), 2, 0, 1, 15, 25, { kind: 'sample' }).value, 14);
    // Requiring a full window: nothing before row 9, then the same values.
    const full = rollingCorrelation(panel2(x, y), 2, 0, 1, 10, { kind: 'sample' }, 10);
    expect(Array.from(full.subarray(0, 9)).every(Number.isNaN)).toBe(true);
    expect(full[9]).toBe(rolled[9]);
    expect(full[39]).toBe(rolled[39]);
    // Expanding window (null): the last point is the full-sample value.
    const expanding = rollingCorrelation(panel2(x, y), 2, 0, 1, null, { kind: 'sample' });
    expect(expanding[39]).toBeCloseTo(correlationMatrix(panel2(x, y), 2, { kind: 'sample' }).matrix[1], 14);
  });
});
