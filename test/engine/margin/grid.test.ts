import { describe, expect, it } from 'vitest';
import { gridModel, gridWhatIf, prepareGrid } from '../../../src/engine/margin/grid';
import { expandScenarios } from '../../../src/engine/margin/gridScenarios';
import { loadPreset, presetModel } from '../../../src/engine/margin/presets';
import { parsePreset, type GridPreset } from '../../../src/engine/margin/presets/schema';
import { computeMargin } from '../../../src/engine/margin/types';
import { valuePosition } from '../../../src/engine/valuation';
import { BTC, ETH, book, config, market, pos } from './fixtures';

const m = market();
const span = presetModel('span-16');

describe('span-16 preset', () => {
  it('has exactly the 16 SPAN risk-array scenarios (CME order): 0, +/-1/3, +/-2/3, +/-1 x vol up/down, then +/-3 x range at 35%', () => {
    const preset = loadPreset('span-16') as GridPreset;
    const R = 0.15;
    const V = 0.1;
    const expected: [number, number, number][] = [
      [0, V, 1], [0, -V, 1],
      [R / 3, V, 1], [R / 3, -V, 1], [-R / 3, V, 1], [-R / 3, -V, 1],
      [(2 * R) / 3, V, 1], [(2 * R) / 3, -V, 1], [(-2 * R) / 3, V, 1], [(-2 * R) / 3, -V, 1],
      [R, V, 1], [R, -V, 1], [-R, V, 1], [-R, -V, 1],
      [3 * R, 0, 0.35], [-3 * R, 0, 0.35],
    ];
    const got = expandScenarios(preset.default.tables[0].scenarios);
    expect(got).toHaveLength(16);
    got.forEach((sc, i) => {
      expect(sc.spotMove).toBeCloseTo(expected[i][0], 14);
      expect(sc.volShift).toBeCloseTo(expected[i][1], 14);
      expect(sc.weight).toBe(expected[i][2]);
    });
  });

  it('long 1 BTC linear perpetual: max(15% x S, 35% x 45% x S) = 6,300; IM = 1.1 x 6,300', () => {
    const r = computeMargin(span, book([pos('BTC_USDC-PERPETUAL', 1)]), m, config());
    expect(r.maintenanceMargin).toBeCloseTo(0.1575 * BTC, 6);
    expect(r.initialMargin).toBeCloseTo(1.1 * 0.1575 * BTC, 6);
    expect(r.components.reduce((a, c) => a + c.amount, 0)).toBeCloseTo(r.initialMargin, 8);
  });

  it('a perfectly offsetting pair has zero scan risk and zero margin', () => {
    for (const name of ['span-16', 'deribit-pm-like', 'okx-pm-like']) {
      const r = computeMargin(presetModel(name), book([pos('BTC-29MAR24-45000-C', 2), pos('BTC-29MAR24-45000-C', -2), pos('BTC-PERPETUAL', 500), pos('BTC-PERPETUAL', -500)]), m, config());
      expect(r.scenarios.every((s) => Math.abs(s.pnl) < 1e-9)).toBe(true);
      expect(r.initialMargin).toBeCloseTo(0, 9);
    }
  });
});

/** A grid with spot moves of +/-2% and one vol shift, to isolate the vol exposure of a hedged straddle. */
function straddleGrid(volShift: number): GridPreset {
  return parsePreset(
    {
      kind: 'grid', name: 'test', description: '', sources: [], volShiftMode: 'absolute',
      default: {
        tables: [{ name: 'grid', description: '', combine: 'scan', scenarios: { kind: 'buckets', priceRange: 0.02, buckets: 3, volUp: volShift, volDown: volShift, volSame: true } }],
        initialFactor: 1, maintenanceFactor: 1,
      },
    },
    'test',
  ) as GridPreset;
}

