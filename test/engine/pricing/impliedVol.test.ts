import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { black76Price } from '../../../src/engine/pricing/black';
import { ImpliedVolError, impliedVolBlack76 } from '../../../src/engine/pricing/impliedVol';
import { yearFraction } from '../../../src/engine/time';
import { sharedDataAvailable, sharedFile } from '../../support/sharedData';

describe('implied vol: round trips and errors', () => {
  it('recovers the vol that produced a price (calls/puts, 1 day..3 years, vol 5%..300%)', () => {
    for (const right of ['call', 'put'] as const) {
      for (const t of [1 / 365, 0.1, 1, 3]) {
        for (const v of [0.05, 0.3, 1, 3]) {
          for (const z of [-1.5, 0, 1.5]) {
            const f = 2000;
            const k = f * Math.exp(z * v * Math.sqrt(t));
            const price = black76Price(right, f, k, t, 0.03, v);
            const iv = impliedVolBlack76({ right, forward: f, strike: k, t, rate: 0.03, price });
            expect(Math.abs(black76Price(right, f, k, t, 0.03, iv) - price)).toBeLessThanOrEqual(1e-12 * f);
            expect(Math.abs(iv - v)).toBeLessThan(1e-7);
          }
        }
      }
    }
  });

  it('rejects prices at or below intrinsic, at or above the upper bound, and expired options with a clear reason', () => {
    const base = { right: 'call' as const, forward: 100, strike: 90, t: 0.5, rate: 0 };
    const reason = (price: number, extra = {}) => {
      try {
        impliedVolBlack76({ ...base, ...extra, price });
        return 'solved';
      } catch (e) {
        expect(e).toBeInstanceOf(ImpliedVolError);
        expect((e as Error).message).toMatch(/call F=100 K=90/);
        return (e as ImpliedVolError).reason;
      }
    };
    expect(reason(9.99)).toBe('below-intrinsic');
    expect(reason(10)).toBe('below-intrinsic');
    expect(reason(100)).toBe('above-upper-bound');
    expect(reason(5, { t: 0 })).toBe('expired');
    expect(reason(99.99)).toBe('out-of-vol-range'); // needs a vol far above 1000%
  });
});

/** Deribit ETH chain: inverse quoting, mark_price in ETH, Black-76 on underlying_price (the expiry's forward), r = 0. */
describe.runIf(sharedDataAvailable())('implied vols of the Deribit ETH chain 2024-01-08', () => {
  it('backs out IVs and reprices every solvable row to 1e-8 ETH; counts rows without an IV', () => {
    const snapshot = Date.parse('2024-01-08T11:19:41.42Z');
    const lines = readFileSync(sharedFile('deribit_eth_options_snapshot_2024-01-08.csv'), 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const col = (name: string) => header.indexOf(name);
    const counts = { rows: 0, solved: 0, noIv: {} as Record<string, number> };
    let worstRepricing = 0;
    const ivs: number[] = [];
    for (const line of lines.slice(1)) {
      const f = line.split(',');
      counts.rows++;
      const forward = Number(f[col('underlying_price')]);
      const mark = Number(f[col('mark_price')]);
      const right = f[col('option_type')] === 'C' ? ('call' as const) : ('put' as const);
      const strike = Number(f[col('strike')]);
      const t = yearFraction(snapshot, Date.parse(f[col('expiry_utc')]));
      try {
        const iv = impliedVolBlack76({ right, forward, strike, t, rate: 0, price: mark * forward });
        const repriced = black76Price(right, forward, strike, t, 0, iv) / forward;
        worstRepricing = Math.max(worstRepricing, Math.abs(repriced - mark));
        ivs.push(iv);
        counts.solved++;
      } catch (e) {
        if (!(e instanceof ImpliedVolError)) throw e;
        counts.noIv[e.reason] = (counts.noIv[e.reason] ?? 0) + 1;
      }
    }
    console.log(
      `Deribit ETH chain: ${counts.rows} rows, ${counts.solved} with an IV (range ${Math.min(...ivs).toFixed(4)}..${Math.max(...ivs).toFixed(4)}), ` +
        `without: ${JSON.stringify(counts.noIv)}, worst repricing error ${worstRepricing.toExponential(2)} ETH`,
    );
    expect(counts.rows).toBe(684);
    expect(worstRepricing).toBeLessThanOrEqual(1e-8);
    expect(counts.solved + (counts.noIv['below-intrinsic'] ?? 0)).toBe(counts.rows); // the only failures: marks at intrinsic
    // Deribit's own mark IVs for ETH in January 2024 were in the 40%..120% area outside the wings
    const sorted = [...ivs].sort((a, b) => a - b);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeGreaterThan(0.4);
    expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(1.2);
  });
});
