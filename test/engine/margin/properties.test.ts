import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Position } from '../../../src/engine/market';
import { loadPreset, presetModel } from '../../../src/engine/margin/presets';
import { gridModel } from '../../../src/engine/margin/grid';
import type { GridPreset } from '../../../src/engine/margin/presets/schema';
import { computeMargin, type MarginModel } from '../../../src/engine/margin/types';
import { book, config, market, pos } from './fixtures';

const m = market();
const SYMBOLS = [
  'BTC-29MAR24-30000-P', 'BTC-29MAR24-40000-C', 'BTC-29MAR24-40000-P', 'BTC-29MAR24-60000-C', 'BTC-28JUN24-35000-P',
  'BTC_USDC-29MAR24-45000-C', 'BTC-PERPETUAL', 'BTC-28JUN24', 'BTC_USDC-PERPETUAL', 'ETH-29MAR24-2500-C', 'ETH-PERPETUAL', 'ETH_USDC-29MAR24-2000-P',
];
/** Inverse futures are in 10 USD (BTC) / 1 USD (ETH) contracts: scale so every position is a few coin. */
const UNIT: Record<string, number> = { 'BTC-PERPETUAL': 4_000, 'BTC-28JUN24': 4_000, 'ETH-PERPETUAL': 2_500 };

const positionsArb = fc.array(fc.record({ i: fc.integer({ min: 0, max: SYMBOLS.length - 1 }), q: fc.double({ min: -5, max: 5, noNaN: true }) }), { minLength: 1, maxLength: 6 })
  .map((rows) => rows.map(({ i, q }) => pos(SYMBOLS[i], q * (UNIT[SYMBOLS[i]] ?? 1))));

const scaled = (ps: Position[], k: number) => ps.map((p) => ({ ...p, quantity: k * p.quantity }));
const okx = loadPreset('okx-pm-like') as GridPreset;
/** okx-pm-like without its (deliberately superlinear) MR7 liquidity cost. */
const okxLinear = gridModel({ ...okx, default: { ...okx.default, addOns: { ...okx.default.addOns, liquidity: undefined } } });
const MODELS: MarginModel[] = [presetModel('span-16'), presetModel('deribit-pm-like'), okxLinear];
const cfg = config();
const margin = (model: MarginModel, ps: Position[]) => computeMargin(model, book(ps), m, cfg);
const runs = { numRuns: 40 };

describe('grid margin properties on random books', () => {
  it('margin >= 0, MM >= 0, and components sum to the total', () => {
    fc.assert(fc.property(positionsArb, (ps) => {
      for (const model of MODELS) {
        const r = margin(model, ps);
        expect(r.initialMargin).toBeGreaterThanOrEqual(0);
        expect(r.maintenanceMargin).toBeGreaterThanOrEqual(0);
        const scale = Math.max(1, r.initialMargin);
        expect(Math.abs(r.positions.reduce((a, p) => a + p.component, 0) - r.initialMargin)).toBeLessThan(1e-9 * scale);
        expect(Math.abs(r.components.reduce((a, c) => a + c.amount, 0) - r.initialMargin)).toBeLessThan(1e-9 * scale);
      }
    }), runs);
  });

  it('scaling a book by k > 0 scales margin by k', () => {
    fc.assert(fc.property(positionsArb, fc.double({ min: 0.1, max: 10, noNaN: true }), (ps, k) => {
      for (const model of MODELS) {
        const a = margin(model, ps).initialMargin;
        const b = margin(model, scaled(ps, k)).initialMargin;
        expect(Math.abs(b - k * a)).toBeLessThan(1e-7 * Math.max(1, k * a));
      }
    }), runs);
  });

  it('adding an offsetting hedge (-lambda x the book) never raises margin beyond the larger leg', () => {
    fc.assert(fc.property(positionsArb, fc.double({ min: 0, max: 2, noNaN: true }), (ps, lambda) => {
      for (const model of MODELS) {
        const hedge = scaled(ps, -lambda);
        const both = margin(model, [...ps, ...hedge]).initialMargin;
        const larger = Math.max(margin(model, ps).initialMargin, margin(model, hedge).initialMargin);
        expect(both).toBeLessThanOrEqual(larger * (1 + 1e-9) + 1e-9);
      }
    }), runs);
  });
});
