import type { CloseHistory } from '../../backtest/history';
import { covarianceToCorrelation } from '../../stats/covariance';
import { correlationCholesky } from '../../stats/nearestCorrelation';
import { Random } from '../../stats/random';
import { mporCovariance } from './factorCovariance';
import { volConventions } from './riskFactors';
import { emptyBatch, type VarScenarioSet } from './scenarioSet';
import type { VarSpec } from './spec';

/**
 * Monte Carlo: MPOR factor moves x = sd .* (L z) with L the Cholesky factor of the factor correlation (repaired to
 * the nearest correlation matrix, Higham 2002, when not positive definite) and z standard normal; Student-t paths
 * share one chi-square per path, x = sd .* (L z) sqrt((nu - 2) / chi2_nu), a multivariate t scaled to unit
 * variance. Spot multiplier exp(x_u); vol x exp(x_vol) for vol factors, else the spot-vol beta.
 * Determinism: paths are cut into chunks of `chunkPaths`; chunk c draws from random stream c of the seed
 * (xoshiro128** jumped c x 2^64), so the same seed gives the same paths however the work is later split.
 */
export function monteCarloScenarios(history: CloseHistory, underlyings: string[], spec: VarSpec): VarScenarioSet {
  const { paths, seed, distribution, degreesOfFreedom: nu, chunkPaths } = spec.monteCarlo;
  const fc = mporCovariance(history, underlyings, spec);
  const F = fc.names.length;
  const U = underlyings.length;
  const sd = new Float64Array(F);
  for (let f = 0; f < F; f++) sd[f] = Math.sqrt(fc.cov[f * F + f]);
  const { factor, repaired, repairDistance } = correlationCholesky(covarianceToCorrelation(fc.cov, F), F);
  const batch = emptyBatch(underlyings, paths, spec.mporDays);
  const z = new Float64Array(F);
  const x = new Float64Array(F);
  for (let start = 0, chunk = 0; start < paths; start += chunkPaths, chunk++) {
    const rng = Random.stream(seed, chunk);
    const end = Math.min(paths, start + chunkPaths);
    for (let p = start; p < end; p++) {
      for (let f = 0; f < F; f++) z[f] = rng.normal();
      const scale = distribution === 'student-t' ? Math.sqrt((nu - 2) / rng.chiSquare(nu)) : 1;
      for (let i = 0; i < F; i++) {
        let v = 0;
        for (let j = 0; j <= i; j++) v += factor[i * F + j] * z[j];
        x[i] = v * sd[i] * scale;
      }
      for (let u = 0; u < U; u++) {
        batch.spotMultiplier[p * U + u] = Math.exp(x[u]);
        const vf = fc.volFactor[u];
        batch.volShift[p * U + u] = Math.expm1(vf >= 0 ? x[vf] : spec.spotVolBeta * x[u]);
      }
    }
  }
  const dist = distribution === 'student-t' ? `multivariate Student-t (nu = ${nu}, scaled to unit variance)` : 'multivariate normal';
  return {
    batch,
    label: (p) => `path ${p}`,
    conventions: [
      `Monte Carlo: ${paths} ${dist} paths, seed ${seed}, random stream c for paths [c x ${chunkPaths}, (c + 1) x ${chunkPaths}).`,
      fc.description,
      repaired ? `Correlation matrix was not positive definite: repaired to the nearest correlation matrix (Frobenius distance ${repairDistance.toExponential(3)}).` : 'Correlation matrix positive definite (no repair).',
      volConventions(fc.window, spec.spotVolBeta),
    ],
  };
}
