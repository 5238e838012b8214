/**
 * Resolves a MarginModelSpec (src/shared/contract/model.ts: what the UI, the report export and the CLI name) to
 * a margin model and runs it on a stored book. Standard and grid models come from a preset parameter file, or
 * an edited copy validated by the same schema; VaR/ES models take a VarSpec and the store's close history.
 * This in-process path is what engine jobs run inside a worker; the CLI splits VaR revaluation across the pool.
 */
import type { Book, MarketState } from '../../engine/market';
import { loadPreset, modelFromPreset } from '../../engine/margin/presets';
import { parsePreset, type MarginPreset } from '../../engine/margin/presets/schema';
import type { CollateralConfig, MarginConfig, MarginModel, MarginResult } from '../../engine/margin/types';
import { engineValuation } from '../../engine/margin/valuationAdapter';
import { varMarginModel } from '../../engine/margin/var/model';
import { parseVarSpec, type VarSpec } from '../../engine/margin/var/spec';
import type { MarginModelSpec } from '../../shared/api';
import { bookUnderlyings, closeHistory } from '../market/modelInputs';
import type { Db } from '../store';

export const DEFAULT_PRESET: Record<'standard' | 'grid', string> = { standard: 'standard-deribit', grid: 'deribit-pm-like' };

/** Collateral treatment of every model run: no haircut by default, coin collateral moves with its underlying. */
export const DEFAULT_COLLATERAL: CollateralConfig = { assets: {}, defaultHaircut: 0, moveWithScenario: true };

export function defaultMarginConfig(): MarginConfig {
  return { valuation: engineValuation(), collateral: DEFAULT_COLLATERAL };
}

type PresetSpec = Extract<MarginModelSpec, { preset: string }>;
type VarModelSpec = Exclude<MarginModelSpec, PresetSpec>;

/** The preset a spec names, or its edited parameters (which must still be a preset of the same kind). */
export function presetOfSpec(spec: PresetSpec): MarginPreset {
  const preset = spec.parameters ? parsePreset(spec.parameters, `edited ${spec.preset} parameters`) : loadPreset(spec.preset);
  if (preset.kind !== spec.kind) throw new RangeError(`preset ${spec.preset} is a ${preset.kind} preset, not ${spec.kind}`);
  return preset;
}

export function varSpecOfSpec(spec: VarModelSpec): VarSpec {
  return parseVarSpec({ ...spec.spec, measure: spec.kind }, `${spec.kind} parameters`);
}

export function isPresetSpec(spec: MarginModelSpec): spec is PresetSpec {
  return spec.kind === 'standard' || spec.kind === 'grid';
}

/** The model a spec names; VaR/ES models read the daily history of the book's underlyings from the store. */
export function marginModelOfSpec(db: Db, book: Book, spec: MarginModelSpec): MarginModel {
  if (isPresetSpec(spec)) return modelFromPreset(presetOfSpec(spec));
  return varMarginModel(varSpecOfSpec(spec), closeHistory(db, bookUnderlyings(book)));
}

/** Runs a spec's model on a book in this process (inside an engine worker for the UI). */
export function computeSpecMargin(db: Db, book: Book, market: MarketState, spec: MarginModelSpec, config: MarginConfig = defaultMarginConfig()): MarginResult {
  return marginModelOfSpec(db, book, spec).compute(book, market, config);
}
