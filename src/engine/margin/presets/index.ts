import deribitPmLike from '../../../../resources/presets/deribit-pm-like.json';
import okxPmLike from '../../../../resources/presets/okx-pm-like.json';
import span16 from '../../../../resources/presets/span-16.json';
import standardDeribit from '../../../../resources/presets/standard-deribit.json';
import { gridModel } from '../grid';
import { standardModel } from '../standard';
import type { MarginModel } from '../types';
import { parsePreset, type MarginPreset } from './schema';

/** The shipped parameter files (resources/presets/*.json), validated when first used. */
const FILES: Record<string, unknown> = {
  'standard-deribit': standardDeribit,
  'deribit-pm-like': deribitPmLike,
  'span-16': span16,
  'okx-pm-like': okxPmLike,
};

export const PRESET_NAMES = Object.keys(FILES);

export function loadPreset(name: string): MarginPreset {
  const json = FILES[name];
  if (json === undefined) throw new RangeError(`unknown margin preset '${name}' (known: ${PRESET_NAMES.join(', ')})`);
  return parsePreset(json, `resources/presets/${name}.json`);
}

/** A margin model from a validated preset (shipped by name, or any parsed preset file). */
export function modelFromPreset(preset: MarginPreset): MarginModel {
  return preset.kind === 'standard' ? standardModel(preset) : gridModel(preset);
}

export function presetModel(name: string): MarginModel {
  return modelFromPreset(loadPreset(name));
}
