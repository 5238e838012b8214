import { describe, expect, it } from 'vitest';
import type { CloseHistory } from '../../../src/engine/backtest/history';
import { allJointMoves, jointMove, windowScenarios, worstScenarioIndices } from '../../../src/engine/stress/historical';
import { correlationDirection, estimateVolPerLogMove, reverseStress, singleUnderlyingDirection } from '../../../src/engine/stress/reverse';
import { stressOutcomes } from '../../../src/engine/stress/report';
import type { ScenarioBatch } from '../../../src/engine/scenario';

const history: CloseHistory = {
  dates: ['2022-05-08', '2022-05-09', '2022-05-10', '2022-05-11', '2022-05-12'],
  underlyings: ['BTC', 'ETH'],
  // BTC 100 -> 90 -> 99 -> 80 -> 84 ; ETH missing on day 0, then 10 -> 8 -> 7 -> 7.7
  closes: Float64Array.of(100, NaN, 90, 10, 99, 8, 80, 7, 84, 7.7),
  vols: Float64Array.of(0.6, NaN, 0.7, NaN, 0.65, NaN, 0.9, NaN, 0.8, NaN),
};

describe('historical stress scenarios', () => {
  it('1-day joint moves are the close ratios; vol shifts are DVOL differences; unlisted underlyings stay unshocked', () => {
    const s = jointMove(history, 0, 1, 'd1');
    expect(s.spotMultiplier).toEqual([0.9, 1]);
    expect(s.missing).toEqual(['ETH']);
    expect(s.volShift[0]).toBeCloseTo(0.1, 15);
    expect(s.volShift[1]).toBe(0);
  });

  it('a multi-day window yields each 1-day move plus the cumulative move, which equals the product of the 1-day moves', () => {
    const scen = windowScenarios(history, { name: 'luna', from: '2022-05-10', to: '2022-05-12' });
    expect(scen.map((s) => s.name)).toEqual(['luna 2022-05-10 1d', 'luna 2022-05-11 1d', 'luna 2022-05-12 1d', 'luna 2022-05-10..2022-05-12 3d']);
    for (let u = 0; u < 2; u++) {
      expect(scen[3].spotMultiplier[u]).toBeCloseTo(scen[0].spotMultiplier[u] * scen[1].spotMultiplier[u] * scen[2].spotMultiplier[u], 14);
    }
    expect(scen[3].spotMultiplier).toEqual([84 / 90, 7.7 / 10]);
  });

  it('a window outside the history is a clear error', () => {
    expect(() => windowScenarios(history, { name: 'covid', from: '2020-03-12', to: '2020-03-12' })).toThrow(/covid .*not covered.*2022-05-08/);
  });

  it('worst N days of a long-BTC short-ETH book, ranked by the book loss, match the hand ranking', () => {
    const { batch, endDates } = allJointMoves(history, 1);
    expect(batch.count).toBe(4);
    // P&L = 1 BTC long at previous close, 10 ETH short: BTC change - 10 x ETH change (ETH missing on day 1).
    const pnl = new Float64Array(batch.count);
    for (let s = 0; s < batch.count; s++) {
      pnl[s] = history.closes[s * 2] * (batch.spotMultiplier[s * 2] - 1) - 10 * (Number.isNaN(history.closes[s * 2 + 1]) ? 0 : history.closes[s * 2 + 1] * (batch.spotMultiplier[s * 2 + 1] - 1));
    }
    // Hand: d1 = -10, d2 = +9 - 10*(-2) = 29, d3 = -19 - 10*(-1) = -9, d4 = +4 - 10*0.7 = -3
    expect(Array.from(pnl)).toEqual([-10, 29, -9, -3].map((x) => expect.closeTo(x, 9)) as unknown as number[]);
    expect(worstScenarioIndices(pnl, 2).map((i) => endDates[i])).toEqual(['2022-05-09', '2022-05-11']);
  });
});

