import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { solveMarginOptimalHedge, type HedgeCandidate } from '../../../src/engine/optimize/hedgeLp';
import { scenarioRisk } from '../../../src/engine/optimize/scenarioRisk';

const S0 = 50_000;
const moves = [0.8, 0.9, 1, 1.1, 1.2];
const linearPnl = (qty: number) => Float64Array.from(moves, (m) => qty * S0 * (m - 1));
const perp = (cost = 0, bound = 2): HedgeCandidate => ({ symbol: 'BTC-PERPETUAL', minQuantity: -bound, maxQuantity: bound, costPerUnit: cost });

/**
 * Independent optimum for one candidate: risk + cost is convex in the quantity (a max of linear functions or an ES,
 * plus c|q|), so ternary search on [min, max] converges to the exact minimum without any LP.
 */
function convexMinimum(book: Float64Array, hedge: Float64Array, c: HedgeCandidate, objective: Parameters<typeof scenarioRisk>[1]) {
  const f = (q: number) => scenarioRisk(book.map((p, s) => p + q * hedge[s]), objective) + c.costPerUnit * Math.abs(q);
  let lo = c.minQuantity;
  let hi = c.maxQuantity;
  for (let i = 0; i < 200; i++) {
    const a = lo + (hi - lo) / 3;
    const b = hi - (hi - lo) / 3;
    if (f(a) <= f(b)) hi = b;
    else lo = a;
  }
  return { q: (lo + hi) / 2, value: f((lo + hi) / 2) };
}

describe('scenarioRisk', () => {
  it('min-max is the worst loss, floored at zero', () => {
    expect(scenarioRisk(Float64Array.of(5, -3, -7, 2), { kind: 'minmax' })).toBe(7);
    expect(scenarioRisk(Float64Array.of(5, 3), { kind: 'minmax' })).toBe(0);
  });
  it('blocked min-max sums each block\'s worst weighted, dampened loss (hand value)', () => {
    const objective = { kind: 'minmax' as const, block: Int32Array.of(0, 0, 1, 1), weight: Float64Array.of(1, 0.5, 1, 1), dampener: Float64Array.of(0, 0, 100, 0) };
    // block 0: max(0, 40, 0.5 x 60) = 40; block 1: max(0, 150 - 100, 30) = 50
    expect(scenarioRisk(Float64Array.of(-40, -60, -150, -30), objective)).toBe(90);
  });

  it('ES equals the hand-computed tail mean of the ceil(S (1 - a)) worst losses', () => {
    const pnl = Float64Array.from({ length: 100 }, (_, i) => -(i + 1)); // losses 1..100
    expect(scenarioRisk(pnl, { kind: 'es', confidence: 0.95 })).toBeCloseTo((96 + 97 + 98 + 99 + 100) / 5, 12);
    // 2.5% of 100 scenarios = 2.5, rounded up to 3.
    expect(scenarioRisk(pnl, { kind: 'es', confidence: 0.975 })).toBeCloseTo((100 + 99 + 98) / 3, 12);
  });
});

