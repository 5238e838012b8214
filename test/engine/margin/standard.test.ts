import { describe, expect, it } from 'vitest';
import { computeMargin } from '../../../src/engine/margin/types';
import { loadPreset, presetModel } from '../../../src/engine/margin/presets';
import { standardModel } from '../../../src/engine/margin/standard';
import type { StandardPreset } from '../../../src/engine/margin/presets/schema';
import { engineValuation } from '../../../src/engine/margin/valuationAdapter';
import { BTC, book, config, market, pos } from './fixtures';

const model = presetModel('standard-deribit');
const m = market();
const mark = (symbol: string) => engineValuation().optionMark(pos(symbol, 1).instrument, m);

describe('standard (isolated) margin, standard-deribit preset', () => {
  it('linear perpetual: IM = (2% + 0.005% x 10 coin) of 400,000 USD, MM = (1.5% + 0.05%)', () => {
    const r = computeMargin(model, book([pos('BTC_USDC-PERPETUAL', 10)]), m, config());
    expect(r.initialMargin).toBeCloseTo(0.0205 * 400_000, 8);
    expect(r.maintenanceMargin).toBeCloseTo(0.0155 * 400_000, 8);
  });

  it('inverse perpetual: 100,000 contracts x 10 USD = 1,000,000 USD face = 25 BTC, IM rate 2% + 25 x 0.005%', () => {
    const r = computeMargin(model, book([pos('BTC-PERPETUAL', -100_000)]), m, config());
    expect(r.initialMargin).toBeCloseTo(0.02125 * 1_000_000, 6);
    expect(r.maintenanceMargin).toBeCloseTo(0.01625 * 1_000_000, 6);
  });

  it('short OTM call: IM - mark = max(0.15 - 10000/40000, 0.10) x S = 4,000 per coin; MM - mark = 0.075 x S', () => {
    const sym = 'BTC-29MAR24-50000-C';
    const r = computeMargin(model, book([pos(sym, -2)]), m, config());
    expect(r.initialMargin - 2 * mark(sym)).toBeCloseTo(2 * 0.1 * BTC, 6);
    expect(r.maintenanceMargin - 2 * mark(sym)).toBeCloseTo(2 * 0.075 * BTC, 6);
  });

  it('short ATM put: IM - mark = 0.15 x S; slightly OTM call at 42,000: 0.15 - 0.05 = 0.10 x S', () => {
    const put = 'BTC-29MAR24-40000-P';
    const r = computeMargin(model, book([pos(put, -1)]), m, config());
    expect(r.initialMargin - mark(put)).toBeCloseTo(0.15 * BTC, 6);
    const call = 'BTC-29MAR24-36000-C';
    const rc = computeMargin(model, book([pos(call, -1)]), m, config());
    expect(rc.initialMargin - mark(call)).toBeCloseTo(0.15 * BTC, 6); // ITM call: OTM amount 0
  });

  it('long option: IM = MM = mark value; components and positions add up', () => {
    const sym = 'BTC-29MAR24-40000-C';
    const r = computeMargin(model, book([pos(sym, 3), pos('BTC_USDC-PERPETUAL', -1)]), m, config());
    expect(r.components.reduce((a, c) => a + c.amount, 0)).toBeCloseTo(r.initialMargin, 8);
    expect(r.positions.reduce((a, p) => a + p.component, 0)).toBeCloseTo(r.initialMargin, 8);
    expect(r.positions[0].standalone).toBeCloseTo(3 * mark(sym), 8);
  });

  it('without the size term, doubling the book doubles IM and MM; with it, margin grows faster than size', () => {
    const base = loadPreset('standard-deribit') as StandardPreset;
    const flat = standardModel({ ...base, futures: { ...base.futures, default: { ...base.futures.default, initialPerCoin: 0, maintenancePerCoin: 0 } } });
    const positions = [pos('BTC-PERPETUAL', 5_000), pos('BTC-29MAR24-45000-C', -1.5), pos('BTC-29MAR24-30000-P', 2)];
    const once = computeMargin(flat, book(positions), m, config());
    const twice = computeMargin(flat, book(positions.map((p) => ({ ...p, quantity: 2 * p.quantity }))), m, config());
    expect(twice.initialMargin).toBeCloseTo(2 * once.initialMargin, 6);
    expect(twice.maintenanceMargin).toBeCloseTo(2 * once.maintenanceMargin, 6);
    const sized1 = computeMargin(model, book([pos('BTC-PERPETUAL', 5_000)]), m, config());
    const sized2 = computeMargin(model, book([pos('BTC-PERPETUAL', 10_000)]), m, config());
    expect(sized2.initialMargin).toBeGreaterThan(2 * sized1.initialMargin);
  });

  it('account: equity, excess, ratio and the liquidation move of a long linear perpetual (margin held)', () => {
    // Long 1 BTC linear perp, 10,000 USDC collateral: MM = 1.505% x 40,000 = 602; P&L(x) = 40,000 x (x = relative move).
    const r = computeMargin(model, book([pos('BTC_USDC-PERPETUAL', 1, BTC)], { USDC: 10_000 }), m, config({ liquidation: true }));
    expect(r.account.equity).toBeCloseTo(10_000, 8);
    expect(r.account.excess).toBeCloseTo(10_000 - 602, 8);
    expect(r.account.marginRatio).toBeCloseTo(602 / 10_000, 10);
    expect(r.account.liquidation!.down!.spotMove).toBeCloseTo(-(10_000 - 602) / 40_000, 5);
    expect(r.account.liquidation!.up).toBeNull();
  });
});
