import { describe, expect, it } from 'vitest';
import { summariseBreaches } from '../../../src/engine/backtest/summary';

describe('summariseBreaches', () => {
  it('matches hand counts on a 5-day series', () => {
    const s = summariseBreaches({
      dates: ['d1', 'd2', 'd3', 'd4', 'd5'],
      margin: Float64Array.of(10, 10, 20, 20, 40),
      loss: Float64Array.of(12, -5, 30, 5, 8),
      breach: Uint8Array.of(1, 0, 1, 0, 0),
    });
    expect(s).toMatchObject({ observations: 5, breaches: 2, breachRate: 0.4, breachDates: ['d1', 'd3'], averageMargin: 20 });
    // loss days: 12, 30, 5, 8 -> mean 13.75; shortfalls 2 and 10
    expect(s.averageLossOnLossDays).toBe(13.75);
    expect(s.coverageRatio).toBeCloseTo(20 / 13.75, 14);
    expect(s.averageShortfall).toBe(6);
    expect(s.worstShortfall).toBe(10);
  });
});