describe('solveMarginOptimalHedge', () => {
  it('a long coin position is hedged by shorting the same amount of a costless perpetual', async () => {
    const r = await solveMarginOptimalHedge({ bookPnl: linearPnl(1), hedgePnl: linearPnl(1), candidates: [perp()], objective: { kind: 'minmax' } });
    expect(r.quantities[0]).toBeCloseTo(-1, 9);
    expect(r.riskBefore).toBeCloseTo(0.2 * S0, 9);
    expect(r.riskAfter).toBeCloseTo(0, 6);
  });

  it('does not trade when the cost per unit exceeds the margin saved per unit (0.2 x spot)', async () => {
    const cheap = await solveMarginOptimalHedge({ bookPnl: linearPnl(1), hedgePnl: linearPnl(1), candidates: [perp(0.19 * S0)], objective: { kind: 'minmax' } });
    expect(cheap.quantities[0]).toBeCloseTo(-1, 9);
    expect(cheap.cost).toBeCloseTo(0.19 * S0, 6);
    const dear = await solveMarginOptimalHedge({ bookPnl: linearPnl(1), hedgePnl: linearPnl(1), candidates: [perp(0.21 * S0)], objective: { kind: 'minmax' } });
    expect(Array.from(dear.quantities)).toEqual([0]);
    expect(dear.status).toBe('unchanged');
  });

  it('an already-flat book gets an empty hedge', async () => {
    const flat = new Float64Array(moves.length);
    for (const objective of [{ kind: 'minmax' } as const, { kind: 'es', confidence: 0.8 } as const]) {
      const r = await solveMarginOptimalHedge({ bookPnl: flat, hedgePnl: linearPnl(1), candidates: [perp()], objective });
      expect(Array.from(r.quantities)).toEqual([0]);
      expect(r.riskAfter).toBeCloseTo(0, 12);
    }
  });

  it('respects quantity bounds: a 0.5 cap leaves half the position unhedged', async () => {
    const r = await solveMarginOptimalHedge({ bookPnl: linearPnl(1), hedgePnl: linearPnl(1), candidates: [perp(0, 0.5)], objective: { kind: 'minmax' } });
    expect(r.quantities[0]).toBeCloseTo(-0.5, 9);
    expect(r.riskAfter).toBeCloseTo(0.1 * S0, 6);
  });

  it('short put hedged with a perpetual matches an independent convex search (min-max and ES)', async () => {
    const K = 48_000;
    const grid = Array.from({ length: 41 }, (_, i) => 0.6 + i * 0.02);
    const premium = 1500;
    const book = Float64Array.from(grid, (m) => premium - Math.max(K - S0 * m, 0));
    const hedge = Float64Array.from(grid, (m) => S0 * (m - 1));
    const c = perp(100, 1.5);
    for (const objective of [{ kind: 'minmax' } as const, { kind: 'es', confidence: 0.9 } as const]) {
      const r = await solveMarginOptimalHedge({ bookPnl: book, hedgePnl: hedge, candidates: [c], objective });
      const best = convexMinimum(book, hedge, c, objective);
      expect(r.riskAfter + r.cost).toBeCloseTo(best.value, 6);
      expect(r.riskAfter + r.cost).toBeLessThan(r.riskBefore);
    }
  });

  it('blocked, weighted, dampened min-max (the grid margin form) matches an independent convex search', async () => {
    const grid = [0.8, 0.9, 1, 1.1, 1.2];
    const book = Float64Array.from([...grid.map((m) => 2 * S0 * (m - 1)), ...grid.map((m) => -3 * S0 * (m - 1) * (m - 1))]);
    const hedge = Float64Array.from([...grid.map((m) => S0 * (m - 1)), ...grid.map(() => 0)]);
    const objective = { kind: 'minmax' as const, block: Int32Array.from(book, (_, s) => (s < 5 ? 0 : 1)), weight: Float64Array.from(book, (_, s) => (s % 2 ? 0.7 : 1)), dampener: Float64Array.from(book, (_, s) => (s >= 5 ? 200 : 50)) };
    const c = perp(300, 4);
    const r = await solveMarginOptimalHedge({ bookPnl: book, hedgePnl: hedge, candidates: [c], objective });
    const best = convexMinimum(book, hedge, c, objective);
    expect(r.riskAfter + r.cost).toBeCloseTo(best.value, 6);
    // Hand: block 1 is unhedgeable (hedge P&L 0 there); in block 0 the 50 USD dampener absorbs a loss of 50 at the
    // -20% move, so the cheapest full offset is 2 - 50 / (0.2 x S0) = 1.995 BTC short.
    expect(r.quantities[0]).toBeCloseTo(-1.995, 6);
  });

  it('property: risk after plus cost never exceeds risk before (random books, 3 candidates)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.float({ min: -1000, max: 1000, noNaN: true }), { minLength: 40, maxLength: 40 }),
        fc.array(fc.float({ min: -100, max: 100, noNaN: true }), { minLength: 120, maxLength: 120 }),
        fc.constantFrom<'minmax' | 'es'>('minmax', 'es'),
        async (book, hedges, kind) => {
          const candidates = [0, 1, 2].map((j) => ({ symbol: `H${j}`, minQuantity: -3, maxQuantity: 3, costPerUnit: j }));
          const objective = kind === 'es' ? { kind, confidence: 0.9 } : { kind };
          const r = await solveMarginOptimalHedge({ bookPnl: Float64Array.from(book), hedgePnl: Float64Array.from(hedges), candidates, objective });
          expect(r.riskAfter + r.cost).toBeLessThanOrEqual(r.riskBefore + 1e-6 * Math.max(1, r.riskBefore));
        },
      ),
      { numRuns: 40, seed: 7 },
    );
  });

  it('rejects inconsistent input with a clear message', async () => {
    await expect(solveMarginOptimalHedge({ bookPnl: linearPnl(1), hedgePnl: new Float64Array(3), candidates: [perp()], objective: { kind: 'minmax' } })).rejects.toThrow(/expected 1 candidates x 5 scenarios/);
    await expect(solveMarginOptimalHedge({ bookPnl: linearPnl(1), hedgePnl: linearPnl(1), candidates: [{ ...perp(), minQuantity: 3 }], objective: { kind: 'minmax' } })).rejects.toThrow(/BTC-PERPETUAL.*minQuantity 3 > maxQuantity 2/);
  });
});
