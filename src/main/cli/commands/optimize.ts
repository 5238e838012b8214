/**
 * `offset optimize <portfolio> --model grid|es --hedges FILE.json [--json]` (docs/methodology/optimisation.md):
 * the hedge from the allowed instruments minimising the grid model's margin (min-max LP) or historical ES
 * (Rockafellar-Uryasev LP) plus trading costs, with the margin before and after recomputed by the model itself.
 */
import { readFileSync } from 'node:fs';
import { parseDeribitSymbol } from '../../../engine/instrument';
import type { Book } from '../../../engine/market';
import { loadPreset, modelFromPreset } from '../../../engine/margin/presets';
import type { GridPreset } from '../../../engine/margin/presets/schema';
import type { MarginConfig } from '../../../engine/margin/types';
import { engineValuation } from '../../../engine/margin/valuationAdapter';
import { varMarginModel, varScenarios } from '../../../engine/margin/var/model';
import { parseVarSpec } from '../../../engine/margin/var/spec';
import { parseHedgeFile } from '../../../engine/optimize/hedgeSpec';
import { esHedgeScenarios, gridHedgeScenarios, initialMarginOf, optimiseHedge, type HedgeCandidateInstrument } from '../../../engine/optimize/marginHedge';
import { chainSnapshot, closesMatrix, loadBook, openStoreFromOptions, type Db } from '../../store';
import type { CliCommand } from '../command';
import { numberOption, stringOption } from '../args';

export const DEFAULT_GRID_PRESET = 'deribit-pm-like';

function candidatesFrom(db: Db, file: string, marketUnderlyings: Set<string>): HedgeCandidateInstrument[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`--hedges ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseHedgeFile(text, file).hedges.map((h, i) => {
    const instrument = parseDeribitSymbol(h.symbol);
    if (!marketUnderlyings.has(instrument.underlying)) throw new Error(`${file}: hedges.${i}: no market for ${instrument.underlying} in this portfolio's market`);
    if (instrument.kind === 'option' && !chainSnapshot(db, instrument.underlying)?.quotes.some((q) => q.symbol === h.symbol)) {
      throw new Error(`${file}: hedges.${i}: option ${h.symbol} is not in the ${instrument.underlying} option chain in the database`);
    }
    return { instrument, minQuantity: h.min, maxQuantity: h.max, costPerUnit: h.costPerUnit };
  });
}

export const optimizeCommand: CliCommand = {
  name: ['optimize'],
  summary: 'Margin-optimal hedge (grid min-max or historical ES LP via HiGHS) with margin before/after recomputed by the model',
  usage: 'offset optimize <portfolio> --model grid|es --hedges FILE.json [--preset GRID_PRESET] [--confidence C] [--lookback D] [--mpor D] [--db FILE] [--json]',
  async run(ctx) {
    const name = ctx.args[0];
    if (!name) throw new Error('name a portfolio (or a .json file): offset optimize <portfolio> --model grid|es --hedges FILE.json');
    const kind = stringOption(ctx.options, 'model');
    if (kind !== 'grid' && kind !== 'es') throw new Error(`--model must be grid or es, got '${kind ?? ''}'`);
    const hedgesFile = stringOption(ctx.options, 'hedges');
    if (!hedgesFile) throw new Error('--hedges FILE.json is required');
    const db = openStoreFromOptions(ctx.options, { readonly: true });
    try {
      const { book, market } = loadBook(db, name);
      const candidates = candidatesFrom(db, hedgesFile, new Set(Object.keys(market.underlyings)));
      const config: MarginConfig = { valuation: engineValuation(), attribution: false, liquidation: false };
      let result;
      let model: string;
      if (kind === 'grid') {
        model = stringOption(ctx.options, 'preset') ?? DEFAULT_GRID_PRESET;
        const preset = loadPreset(model);
        if (preset.kind === 'standard') throw new Error(`--preset ${model} is not a grid preset`);
        result = await optimiseHedge(book, candidates, gridHedgeScenarios(preset as GridPreset, book, market, config, candidates), initialMarginOf(modelFromPreset(preset), market, config));
      } else {
        const spec = parseVarSpec({ measure: 'es', method: 'historical', confidence: numberOption(ctx.options, 'confidence'), lookbackDays: numberOption(ctx.options, 'lookback'), mporDays: numberOption(ctx.options, 'mpor') }, 'optimize options');
        model = `es-historical-${spec.confidence}-${spec.mporDays}d`;
        const withCandidates: Book = { ...book, positions: [...book.positions, ...candidates.map((c) => ({ instrument: c.instrument, quantity: 1 }))] };
        const underlyings = [...new Set(withCandidates.positions.map((p) => p.instrument.underlying))].sort();
        const history = closesMatrix(db, underlyings, undefined, market.valuationTime, 'DVOL');
        const { batch } = varScenarios(spec, history, withCandidates, market, config);
        const esModel = varMarginModel(spec, history);
        result = await optimiseHedge(book, candidates, esHedgeScenarios(book, market, batch, spec.confidence, candidates), (b) => esModel.compute(b, market, config).initialMargin);
      }
      const out = { portfolio: book.name, model, ...result };
      if (ctx.json) ctx.stdout(JSON.stringify(out, null, 2));
      else {
        ctx.stdout(`${book.name} (${model}): margin ${result.marginBefore.toFixed(0)} -> ${result.marginAfter.toFixed(0)} USD, cost ${result.cost.toFixed(2)} USD${result.accepted ? '' : ' (hedge rejected: recomputed margin rose)'}`);
        for (const t of result.trades) ctx.stdout(`${t.quantity > 0 ? 'buy' : 'sell'} ${Math.abs(t.quantity)} ${t.symbol} (cost ${t.cost.toFixed(2)})`);
        if (result.trades.length === 0) ctx.stdout('no trade lowers the margin');
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
