import { describe, expect, it } from 'vitest';
import { bookBacktestSpec, kernelRevalue } from '../../../src/engine/backtest/bookBacktest';
import { marginModelFor } from '../../../src/engine/backtest/modelSpec';
import type { CloseHistory } from '../../../src/engine/backtest/history';
import { runBacktestRows } from '../../../src/engine/backtest/loop';
import type { BookTemplate } from '../../../src/engine/backtest/anchoredBook';

const n = 120;
const closes = new Float64Array(n);
closes[0] = 30_000;
for (let t = 1; t < n; t++) closes[t] = closes[t - 1] * Math.exp(0.04 * Math.sin(t * 2.3) + (t === 80 ? -0.3 : 0));
const history: CloseHistory = { dates: Array.from({ length: n }, (_, t) => new Date(Date.UTC(2021, 0, 1 + t)).toISOString().slice(0, 10)), underlyings: ['BTC'], closes };
const twoBtc: BookTemplate = { name: '2 BTC', positions: [{ underlying: 'BTC', kind: 'spot', settlement: 'linear', quantity: 2 }], sizing: 'quantity' };

describe('book backtest through the kernel and the historical VaR margin model', () => {
  const model = marginModelFor({ kind: 'var', spec: { measure: 'var', method: 'historical', confidence: 0.95, lookbackDays: 40, mporDays: 1 } as never });
  const spec = bookBacktestSpec({ history, template: twoBtc, mporDays: 1, model, revalue: kernelRevalue, fallbackVol: 0.6 });
  const s = runBacktestRows(spec, 40, n - 2);

  it('realised loss of a spot position is -q (S(t+1) - S(t))', () => {
    for (let i = 0; i < s.dates.length; i++) {
      const t = 40 + i;
      expect(s.loss[i]).toBeCloseTo(-2 * (closes[t + 1] - closes[t]), 6);
    }
  });

  it('HS VaR 95% over 40 days = the 2nd largest of the last 40 one-day losses, revalued at spot(t) (hand quantile)', () => {
    for (const t of [40, 79, 81, 100]) {
      const losses: number[] = [];
      for (let k = t - 39; k <= t; k++) losses.push(-2 * closes[t] * (closes[k] / closes[k - 1] - 1));
      losses.sort((a, b) => b - a);
      // ceil(40 x 0.05) = 2 tail scenarios: VaR is the 2nd largest loss.
      expect(s.margin[t - 40]).toBeCloseTo(Math.max(0, losses[1]), 6);
    }
  });

  it('the -30% day is a breach', () => {
    expect(s.dates.filter((_, i) => s.breach[i])).toContain(history.dates[79]);
  });
});
