import { describe, expect, it } from 'vitest';
import { PRESET_NAMES, loadPreset } from '../../../src/engine/margin/presets';
import { parsePreset } from '../../../src/engine/margin/presets/schema';

describe('margin preset files', () => {
  it('every shipped preset validates', () => {
    expect(PRESET_NAMES.sort()).toEqual(['deribit-pm-like', 'okx-pm-like', 'span-16', 'standard-deribit']);
    for (const name of PRESET_NAMES) expect(loadPreset(name).name).toBe(name);
  });

  it('a bad file is rejected with the file and the field named', () => {
    const bad = structuredClone(loadPreset('standard-deribit')) as unknown as { options: { initialFloor: number } };
    bad.options.initialFloor = 1.5;
    expect(() => parsePreset(bad, 'mine.json')).toThrow(/mine\.json: options\.initialFloor/);
    expect(() => loadPreset('nope')).toThrow(/unknown margin preset 'nope'/);
  });
});
