/**
 * Nelder-Mead simplex minimiser (Nelder and Mead, Computer Journal 7 (1965); standard coefficients reflection 1,
 * expansion 2, contraction 1/2, shrink 1/2 as in Lagarias et al., SIAM J. Optim. 9 (1998)). Derivative free, so it
 * suits likelihoods on transformed (unconstrained) parameters. Non-finite objective values count as +Infinity.
 */

export interface NelderMeadOptions {
  /** Initial simplex edge along each axis (default 0.5, or one number per axis). */
  step?: number | number[];
  /** Stop when the spread of objective values and the simplex diameter are both below this (default 1e-10). */
  tolerance?: number;
  maxEvaluations?: number;
}

export interface NelderMeadResult {
  x: Float64Array;
  value: number;
  evaluations: number;
  converged: boolean;
}

export function nelderMead(
  objective: (x: Float64Array) => number,
  start: ArrayLike<number>,
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = start.length;
  if (n === 0) throw new RangeError('nelderMead: start point has no coordinates');
  const tolerance = options.tolerance ?? 1e-10;
  const maxEvaluations = options.maxEvaluations ?? 2000 * n;
  let evaluations = 0;
  const f = (x: Float64Array) => {
    evaluations++;
    const v = objective(x);
    return Number.isFinite(v) ? v : Infinity;
  };

  const points: Float64Array[] = [];
  const values: number[] = [];
  for (let k = 0; k <= n; k++) {
    const p = Float64Array.from(start);
    if (k > 0) {
      const step = options.step ?? 0.5;
      p[k - 1] += typeof step === 'number' ? step : step[k - 1];
    }
    points.push(p);
    values.push(f(p));
  }

  const centroid = new Float64Array(n);
  const trial = (from: Float64Array, coefficient: number) => {
    // centroid + coefficient * (centroid - from)
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = centroid[i] + coefficient * (centroid[i] - from[i]);
    return x;
  };

  let converged = false;
  while (evaluations < maxEvaluations) {
    const order = values.map((_, k) => k).sort((a, b) => values[a] - values[b]);
    const sortedPoints = order.map((k) => points[k]);
    const sortedValues = order.map((k) => values[k]);
    points.splice(0, n + 1, ...sortedPoints);
    values.splice(0, n + 1, ...sortedValues);

    let diameter = 0;
    for (let k = 1; k <= n; k++) for (let i = 0; i < n; i++) diameter = Math.max(diameter, Math.abs(points[k][i] - points[0][i]));
    if (Math.abs(values[n] - values[0]) <= tolerance * (1 + Math.abs(values[0])) && diameter <= Math.sqrt(tolerance)) {
      converged = true;
      break;
    }

    centroid.fill(0);
    for (let k = 0; k < n; k++) for (let i = 0; i < n; i++) centroid[i] += points[k][i] / n;
    const worst = points[n];
    const reflected = trial(worst, 1);
    const fr = f(reflected);
    if (fr < values[0]) {
      const expanded = trial(worst, 2);
      const fe = f(expanded);
      [points[n], values[n]] = fe < fr ? [expanded, fe] : [reflected, fr];
    } else if (fr < values[n - 1]) {
      [points[n], values[n]] = [reflected, fr];
    } else {
      // Outside contraction if the reflection beat the worst point, inside contraction otherwise.
      const outside = fr < values[n];
      const contracted = trial(worst, outside ? 0.5 : -0.5);
      const fc = f(contracted);
      if (fc < (outside ? fr : values[n])) {
        [points[n], values[n]] = [contracted, fc];
      } else {
        for (let k = 1; k <= n; k++) {
          for (let i = 0; i < n; i++) points[k][i] = points[0][i] + 0.5 * (points[k][i] - points[0][i]);
          values[k] = f(points[k]);
        }
      }
    }
  }
  let best = 0;
  for (let k = 1; k <= n; k++) if (values[k] < values[best]) best = k;
  return { x: points[best], value: values[best], evaluations, converged };
}
