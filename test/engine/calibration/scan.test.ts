import { describe, expect, it } from 'vitest';
import { calibrate, parseRange, type SuiteBookResult } from '../../../src/engine/calibration/scan';
import { runBacktestRows } from '../../../src/engine/backtest/loop';
import type { CloseHistory } from '../../../src/engine/backtest/history';

describe('parseRange', () => {
  it('expands a:b:step inclusively without round-off noise', () => {
    expect(parseRange('0.9:0.99:0.03')).toEqual([0.9, 0.93, 0.96, 0.99]);
    expect(parseRange('0.1:0.3:0.1')).toEqual([0.1, 0.2, 0.3]);
  });
  it('rejects bad ranges with the text in the message', () => {
    expect(() => parseRange('1:2')).toThrow(/'1:2' is not a:b:step/);
    expect(() => parseRange('1:2:0')).toThrow(/step must be positive/);
  });
});

describe('calibrate', () => {
  it('on a margin = k x |daily move| rule over a known loss series, picks the least k covering 99% (hand count)', async () => {
    // 200 days, 1-day loss of a 1-coin book at price 100: losses are 1..200 / 100 scaled; margin = k (flat).
    const n = 201;
    const closes = new Float64Array(n);
    closes[0] = 100;
    // Day moves cycle through -1..-10 and +1..+10 (USD): loss sizes 1..10 occur 10 times each over 200 days.
    for (let t = 1; t < n; t++) closes[t] = closes[t - 1] + (t % 2 === 0 ? 1 : -1) * (1 + ((t >> 1) % 10));
    const history: CloseHistory = { dates: Array.from({ length: n }, (_, i) => `d${String(i).padStart(3, '0')}`), underlyings: ['X'], closes };
    const evaluate = (k: number): SuiteBookResult[] => {
      const s = runBacktestRows({ history, mporDays: 1, marginAt: () => k, pnlOver: (h, a, b) => h.closes[b] - h.closes[a] }, 0, n - 2);
      const breaches = s.breach.reduce((x, y) => x + y, 0);
      return [{ book: 'one', averageMargin: k, coverage: 1 - breaches / s.dates.length, zone: breaches <= 2 ? 'green' : 'red' }];
    };
    const result = await calibrate(parseRange('1:10:1'), evaluate, { coverage: 0.99, worstZone: 'green' });
    // Down days have losses 1..10 (10 each of 100 down days); margin k breaches when loss > k: 10 x (10 - k) times.
    // Coverage >= 0.99 on 200 days allows 2 breaches: k = 10 (0 breaches) is the least k; k = 9 has 10 breaches.
    expect(result.points.map((p) => Math.round((1 - p.minCoverage) * 200))).toEqual([90, 80, 70, 60, 50, 40, 30, 20, 10, 0]);
    expect(result.best?.value).toBe(10);
    expect(result.points.every((p) => p.efficient)).toBe(true);
  });

  it('returns best = null when no value meets the target', async () => {
    const r = await calibrate([1, 2], () => [{ book: 'b', averageMargin: 1, coverage: 0.5, zone: 'red' }], { coverage: 0.99, worstZone: 'yellow' });
    expect(r.best).toBeNull();
    expect(r.points.map((p) => p.efficient)).toEqual([true, true]);
  });
});
