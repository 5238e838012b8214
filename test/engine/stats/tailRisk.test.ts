import { describe, expect, it } from 'vitest';
import { selectInPlace } from '../../../src/engine/stats/select';
import {
  empiricalQuantile,
  historicalEs,
  historicalTailRisk,
  historicalVar,
  tailCount,
  tailRiskConventions,
  weightedTailRisk,
} from '../../../src/engine/stats/tailRisk';
import { Random } from '../../../src/engine/stats/random';

describe('selectInPlace', () => {
  it('puts the k-th order statistic in place and partitions around it, on random and adversarial input', () => {
    const rng = Random.seeded(5);
    const inputs = [
      Float64Array.from({ length: 1001 }, () => rng.normal()),
      Float64Array.from({ length: 500 }, (_, i) => i),
      Float64Array.from({ length: 500 }, (_, i) => -i),
      Float64Array.from({ length: 300 }, (_, i) => i % 3),
    ];
    for (const input of inputs) {
      const sorted = Float64Array.from(input).sort();
      for (const k of [0, 1, 7, input.length >> 1, input.length - 1]) {
        const a = Float64Array.from(input);
        expect(selectInPlace(a, k)).toBe(sorted[k]);
        for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k]);
        for (let i = k + 1; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k]);
      }
    }
  });
});

describe('historical VaR and ES', () => {
  it('tail count is ceil(n(1-alpha)) without round-off surprises', () => {
    expect(tailCount(1000, 0.99)).toBe(10); // 1000 * (1 - 0.99) = 10.000000000000009 in binary
    expect(tailCount(250, 0.99)).toBe(3); // 2.5 -> 3
    expect(tailCount(100, 0.975)).toBe(3); // 2.5 -> 3
    expect(tailCount(10, 0.5)).toBe(5);
    expect(tailCount(20, 0.999)).toBe(1);
  });

  it('hand-computed example: 20 P&Ls at 90% -> tail of 2', () => {
    // Losses sorted descending: 50, 30, 20, ... so VaR = 30 (2nd largest), ES = (50 + 30) / 2 = 40.
    const pnl = Float64Array.from([5, -20, 12, -50, 3, 0, 7, -30, 1, 2, 9, -4, 6, 8, -1, 4, 10, 11, -2, 15]);
    const copy = Float64Array.from(pnl);
    const risk = historicalTailRisk(pnl, 0.9);
    expect(risk).toEqual({ var: 30, es: 40, tailCount: 2 });
    expect(pnl).toEqual(copy); // input untouched
    // 97.5% of 20 -> k = ceil(0.5) = 1: the worst loss for both.
    expect(historicalVar(pnl, 0.975)).toBe(50);
    expect(historicalEs(pnl, 0.975)).toBe(50);
  });

  it('1..100 loss ladder at 97.5%: VaR = 98, ES = (100 + 99 + 98) / 3 = 99', () => {
    const pnl = Float64Array.from({ length: 100 }, (_, i) => -(i + 1));
    const scratch = new Float64Array(100);
    expect(historicalTailRisk(pnl, 0.975, scratch)).toEqual({ var: 98, es: 99, tailCount: 3 });
  });

  it('approaches the normal closed forms for a large normal sample', () => {
    const rng = Random.seeded(11);
    const pnl = rng.fillNormal(new Float64Array(400_000));
    const { var: v, es } = historicalTailRisk(pnl, 0.99);
    // z_0.99 = 2.326347874040841, ES = phi(z) / 0.01 = 2.6652142203458
    expect(v).toBeCloseTo(2.326347874040841, 1);
    expect(es).toBeCloseTo(2.6652142203458, 1);
  });

  it('rejects bad input with the position of the offending value', () => {
    expect(() => historicalVar(Float64Array.from([1, Number.NaN]), 0.99)).toThrow(/pnl\[1\] = NaN/);
    expect(() => historicalVar(new Float64Array(0), 0.99)).toThrow(/empty/);
    expect(() => historicalVar(Float64Array.from([1]), 1)).toThrow(/confidence/);
    expect(tailRiskConventions).toMatch(/ceil\(n\(1-alpha\)\)/);
  });
});

describe('weighted tail risk', () => {
  it('equal weights reproduce the unweighted rule', () => {
    const rng = Random.seeded(12);
    const pnl = rng.fillNormal(new Float64Array(1000));
    const weights = new Float64Array(1000).fill(1);
    const weighted = weightedTailRisk(pnl, weights, 0.99);
    const plain = historicalTailRisk(pnl, 0.99);
    expect(weighted.var).toBe(plain.var);
    expect(weighted.tailCount).toBe(plain.tailCount);
    expect(weighted.es).toBeCloseTo(plain.es, 13); // same tail, summed in a different order
    expect(weightedTailRisk(pnl, weights, 0.975).var).toBe(historicalVar(pnl, 0.975));
  });

  it('hand example: losses 100, 60, 40, 10 with weights .02, .02, .06, .9 at 95%', () => {
    const pnl = Float64Array.from([-10, -40, -100, -60]);
    const weights = Float64Array.from([0.9, 0.06, 0.02, 0.02]);
    // Cumulative weight from the worst: 0.02 (100), 0.04 (60), 0.10 (40) -> reaches 0.05 at loss 40.
    // ES = (0.02*100 + 0.02*60 + 0.06*40) / 0.10 = 56
    const r = weightedTailRisk(pnl, weights, 0.95);
    expect(r.var).toBe(40);
    expect(r.es).toBeCloseTo(56, 12);
    expect(r.tailCount).toBe(3);
    expect(() => weightedTailRisk(pnl, Float64Array.from([1, -1, 0, 0]), 0.95)).toThrow(/weights\[1\]/);
  });
});

describe('empiricalQuantile (type 7)', () => {
  it('interpolates between order statistics as R quantile(type = 7)', () => {
    const x = Float64Array.from([7, 1, 3, 9, 5]); // sorted 1 3 5 7 9
    expect(empiricalQuantile(x, 0)).toBe(1);
    expect(empiricalQuantile(x, 1)).toBe(9);
    expect(empiricalQuantile(x, 0.5)).toBe(5);
    expect(empiricalQuantile(x, 0.1)).toBeCloseTo(1.8, 14); // h = 0.4: 1 + 0.4 * 2
    expect(empiricalQuantile(x, 0.9)).toBeCloseTo(8.2, 14); // h = 3.6: 7 + 0.6 * 2
  });
});
