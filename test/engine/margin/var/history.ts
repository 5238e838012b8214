import type { CloseHistory } from '../../../../src/engine/backtest/history';
import { Random } from '../../../../src/engine/stats/random';

/** ISO day `i` days after 2023-01-01. */
export function day(i: number): string {
  return new Date(Date.UTC(2023, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Aligned history from hand-built daily log returns: closes[0] = start, closes[t+1] = closes[t] x exp(r[t]).
 * returns[u][t] per underlying.
 */
export function historyFromReturns(underlyings: string[], start: number[], returns: number[][], vols?: number[][]): CloseHistory {
  const U = underlyings.length;
  const T = returns[0].length + 1;
  const closes = new Float64Array(T * U);
  for (let u = 0; u < U; u++) {
    closes[u] = start[u];
    for (let t = 1; t < T; t++) closes[t * U + u] = closes[(t - 1) * U + u] * Math.exp(returns[u][t - 1]);
  }
  const h: CloseHistory = { dates: Array.from({ length: T }, (_, t) => day(t)), underlyings, closes };
  if (vols) {
    h.vols = new Float64Array(T * U);
    for (let t = 0; t < T; t++) for (let u = 0; u < U; u++) h.vols[t * U + u] = vols[u][t];
  }
  return h;
}

/** Correlated normal daily returns (corr rho, daily sd per underlying), seeded. */
export function randomReturns(days: number, sd: number[], rho: number, seed = 7): number[][] {
  const rng = Random.seeded(seed);
  const a: number[] = [];
  const b: number[] = [];
  for (let t = 0; t < days; t++) {
    const z1 = rng.normal();
    const z2 = rho * z1 + Math.sqrt(1 - rho * rho) * rng.normal();
    a.push(sd[0] * z1);
    b.push(sd[1] * z2);
  }
  return [a, b];
}
