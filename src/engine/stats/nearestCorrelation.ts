/**
 * Nearest correlation matrix in the Frobenius norm: N. J. Higham, "Computing the nearest correlation matrix - a
 * problem from finance", IMA J. Numer. Anal. 22 (2002) 329-343, Algorithm 3.3: alternating projections onto the
 * positive semidefinite cone (eigenvalues clipped at `minEigenvalue`) and the unit-diagonal matrices, with Dykstra's
 * correction so the limit is the nearest point of the intersection, not just some point of it.
 * The returned matrix is the last PSD iterate rescaled to unit diagonal (D^-1/2 X D^-1/2), a congruence that keeps
 * it positive semidefinite (positive definite when minEigenvalue > 0) while fixing the diagonal exactly.
 */
import { cholesky, NotPositiveDefiniteError, symmetricEigen } from './linearAlgebra';

export interface NearestCorrelationOptions {
  /** Eigenvalue floor of the PSD projection: 0 reproduces Higham; > 0 gives a matrix Cholesky accepts. */
  minEigenvalue?: number;
  tolerance?: number;
  maxIterations?: number;
}

export interface NearestCorrelationResult {
  matrix: Float64Array;
  iterations: number;
  converged: boolean;
  /** Frobenius distance from the input. */
  distance: number;
}

/** V max(Lambda, floor) V'. */
function projectPsd(r: Float64Array, n: number, floor: number): Float64Array {
  const { values, vectors } = symmetricEigen(r, n);
  const x = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const lambda = Math.max(values[k], floor);
    if (lambda === 0) continue;
    for (let i = 0; i < n; i++) {
      const vik = lambda * vectors[i * n + k];
      for (let j = 0; j < n; j++) x[i * n + j] += vik * vectors[j * n + k];
    }
  }
  // Symmetrise round-off.
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) x[i * n + j] = x[j * n + i] = 0.5 * (x[i * n + j] + x[j * n + i]);
  return x;
}

function frobenius(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let k = 0; k < a.length; k++) s += (a[k] - b[k]) ** 2;
  return Math.sqrt(s);
}

export function nearestCorrelation(a: Float64Array, n: number, options: NearestCorrelationOptions = {}): NearestCorrelationResult {
  const floor = options.minEigenvalue ?? 0;
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 10_000;
  if (!(floor >= 0 && floor < 1)) throw new RangeError(`nearestCorrelation: minEigenvalue ${floor} must be in [0, 1)`);
  let y: Float64Array = Float64Array.from(a);
  const correction = new Float64Array(n * n);
  let x = y;
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    iterations++;
    const r = new Float64Array(n * n);
    for (let k = 0; k < r.length; k++) r[k] = y[k] - correction[k];
    x = projectPsd(r, n, floor);
    for (let k = 0; k < r.length; k++) correction[k] = x[k] - r[k];
    const next = Float64Array.from(x);
    for (let i = 0; i < n; i++) next[i * n + i] = 1;
    const change = frobenius(next, y) / Math.max(1, Math.sqrt(n));
    y = next;
    if (change < tolerance && frobenius(x, y) < Math.sqrt(tolerance)) {
      converged = true;
      break;
    }
  }
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = 1 / Math.sqrt(x[i * n + i]);
  const matrix = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) matrix[i * n + j] = i === j ? 1 : x[i * n + j] * d[i] * d[j];
  return { matrix, iterations, converged, distance: frobenius(matrix, a) };
}

export interface CorrelationFactor {
  /** Lower Cholesky factor of the (possibly repaired) correlation matrix. */
  factor: Float64Array;
  /** The matrix that was factorised: the input, or its repair. */
  correlation: Float64Array;
  repaired: boolean;
  /** Frobenius distance of the repair (0 when not repaired). */
  repairDistance: number;
}

/**
 * Cholesky factor of a correlation matrix, repairing a non positive definite input with `nearestCorrelation`
 * (eigenvalue floor `minEigenvalue`, default 1e-8) first. Callers should log `repaired` and `repairDistance`.
 */
export function correlationCholesky(corr: Float64Array, n: number, minEigenvalue = 1e-8): CorrelationFactor {
  try {
    return { factor: cholesky(corr, n), correlation: corr, repaired: false, repairDistance: 0 };
  } catch (error) {
    if (!(error instanceof NotPositiveDefiniteError)) throw error;
    const repair = nearestCorrelation(corr, n, { minEigenvalue });
    return { factor: cholesky(repair.matrix, n), correlation: repair.matrix, repaired: true, repairDistance: repair.distance };
  }
}
