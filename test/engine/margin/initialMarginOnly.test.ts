import { describe, expect, it } from 'vitest';
import { anchoredBookKernel } from '../../../src/engine/backtest/bookBacktest';
import { presetModel, PRESET_NAMES } from '../../../src/engine/margin/presets/index';
import { computeInitialMargin, computeMargin, type MarginModel } from '../../../src/engine/margin/types';
import { varMarginModel } from '../../../src/engine/margin/var/model';
import { parseVarSpec, VAR_METHODS } from '../../../src/engine/margin/var/spec';
import { book, config, market, pos } from './fixtures';
import { historyFromReturns, randomReturns } from './var/history';

/**
 * Backtests and calibration ask every model for its initial margin alone (MarginModel.initialMargin: no report,
 * no attribution, no account). It must be the very number compute() reports, bit for bit, for every shipped
 * preset and every VaR method, with and without moving coin collateral and inter-group credits.
 */
const m = market(0.65);
const positions = [
  pos('BTC-29MAR24-45000-C', -3),
  pos('BTC-29MAR24-35000-P', 2),
  pos('BTC-26APR24', 20_000),
  pos('ETH-PERPETUAL', -30_000),
  pos('ETH_USDC-29MAR24-2500-C', 10),
  pos('ETH_USDC-29MAR24-2500-C', -4),
];
const coin = { assets: { BTC: { haircut: 0.1 } }, defaultHaircut: 0, moveWithScenario: true };
const credits = [{ groups: ['BTC', 'ETH'] as [string, string], correlation: 0.8, creditFactor: 0.5 }];
const variants = [
  { name: 'plain', book: book(positions), config: config() },
  { name: 'coin collateral and credits', book: book(positions, { BTC: 3, USDC: 50_000 }), config: config({ collateral: coin, interGroupCredits: credits }) },
  { name: 'anchored-book kernel', book: book(positions, { BTC: 3 }), config: config({ collateral: coin, kernel: anchoredBookKernel }) },
  { name: 'empty book', book: book([]), config: config() },
];

function expectSame(model: MarginModel) {
  expect(model.initialMargin).toBeTypeOf('function');
  for (const v of variants) {
    const full = computeMargin(model, v.book, m, v.config).initialMargin;
    expect(computeInitialMargin(model, v.book, m, v.config), `${model.name} ${v.name}`).toBe(full);
  }
}

describe('initial margin without the report', () => {
  it('every shipped preset (grid and standard)', () => {
    for (const name of PRESET_NAMES) expectSame(presetModel(name));
  });

  it('every VaR method (scenario and parametric), VaR and ES', () => {
    const history = historyFromReturns(['BTC', 'ETH'], [40_000, 2_500], randomReturns(300, [0.03, 0.04], 0.8));
    for (const method of VAR_METHODS) {
      for (const measure of ['var', 'es'] as const) {
        expectSame(varMarginModel(parseVarSpec({ method, measure, lookbackDays: 250, mporDays: 2, monteCarlo: { paths: 500 } }), history));
      }
    }
  });

  it('a model without the fast path falls back to compute()', () => {
    const fast = presetModel('span-16');
    const slow: MarginModel = { name: fast.name, compute: fast.compute };
    const v = variants[1];
    expect(computeInitialMargin(slow, v.book, m, v.config)).toBe(computeMargin(slow, v.book, m, v.config).initialMargin);
  });
});
