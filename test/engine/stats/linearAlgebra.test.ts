import { describe, expect, it } from 'vitest';
import { cholesky, NotPositiveDefiniteError, symmetricEigen } from '../../../src/engine/stats/linearAlgebra';
import { correlationCholesky, nearestCorrelation } from '../../../src/engine/stats/nearestCorrelation';
import { Random } from '../../../src/engine/stats/random';

/** L L' for a lower-triangular row-major L. */
function lowerTimesTranspose(l: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) out[i * n + j] += l[i * n + k] * l[j * n + k];
  return out;
}

describe('cholesky', () => {
  it('factorises the textbook example [[4,12,-16],[12,37,-43],[-16,-43,98]] into [[2],[6,1],[-8,5,3]]', () => {
    const l = cholesky(Float64Array.from([4, 12, -16, 12, 37, -43, -16, -43, 98]), 3);
    expect(Array.from(l)).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });

  it('fails clearly on a non positive definite or malformed matrix', () => {
    const a = Float64Array.from([1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]);
    expect(() => cholesky(a, 3)).toThrow(NotPositiveDefiniteError);
    expect(() => cholesky(a, 3)).toThrow(/pivot 2/);
    expect(() => cholesky(Float64Array.from([1, 2, 3, 1]), 2)).toThrow(/not symmetric at \(0, 1\)/);
    expect(() => cholesky(Float64Array.from([1, 2, 3]), 2)).toThrow(/not 2 x 2/);
  });
});

describe('symmetricEigen', () => {
  it('[[2,1],[1,2]] has eigenvalues 1 and 3', () => {
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect(values[0]).toBeCloseTo(1, 14);
    expect(values[1]).toBeCloseTo(3, 14);
  });

  it('reconstructs a random symmetric 6x6 matrix as V diag(lambda) V\' with orthonormal V', () => {
    const n = 6;
    const rng = Random.seeded(8);
    const a = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = i; j < n; j++) a[i * n + j] = a[j * n + i] = rng.normal();
    const { values, vectors } = symmetricEigen(a, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let back = 0;
        let gram = 0;
        for (let k = 0; k < n; k++) {
          back += vectors[i * n + k] * values[k] * vectors[j * n + k];
          gram += vectors[k * n + i] * vectors[k * n + j];
        }
        expect(back).toBeCloseTo(a[i * n + j], 12);
        expect(gram).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    }
    for (let k = 1; k < n; k++) expect(values[k]).toBeGreaterThanOrEqual(values[k - 1]);
  });
});

describe('nearest correlation matrix (Higham 2002)', () => {
  it("reproduces Higham's example: [[1,1,0],[1,1,1],[0,1,1]] -> off-diagonals 0.7607 and 0.1573", () => {
    const { matrix, converged } = nearestCorrelation(Float64Array.from([1, 1, 0, 1, 1, 1, 0, 1, 1]), 3);
    expect(converged).toBe(true);
    // Higham (2002), section 4: X = [1 .7607 .1573; .7607 1 .7607; .1573 .7607 1] to four decimals.
    expect(matrix[1]).toBeCloseTo(0.7607, 4);
    expect(matrix[5]).toBeCloseTo(0.7607, 4);
    expect(matrix[2]).toBeCloseTo(0.1573, 4);
    for (let i = 0; i < 3; i++) expect(matrix[i * 3 + i]).toBe(1);
    expect(symmetricEigen(matrix, 3).values[0]).toBeGreaterThan(-1e-10);
  });

  it('leaves a valid correlation matrix unchanged', () => {
    const c = Float64Array.from([1, 0.3, 0.3, 1]);
    const { matrix, distance } = nearestCorrelation(c, 2);
    expect(distance).toBeLessThan(1e-12);
    expect(matrix[1]).toBeCloseTo(0.3, 12);
  });

  it('correlationCholesky repairs a non-PSD correlation so Cholesky succeeds, and passes a PD one through', () => {
    const bad = Float64Array.from([1, 0.9, 0.9, 0.9, 1, -0.9, 0.9, -0.9, 1]);
    const repaired = correlationCholesky(bad, 3);
    expect(repaired.repaired).toBe(true);
    expect(repaired.repairDistance).toBeGreaterThan(0);
    const back = lowerTimesTranspose(repaired.factor, 3);
    back.forEach((v, k) => expect(v).toBeCloseTo(repaired.correlation[k], 12));
    for (let i = 0; i < 3; i++) expect(repaired.correlation[i * 3 + i]).toBe(1);
    expect(symmetricEigen(repaired.correlation, 3).values[0]).toBeGreaterThan(0);
    const good = Float64Array.from([1, 0.5, 0.5, 1]);
    expect(correlationCholesky(good, 2)).toMatchObject({ repaired: false, repairDistance: 0, correlation: good });
  });
});
