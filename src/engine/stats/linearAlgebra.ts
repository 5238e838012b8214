/**
 * Dense symmetric linear algebra on row-major Float64Array matrices (a[i * n + j]), sized for correlation
 * matrices of tens of risk factors: Cholesky factorisation and the cyclic Jacobi eigen-decomposition
 * (Golub and Van Loan, Matrix Computations, 4th ed., algorithms 4.2.1 and 8.5.3).
 */

export class NotPositiveDefiniteError extends Error {
  constructor(
    readonly pivotIndex: number,
    readonly pivotValue: number,
  ) {
    super(`cholesky: matrix is not positive definite (pivot ${pivotIndex} is ${pivotValue}); repair it first, e.g. with nearestCorrelation`);
    this.name = 'NotPositiveDefiniteError';
  }
}

function checkSquare(name: string, a: Float64Array, n: number): void {
  if (!Number.isInteger(n) || n < 1 || a.length !== n * n) throw new RangeError(`${name}: matrix length ${a.length} is not ${n} x ${n}`);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = a[i * n + j];
      if (!Number.isFinite(v)) throw new RangeError(`${name}: entry (${i}, ${j}) = ${v} is not finite`);
      if (j > i && Math.abs(v - a[j * n + i]) > 1e-12 * Math.max(1, Math.abs(v))) {
        throw new RangeError(`${name}: matrix is not symmetric at (${i}, ${j})`);
      }
    }
  }
}

/** Lower-triangular L with A = L L'; throws NotPositiveDefiniteError at the first pivot <= 0. */
export function cholesky(a: Float64Array, n: number): Float64Array {
  checkSquare('cholesky', a, n);
  const l = new Float64Array(n * n);
  for (let j = 0; j < n; j++) {
    let d = a[j * n + j];
    for (let k = 0; k < j; k++) d -= l[j * n + k] * l[j * n + k];
    if (!(d > 0)) throw new NotPositiveDefiniteError(j, d);
    const ljj = Math.sqrt(d);
    l[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j];
      for (let k = 0; k < j; k++) s -= l[i * n + k] * l[j * n + k];
      l[i * n + j] = s / ljj;
    }
  }
  return l;
}

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as columns: vectors[i * n + k] is component i of the k-th eigenvector. */
  vectors: Float64Array;
}

/** Cyclic Jacobi rotations until the off-diagonal mass is negligible; accurate for small dense symmetric matrices. */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  checkSquare('symmetricEigen', a, n);
  const m = Float64Array.from(a);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  let norm = 0;
  for (let k = 0; k < m.length; k++) norm += m[k] * m[k];
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q] * m[p * n + q];
    if (off <= 1e-30 * norm) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q];
        if (apq === 0) continue;
        // Rotation angle zeroing (p, q): tan(2 theta) = 2 a_pq / (a_qq - a_pp), smaller root for stability.
        const theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k * n + p];
          const mkq = m[k * n + q];
          m[k * n + p] = c * mkp - s * mkq;
          m[k * n + q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p * n + k];
          const mqk = m[q * n + k];
          m[p * n + k] = c * mpk - s * mqk;
          m[q * n + k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p];
          const vkq = v[k * n + q];
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, k) => k).sort((x, y) => m[x * n + x] - m[y * n + y]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  order.forEach((k, col) => {
    values[col] = m[k * n + k];
    for (let i = 0; i < n; i++) vectors[i * n + col] = v[i * n + k];
  });
  return { values, vectors };
}
