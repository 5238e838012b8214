/**
 * Grid portfolio margin bench: the kernel bench's 2,000-instrument options book under each grid preset (full
 * revaluation over the preset's scenario table, add-ons and account; attribution and the liquidation search are
 * timed separately because the UI asks for them on demand), and one incremental what-if of two trades
 * (targets: margin < 20 ms, what-if < 5 ms). Run alone: `node --import tsx bench/run.ts grid-margin`.
 */
import type { BenchSection } from './run';
import { benchMarket, option } from './kernel';
import type { Book } from '../src/engine/market';
import { computeMargin } from '../src/engine/margin/types';
import { loadPreset, presetModel } from '../src/engine/margin/presets/index';
import { gridWhatIf, prepareGrid } from '../src/engine/margin/grid';
import { engineValuation } from '../src/engine/margin/valuationAdapter';
import { Random } from '../src/engine/stats/random';

const INSTRUMENTS = 2000;
const REPEATS = 7;

function median(run: () => void): number {
  run(); // warm-up
  const ms: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    run();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[REPEATS >> 1];
}

async function run(): Promise<Record<string, unknown>> {
  const rng = Random.seeded(7);
  const market = benchMarket();
  const book: Book = { name: 'bench', positions: Array.from({ length: INSTRUMENTS }, (_, i) => option(rng, i)), collateral: { BTC: 50 } };
  const bare = { valuation: engineValuation(), attribution: false, liquidation: false };
  const figures: Record<string, unknown> = { instruments: INSTRUMENTS };
  for (const name of ['deribit-pm-like', 'span-16', 'okx-pm-like']) {
    const model = presetModel(name);
    figures[`${name}.marginMs`] = median(() => computeMargin(model, book, market, bare));
  }
  const model = presetModel('deribit-pm-like');
  figures['deribit-pm-like.withAttributionAndLiquidationMs'] = median(() => computeMargin(model, book, market, { valuation: engineValuation() }));
  const preset = loadPreset('deribit-pm-like');
  if (preset.kind === 'standard') throw new Error('deribit-pm-like must be a grid preset');
  const state = prepareGrid(preset, book, market, bare);
  const trades = [option(rng, INSTRUMENTS), option(rng, INSTRUMENTS + 1)];
  figures['deribit-pm-like.whatIfTwoTradesMs'] = median(() => gridWhatIf(state, trades));
  figures.targets = { marginMs: 20, whatIfMs: 5 };
  return figures;
}

export const gridMarginBench: BenchSection = { name: 'grid-margin', run };
