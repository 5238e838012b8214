/**
 * The Stress editor's row model (src/renderer/src/views/stress/editorRows.ts): typed units convert to the stored
 * shocks and back by hand values, and every invalid cell is reported with its row and column.
 */
import { describe, expect, it } from 'vitest';
import { copyRow, parseShockInput, rowFromScenario, scenarioFromRow, shockedUnderlyings, uniqueName, validateRows, type EditorRow } from '../../../src/renderer/src/views/stress/editorRows';

const row = (name: string, spotPct: EditorRow['spotPct'], vol: EditorRow['vol'] = {}, timeShiftDays: number | null = null): EditorRow => ({ id: `id-${name}`, name, spotPct, vol, timeShiftDays });

describe('stress editor rows', () => {
  it('converts typed % and vol points to multipliers and decimal shifts, and back', () => {
    expect(scenarioFromRow(row(' crash ', { BTC: -30, ETH: null }, { BTC: 15, ETH: 5 }))).toEqual({
      name: 'crash',
      shocks: { BTC: { spotMultiplier: 0.7, volShift: 0.15 }, ETH: { spotMultiplier: 1, volShift: 0.05 } },
    });
    const back = rowFromScenario({ name: 'x', shocks: { BTC: { spotMultiplier: 0.7, volShift: 0.15 } } });
    expect(back.spotPct).toEqual({ BTC: -30 });
    expect(back.vol).toEqual({ BTC: 15 });
    // Blank on both halves: the underlying is not shocked at all.
    expect(scenarioFromRow(row('y', { BTC: null }, { BTC: null })).shocks).toEqual({});
  });

  it('carries the time shift in whole days both ways and reports a bad one', () => {
    expect(scenarioFromRow(row('theta', {}, {}, 7))).toEqual({ name: 'theta', shocks: {}, timeShiftDays: 7 });
    // Blank or 0 days: no time shift field, as a scenario without one is stored.
    expect(scenarioFromRow(row('none', {}, {}, null))).toEqual({ name: 'none', shocks: {} });
    expect(scenarioFromRow(row('zero', {}, {}, 0))).toEqual({ name: 'zero', shocks: {} });
    expect(rowFromScenario({ name: 'x', shocks: {}, timeShiftDays: 30 }).timeShiftDays).toBe(30);
    expect(rowFromScenario({ name: 'x', shocks: {} }).timeShiftDays).toBeNull();
    const message = 'time shift must be whole days from 0 to 365';
    for (const bad of [-1, 1.5, 366, Number.NaN]) expect(validateRows([row('t', {}, {}, bad)], 'absolute')).toEqual([{ rowId: 'id-t', field: 'time', message }]);
    expect(validateRows([row('t', {}, {}, 365)], 'absolute')).toEqual([]);
  });

  it('parses what a user types', () => {
    expect(parseShockInput('-30')).toBe(-30);
    expect(parseShockInput(' -30 % ')).toBe(-30);
    expect(parseShockInput('+5')).toBe(5);
    expect(parseShockInput('')).toBeNull();
    expect(parseShockInput(null)).toBeNull();
    expect(parseShockInput('abc')).toBeNaN();
  });

  it('reports empty and duplicate names, non-numbers and moves at or below -100 %', () => {
    const rows = [row('A', { BTC: -100 }), row('a', { BTC: Number.NaN }), row(' ', {}, { BTC: -100 })];
    expect(validateRows(rows, 'absolute')).toEqual([
      { rowId: 'id-A', field: 'spot:BTC', message: 'BTC spot move must be above -100 %' },
      { rowId: 'id-a', field: 'name', message: "name 'a' is used twice" },
      { rowId: 'id-a', field: 'spot:BTC', message: 'BTC spot move is not a number' },
      { rowId: 'id- ', field: 'name', message: 'name is empty' },
    ]);
    // -100 vol points is allowed for absolute shifts (the kernel floors the vol) but not for relative ones.
    expect(validateRows([row('r', {}, { BTC: -100 })], 'relative')).toEqual([{ rowId: 'id-r', field: 'vol:BTC', message: 'BTC relative vol shift must be above -100 %' }]);
    expect(validateRows([row('ok', { BTC: -99.9 }, { BTC: -50 })], 'relative')).toEqual([]);
  });

  it('names copies uniquely and lists the shocked underlyings', () => {
    const rows = [row('crash', { BTC: -30 }), row('crash copy', { ETH: -10 })];
    expect(uniqueName('crash copy', rows)).toBe('crash copy (2)');
    const copy = copyRow(rows[0], rows);
    expect(copy.name).toBe('crash copy (2)');
    expect(copy.id).not.toBe(rows[0].id);
    expect(copy.spotPct).toEqual({ BTC: -30 });
    expect(shockedUnderlyings([...rows, row('v', { SOL: null }, { AVAX: 3 })])).toEqual(['AVAX', 'BTC', 'ETH']);
  });
});
