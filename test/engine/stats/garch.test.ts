import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitGarch11, garchLogLikelihood, garchVariance } from '../../../src/engine/stats/garch';
import { nelderMead } from '../../../src/engine/stats/nelderMead';
import { Random } from '../../../src/engine/stats/random';
import { logReturns } from '../../../src/engine/stats/returns';
import { sharedDataAvailable, sharedFile } from '../../support/sharedData';

describe('Nelder-Mead', () => {
  it('finds the Rosenbrock minimum (1, 1) and a shifted quadratic', () => {
    const rosenbrock = (x: Float64Array) => 100 * (x[1] - x[0] ** 2) ** 2 + (1 - x[0]) ** 2;
    const r = nelderMead(rosenbrock, [-1.2, 1], { tolerance: 1e-14 });
    expect(r.converged).toBe(true);
    expect(r.x[0]).toBeCloseTo(1, 5);
    expect(r.x[1]).toBeCloseTo(1, 5);
    const q = nelderMead((x) => (x[0] - 3) ** 2 + 2 * (x[1] + 1) ** 2 + (x[2] - 0.5) ** 2, [0, 0, 0]);
    expect(Array.from(q.x).map((v) => Number(v.toFixed(4)))).toEqual([3, -1, 0.5]);
  });
});

/** Simulates a GARCH(1,1) path with Gaussian innovations, started at the long-run variance. */
function simulate(n: number, omega: number, alpha: number, beta: number, seed: number): Float64Array {
  const rng = Random.seeded(seed);
  const r = new Float64Array(n);
  let h = omega / (1 - alpha - beta);
  for (let t = 0; t < n; t++) {
    r[t] = Math.sqrt(h) * rng.normal();
    h = omega + alpha * r[t] * r[t] + beta * h;
  }
  return r;
}

describe('GARCH(1,1)', () => {
  it('variance path and likelihood follow the recursion by hand', () => {
    const r = Float64Array.from([0.01, -0.02, 0.03]);
    const p = { omega: 1e-5, alpha: 0.1, beta: 0.8 };
    const { variance, forecast } = garchVariance(r, p, 2e-4);
    const h1 = 1e-5 + 0.1 * 1e-4 + 0.8 * 2e-4;
    const h2 = 1e-5 + 0.1 * 4e-4 + 0.8 * h1;
    expect(Array.from(variance)).toEqual([2e-4, expect.closeTo(h1, 18), expect.closeTo(h2, 18)]);
    expect(forecast).toBeCloseTo(1e-5 + 0.1 * 9e-4 + 0.8 * h2, 18);
    const ll = -0.5 * [2e-4, h1, h2].reduce((s, h, t) => s + Math.log(2 * Math.PI) + Math.log(h) + r[t] ** 2 / h, 0);
    expect(garchLogLikelihood(r, p, 2e-4)).toBeCloseTo(ll, 12);
    expect(() => garchVariance(r, { omega: 0, alpha: 0.1, beta: 0.8 })).toThrow(/omega > 0/);
  });

  it('recovers the parameters of a simulated path and sits at a local likelihood maximum', () => {
    const truth = { omega: 1e-5, alpha: 0.1, beta: 0.85 };
    const r = simulate(5000, truth.omega, truth.alpha, truth.beta, 2024);
    const fit = fitGarch11(r);
    // Asymptotic QMLE standard errors at n = 5000 are about 0.01 (alpha) and 0.015 (beta): 3-4 SE bounds.
    expect(Math.abs(fit.alpha - truth.alpha)).toBeLessThan(0.04);
    expect(Math.abs(fit.beta - truth.beta)).toBeLessThan(0.06);
    expect(fit.persistence).toBeLessThan(1);
    expect(fit.longRunVariance).toBeCloseTo(fit.omega / (1 - fit.alpha - fit.beta), 15);
    const h0 = r.reduce((s, x) => s + x * x, 0) / r.length;
    expect(fit.logLikelihood).toBeGreaterThanOrEqual(garchLogLikelihood(r, truth, h0));
    // Optimality checked independently of the optimiser: no small move of any parameter raises the likelihood.
    for (const key of ['omega', 'alpha', 'beta'] as const) {
      for (const factor of [0.99, 1.01]) {
        const moved = { omega: fit.omega, alpha: fit.alpha, beta: fit.beta, [key]: fit[key] * factor };
        expect(garchLogLikelihood(r, moved, h0)).toBeLessThanOrEqual(fit.logLikelihood + 1e-9);
      }
    }
  });

  it('fits real BTC daily returns to a persistent, stationary process', () => {
    if (!sharedDataAvailable()) return;
    const rows = readFileSync(sharedFile('btc_usdt_binance_1d.csv'), 'utf8').trim().split('\n').slice(1);
    const r = logReturns(rows.map((line) => Number(line.split(',')[4])), 'btc close');
    const fit = fitGarch11(r);
    console.log(`BTC GARCH(1,1) over ${r.length} days: omega=${fit.omega.toExponential(3)} alpha=${fit.alpha.toFixed(4)} beta=${fit.beta.toFixed(4)} persistence=${fit.persistence.toFixed(4)} annual vol=${Math.sqrt(365 * fit.longRunVariance).toFixed(3)} evaluations=${fit.evaluations}`);
    expect(fit.alpha).toBeGreaterThan(0.01);
    expect(fit.persistence).toBeGreaterThan(0.8);
    expect(fit.persistence).toBeLessThan(1);
    expect(fit.converged).toBe(true);
  });

  it('rejects short or non-finite series', () => {
    expect(() => fitGarch11(new Float64Array(5))).toThrow(/at least 20/);
    const bad = new Float64Array(30).fill(0.01);
    bad[7] = Number.POSITIVE_INFINITY;
    expect(() => fitGarch11(bad)).toThrow(/returns\[7\]/);
  });
});
