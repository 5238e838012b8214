import { describe, expect, it } from 'vitest';
import { historyUpTo, type CloseHistory } from '../../../src/engine/backtest/history';
import { mergeSeries, runBacktestRows, splitRows, testableRows, type BacktestSpec } from '../../../src/engine/backtest/loop';

function syntheticHistory(n: number): CloseHistory {
  const closes = new Float64Array(n * 2);
  for (let t = 0; t < n; t++) {
    closes[t * 2] = 100 * Math.exp(0.05 * Math.sin(t * 0.7) + 0.001 * t);
    closes[t * 2 + 1] = 10 * Math.exp(0.08 * Math.cos(t * 0.3));
  }
  return { dates: Array.from({ length: n }, (_, t) => new Date(Date.UTC(2020, 0, 1 + t)).toISOString().slice(0, 10)), underlyings: ['BTC', 'ETH'], closes };
}

/** A model that reads the whole slice it is given: 3 x the largest absolute 1-day move of BTC so far, in USD for 1 BTC. */
const maxMoveModel = (past: CloseHistory) => {
  const U = past.underlyings.length;
  const T = past.dates.length;
  let worst = 0;
  for (let t = 1; t < T; t++) worst = Math.max(worst, Math.abs(past.closes[t * U] - past.closes[(t - 1) * U]));
  return 3 * worst;
};
const oneBtc = (h: CloseHistory, a: number, b: number) => h.closes[b * 2] - h.closes[a * 2];

describe('backtest loop', () => {
  it('historyUpTo cuts every array at row t, so later prices cannot be read', () => {
    const h = syntheticHistory(10);
    const past = historyUpTo(h, 4);
    expect(past.dates).toEqual(h.dates.slice(0, 5));
    expect(past.closes.length).toBe(10);
    expect(past.closes[10]).toBeUndefined();
  });

  it('margin, realised loss and breach flags match a hand loop; horizon past the end is not tested', () => {
    const h = syntheticHistory(30);
    const spec: BacktestSpec = { history: h, mporDays: 2, marginAt: maxMoveModel, pnlOver: oneBtc };
    const [a, b] = testableRows(h, 2, 1, 100);
    expect([a, b]).toEqual([1, 27]);
    const s = runBacktestRows(spec, a, b);
    for (let i = 0; i < s.dates.length; i++) {
      const t = a + i;
      let worst = 0;
      for (let k = 1; k <= t; k++) worst = Math.max(worst, Math.abs(h.closes[k * 2] - h.closes[(k - 1) * 2]));
      const loss = -(h.closes[(t + 2) * 2] - h.closes[t * 2]);
      expect(s.margin[i]).toBe(3 * worst);
      expect(s.loss[i]).toBe(loss);
      expect(s.breach[i]).toBe(loss > 3 * worst ? 1 : 0);
    }
  });

  it('look-ahead: corrupting every price after t leaves the margin computed at t unchanged', () => {
    const h = syntheticHistory(60);
    const t = 35;
    const corrupted: CloseHistory = { ...h, closes: Float64Array.from(h.closes, (x, i) => (i >= (t + 1) * 2 ? x * 1000 + 7 : x)) };
    const clean = runBacktestRows({ history: h, mporDays: 1, marginAt: maxMoveModel, pnlOver: oneBtc }, 1, t);
    const dirty = runBacktestRows({ history: corrupted, mporDays: 1, marginAt: maxMoveModel, pnlOver: oneBtc }, 1, t);
    expect(Array.from(dirty.margin)).toEqual(Array.from(clean.margin));
    // The corruption is visible to the realised loss at t (which looks forward by design), proving it took effect.
    expect(dirty.loss[dirty.loss.length - 1]).not.toBe(clean.loss[clean.loss.length - 1]);
  });

  it('chunked runs merged in any order equal the single run', () => {
    const h = syntheticHistory(50);
    const spec: BacktestSpec = { history: h, mporDays: 3, marginAt: maxMoveModel, pnlOver: oneBtc };
    const whole = runBacktestRows(spec, 1, 46);
    const chunks = splitRows(1, 46, 4);
    expect(chunks).toEqual([[1, 11], [12, 23], [24, 34], [35, 46]]);
    const merged = mergeSeries(chunks.map(([x, y]) => runBacktestRows(spec, x, y)).reverse());
    expect(merged).toEqual(whole);
  });

  it('a non-finite margin is an error naming the date', () => {
    const h = syntheticHistory(5);
    expect(() => runBacktestRows({ history: h, mporDays: 1, marginAt: () => NaN, pnlOver: oneBtc }, 0, 2)).toThrow(/margin at 2020-01-01 is not finite/);
  });
});
