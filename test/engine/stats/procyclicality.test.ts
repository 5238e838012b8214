import { describe, expect, it } from 'vitest';
import {
  apcBufferMargin,
  apcLookbackFloorMargin,
  apcStressedWeightMargin,
  largestIncrease,
  maxToMinRatio,
  peakToTroughRatio,
  procyclicalityReport,
  stressedScenarioWeights,
} from '../../../src/engine/stats/procyclicality';
import { weightedTailRisk } from '../../../src/engine/stats/tailRisk';

const margin = [100, 80, 90, 160, 150, 120, 60, 70, 200];

describe('procyclicality metrics', () => {
  it('peak-to-trough counts only rises from an earlier trough', () => {
    // Troughs so far: 100, 80, 80, 80, 80, 80, 60, 60, 60 -> best rise 200 / 60.
    expect(peakToTroughRatio(margin)).toBeCloseTo(200 / 60, 15);
    expect(peakToTroughRatio([300, 200, 100])).toBe(1); // only falls
    expect(maxToMinRatio([300, 200, 100])).toBe(3);
  });

  it('largest 1-day and 5-day increases, absolute and relative', () => {
    const one = largestIncrease(margin, 1);
    expect(one).toEqual({ absolute: 130, absoluteAt: 8, relative: 200 / 70 - 1, relativeAt: 8 });
    // 5-day pairs: (100,120) (80,60) (90,70) (160,200): abs max 40 at day 8 (160->200) ; rel max 0.25 at day 8 (160 -> 200) vs 0.2.
    const five = largestIncrease(margin, 5);
    expect(five.absolute).toBe(40);
    expect(five.absoluteAt).toBe(8);
    expect(five.relative).toBeCloseTo(0.25, 15);
    expect(procyclicalityReport(margin).fiveDay).toEqual(five);
    expect(() => largestIncrease([1, 0, 2])).toThrow(/margin\[1\] = 0/);
  });
});

describe('EMIR APC tools', () => {
  it('(a) buffer: 25% on top normally, absorbed while released', () => {
    const m = [100, 100, 110, 120, 130, 100];
    const release = [false, false, true, true, true, false];
    // Day 2: min(137.5, max(110, 125)) = 125; day 3: min(150, max(120, 125)) = 125; day 4: min(162.5, max(130, 125)) = 130.
    expect(Array.from(apcBufferMargin(m, release))).toEqual([125, 125, 125, 125, 130, 125]);
    expect(() => apcBufferMargin(m, release, 0.2)).toThrow(/below the EMIR minimum/);
  });

  it('(b) stressed weight: blended margin and scenario weights', () => {
    expect(Array.from(apcStressedWeightMargin([100, 200], 400))).toEqual([175, 250]);
    const w = stressedScenarioWeights(3, 1);
    expect(Array.from(w)).toEqual([0.25, 0.25, 0.25, 0.25]);
    const w2 = stressedScenarioWeights(6, 2, 0.4);
    expect(w2[0]).toBeCloseTo(0.1, 15);
    expect(w2[7]).toBeCloseTo(0.2, 15);
    // 8 scenarios, the two stressed ones are the worst and weigh 0.4 together: 90% VaR falls on the stressed tail.
    const pnl = Float64Array.of(-1, -2, 0, 1, 2, 3, -50, -30);
    expect(weightedTailRisk(pnl, w2, 0.9)).toMatchObject({ var: 50, es: 50 });
    expect(weightedTailRisk(pnl, w2, 0.75).var).toBe(30);
  });

  it('(c) ten-year lookback floor is an elementwise maximum', () => {
    expect(Array.from(apcLookbackFloorMargin([100, 50, 80], [70, 70, 70]))).toEqual([100, 70, 80]);
    expect(() => apcLookbackFloorMargin([1, 2], [1])).toThrow(/1 floor margins for 2 days/);
  });
});
