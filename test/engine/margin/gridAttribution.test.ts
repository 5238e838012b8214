import { describe, expect, it } from 'vitest';
import { computeMargin } from '../../../src/engine/margin/types';
import { presetModel } from '../../../src/engine/margin/presets/index';
import type { Position } from '../../../src/engine/market';
import { book, config, market, pos } from './fixtures';

/**
 * Grid attribution is computed from the stored per-row scenario P&L (no repricing): these tests recompute every
 * figure the slow, independent way, by pricing whole books again: incremental = IM(book) - IM(book without the
 * row), standalone = IM(the row alone). Without inter-group credits the groups add up, so the difference of the
 * book totals is the difference within the row's group. The add-on sums (net short options per strike, futures
 * per expiry) are updated for the one key a row touches instead of being re-summed, so agreement is to 1e-9 of
 * the book's margin, not bit for bit.
 */
const m = market(0.7);
const coin = { assets: {}, defaultHaircut: 0, moveWithScenario: true };
const positions: Position[] = [
  // Two positions in one instrument (aggregated into one row) and a second instrument at the same expiry|strike.
  pos('BTC-29MAR24-45000-C', -3),
  pos('BTC-29MAR24-45000-C', 1),
  pos('BTC_USDC-29MAR24-45000-C', -2),
  pos('BTC-29MAR24-35000-P', 4),
  pos('BTC-28JUN24-40000-P', -5),
  pos('BTC-29MAR24', 30_000),
  pos('BTC-28JUN24', -50_000),
  pos('BTC_USDC-PERPETUAL', 1.5),
  pos('ETH-29MAR24-2500-C', -20),
  pos('ETH_USDC-29MAR24-2500-P', 15),
  pos('ETH-PERPETUAL', -10_000),
];

describe('grid attribution from stored scenario P&L', () => {
  for (const name of ['deribit-pm-like', 'span-16', 'okx-pm-like']) {
    it(`${name}: incremental and standalone equal full recomputations (1e-9 of the margin)`, () => {
      const model = presetModel(name);
      const cfg = config({ collateral: coin });
      const full = computeMargin(model, book(positions, { BTC: 2 }), m, cfg);
      const im = (p: Position[], collateral: Record<string, number> = {}) => computeMargin(model, book(p, collateral), m, config({ collateral: coin, attribution: false })).initialMargin;
      const tolerance = 1e-9 * full.initialMargin;
      expect(full.positions).toHaveLength(new Set(positions.map((p) => p.instrument.symbol)).size + 1);
      for (const row of full.positions) {
        if (row.symbol === 'collateral:BTC') {
          expect(Math.abs(row.incremental - (full.initialMargin - im(positions)))).toBeLessThan(tolerance);
          expect(Math.abs(row.standalone - im([], { BTC: 2 }))).toBeLessThan(tolerance);
          continue;
        }
        const others = positions.filter((p) => p.instrument.symbol !== row.symbol);
        const own = positions.filter((p) => p.instrument.symbol === row.symbol);
        expect(Math.abs(row.incremental - (full.initialMargin - im(others, { BTC: 2 }))), `${row.symbol} incremental`).toBeLessThan(tolerance);
        expect(Math.abs(row.standalone - im(own)), `${row.symbol} standalone`).toBeLessThan(tolerance);
      }
      expect(full.positions.reduce((a, p) => a + p.component, 0)).toBeCloseTo(full.initialMargin, 6);
    });
  }
});