describe('grid model', () => {
  const call = pos('BTC_USDC-29MAR24-40000-C', 1);
  const put = pos('BTC_USDC-29MAR24-40000-P', 1);
  const delta = valuePosition(call, m).delta + valuePosition(put, m).delta;
  const hedged = book([call, put, pos('BTC_USDC-PERPETUAL', -delta)]);
  const premium = valuePosition(call, m).valueUsd + valuePosition(put, m).valueUsd;

  it('a delta-hedged long straddle has ~zero margin without a vol shock and positive margin with one', () => {
    const flat = computeMargin(gridModel(straddleGrid(0)), hedged, m, config());
    expect(flat.initialMargin).toBeLessThan(1e-6 * premium);
    const shocked = computeMargin(gridModel(straddleGrid(0.1)), hedged, m, config());
    // Vol down 10 points: loss ~ vega x 0.10 (vega of an ATM straddle = 2 S phi(d1) sqrt(T)), well above zero.
    expect(shocked.initialMargin).toBeGreaterThan(0.05 * premium);
    expect(shocked.components[0].description).toContain('vol down');
  });

  it('doubling the book doubles every shipped grid preset (homogeneous add-ons) and the standard model without size terms', () => {
    const positions = [pos('BTC-29MAR24-45000-C', -3), pos('BTC-29MAR24-35000-P', 2), pos('BTC-26APR24', 20_000), pos('ETH-PERPETUAL', -30_000), pos('ETH_USDC-29MAR24-2500-C', 10)];
    for (const name of ['span-16', 'deribit-pm-like']) {
      const model = presetModel(name);
      const a = computeMargin(model, book(positions), m, config());
      const b = computeMargin(model, book(positions.map((p) => ({ ...p, quantity: 2 * p.quantity }))), m, config());
      expect(a.initialMargin).toBeGreaterThan(0);
      expect(b.initialMargin / a.initialMargin).toBeCloseTo(2, 9);
      expect(b.maintenanceMargin / a.maintenanceMargin).toBeCloseTo(2, 9);
    }
    // okx-pm-like's MR7 liquidity cost grows faster than size (power 0.5): more than double.
    const okx = presetModel('okx-pm-like');
    const a = computeMargin(okx, book(positions), m, config());
    const b = computeMargin(okx, book(positions.map((p) => ({ ...p, quantity: 2 * p.quantity }))), m, config());
    expect(b.initialMargin).toBeGreaterThan(2 * a.initialMargin);
  });

  it('BTC coin collateral moving with the scenario shows the wrong-way risk: 10 BTC lose 35% x 45% x 400,000 in the extreme down move', () => {
    const collat = { assets: { BTC: { haircut: 0.05 } }, defaultHaircut: 0, moveWithScenario: true };
    const moving = computeMargin(span, book([], { BTC: 10 }), m, config({ collateral: collat }));
    expect(moving.maintenanceMargin).toBeCloseTo(0.1575 * 10 * BTC, 6);
    expect(moving.account.collateralValue).toBeCloseTo(10 * BTC * 0.95, 6);
    const still = computeMargin(span, book([], { BTC: 10 }), m, config({ collateral: { ...collat, moveWithScenario: false } }));
    expect(still.initialMargin).toBe(0);
    // A short inverse perpetual hedges coin collateral: 400,000 USD face short against 10 BTC -> no price risk.
    const hedgedCoin = computeMargin(span, book([pos('BTC-PERPETUAL', -40_000)], { BTC: 10 }), m, config({ collateral: collat }));
    expect(hedgedCoin.initialMargin).toBeLessThan(1e-6 * BTC);
  });

  it('inter-group credit: long BTC against short ETH gets rate x min(IM) off, split between groups', () => {
    const positions = [pos('BTC_USDC-PERPETUAL', 1), pos('ETH_USDC-PERPETUAL', -20)];
    const plain = computeMargin(span, book(positions), m, config());
    const credits = [{ groups: ['BTC', 'ETH'] as [string, string], correlation: 0.8, creditFactor: 0.5 }];
    const credited = computeMargin(span, book(positions), m, config({ interGroupCredits: credits }));
    const imBtc = 1.1 * 0.1575 * BTC;
    const imEth = 1.1 * 0.1575 * 20 * ETH;
    expect(plain.initialMargin).toBeCloseTo(imBtc + imEth, 6);
    expect(credited.initialMargin).toBeCloseTo(imBtc + imEth - 0.4 * Math.min(imBtc, imEth), 6);
    expect(credited.positions.reduce((a, p) => a + p.component, 0)).toBeCloseTo(credited.initialMargin, 6);
    // Same-direction deltas: no credit.
    const same = computeMargin(span, book([pos('BTC_USDC-PERPETUAL', 1), pos('ETH_USDC-PERPETUAL', 20)]), m, config({ interGroupCredits: credits }));
    expect(same.initialMargin).toBeCloseTo(imBtc + imEth, 6);
  });

  it('attribution: standalone, incremental and components; components sum to the total', () => {
    const r = computeMargin(presetModel('deribit-pm-like'), book([pos('BTC-29MAR24-45000-C', -3), pos('BTC_USDC-PERPETUAL', 1), pos('ETH-29MAR24-2000-P', -10)]), m, config());
    expect(r.positions.reduce((a, p) => a + p.component, 0)).toBeCloseTo(r.initialMargin, 6);
    const perp = r.positions.find((p) => p.symbol === 'BTC_USDC-PERPETUAL')!;
    // The long perpetual hedges the short call's upside: it lowers the margin.
    expect(perp.incremental).toBeLessThan(0);
    expect(perp.standalone).toBeGreaterThan(0);
  });

  it('what-if equals the full recomputation and is fast on a 2,000-instrument book', () => {
    const preset = loadPreset('deribit-pm-like') as GridPreset;
    const positions = [];
    const expiries = ['29MAR24', '26APR24', '28JUN24', '27SEP24'];
    for (let i = 0; i < 2_000; i++) {
      const strike = 20_000 + 250 * Math.floor(i / 8);
      positions.push(pos(`BTC-${expiries[i % 4]}-${strike}-${Math.floor(i / 4) % 2 === 0 ? 'C' : 'P'}`, ((i * 7919) % 13) - 6 || 1));
    }
    const unique = new Set(positions.map((p) => p.instrument.symbol));
    expect(unique.size).toBe(2_000);
    const cfg = config({ attribution: false });
    const state = prepareGrid(preset, book(positions), m, cfg);
    const trades = [pos('BTC-PERPETUAL', 50_000), pos('BTC-28JUN24-60000-C', -5)];
    gridWhatIf(state, trades); // warm-up
    const times: number[] = [];
    let result = gridWhatIf(state, trades);
    for (let i = 0; i < 20; i++) {
      result = gridWhatIf(state, trades);
      times.push(result.millis);
    }
    times.sort((a, b) => a - b);
    const full = computeMargin(gridModel(preset), book([...positions, ...trades]), m, cfg);
    expect(result.initialAfter).toBeCloseTo(full.initialMargin, 6);
    console.log(`what-if on 2,000 instruments: median ${times[10].toFixed(3)} ms, full compute ${full.timings.revalue.toFixed(1)} ms revalue`);
    expect(times[10]).toBeLessThan(5);
  });
});