describe('reverse stress', () => {
  const S = 50_000;
  // Linear book: q coins at spot S, P&L(x) = q S (exp(x) - 1) for a log move x of its underlying.
  const linear = (q: number) => (batch: ScenarioBatch) => Float64Array.from({ length: batch.count }, (_, s) => q * S * (batch.spotMultiplier[s * batch.underlyings.length] - 1));

  it('long 2 BTC with 30k excess dies at the closed-form move ln(1 - E/(qS)) and never on the upside', () => {
    const r = reverseStress(linear(2), { underlyings: ['BTC'], direction: Float64Array.of(1), excess: 30_000, tolerance: 1e-10 });
    expect(r.down!.pctMove).toBeCloseTo(-0.3, 8);
    expect(r.down!.logMove).toBeCloseTo(Math.log(0.7), 8);
    expect(r.up).toBeNull();
  });

  it('short 1 BTC with 25k excess dies at +50%', () => {
    const r = reverseStress(linear(-1), { underlyings: ['BTC'], direction: Float64Array.of(1), excess: 25_000, tolerance: 1e-10 });
    expect(r.up!.pctMove).toBeCloseTo(0.5, 8);
    expect(r.down).toBeNull();
  });

  it('the spot+vol variant moves vol against spot by the given coefficient', () => {
    const seen: number[] = [];
    reverseStress((b) => { seen.push(b.spotMultiplier[0], b.volShift[0]); return new Float64Array(b.count); }, { underlyings: ['BTC'], direction: Float64Array.of(1), excess: 1, volPerLogMove: 0.8, gridPoints: 1, maxLogMove: 0.5 });
    // down side first: x = -0.5 -> spot x exp(-0.5), vol + 0.4
    expect(seen[0]).toBeCloseTo(Math.exp(-0.5), 15);
    expect(seen[1]).toBeCloseTo(0.4, 15);
  });

  it('the historical correlation direction of ETH returns = 2 x BTC returns is (0.5, 1)', () => {
    const btc = [100, 103, 101, 106, 104, 108];
    const eth = [10];
    for (let t = 1; t < btc.length; t++) eth.push(eth[t - 1] * Math.exp(2 * Math.log(btc[t] / btc[t - 1])));
    const h: CloseHistory = { dates: btc.map((_, i) => `2024-01-0${i + 1}`), underlyings: ['BTC', 'ETH'], closes: Float64Array.from(btc.flatMap((b, i) => [b, eth[i]])) };
    const d = correlationDirection(h);
    expect(d[0]).toBeCloseTo(0.5, 10);
    expect(d[1]).toBeCloseTo(1, 12);
    expect(Array.from(singleUnderlyingDirection(['BTC', 'ETH'], 'ETH'))).toEqual([0, 1]);
  });

  it('the vol coupling estimated from a series with dvol = -0.8 x log return is 0.8', () => {
    const n = 40;
    const closes = new Float64Array(n);
    const vols = new Float64Array(n);
    closes[0] = 100; vols[0] = 0.5;
    for (let t = 1; t < n; t++) {
      const r = 0.03 * Math.sin(t * 1.7);
      closes[t] = closes[t - 1] * Math.exp(r);
      vols[t] = vols[t - 1] - 0.8 * r;
    }
    expect(estimateVolPerLogMove({ dates: Array.from({ length: n }, (_, i) => String(i)), underlyings: ['BTC'], closes, vols }, 0)).toBeCloseTo(0.8, 10);
  });
});

describe('stress outcomes', () => {
  it('reports equity after the shock, survival against maintenance margin and worst contributors', () => {
    const out = stressOutcomes(['crash', 'rally'], { pnl: Float64Array.of(-700, 300), instruments: ['A', 'B'], perInstrument: Float64Array.of(-1000, 500, 300, -200) }, 1000, 400, 1);
    expect(out[0]).toMatchObject({ scenario: 'crash', pnl: -700, equityAfter: 300, survives: false, topContributors: [{ instrument: 'A', pnl: -1000 }] });
    expect(out[0].positionPnl).toEqual({ A: -1000, B: 300 });
    expect(out[1]).toMatchObject({ equityAfter: 1300, survives: true, topContributors: [{ instrument: 'B', pnl: -200 }] });
  });
});
