/**
 * Schema upgrade v2 -> v3: stress scenarios gain a per-scenario time shift. A set written by a version-2 build keeps
 * its scenarios (in order) and reads back with no time shift; the column refuses a negative shift.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { getScenarioSet, LATEST_SCHEMA_VERSION, migrate, openDatabase, saveScenarioSet } from '../../../src/main/store';

const dir = mkdtempSync(join(tmpdir(), 'offset-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration to v3 (scenario time shift)', () => {
  it('upgrades a version-2 database: stored scenarios keep their shocks and order, with no time shift', () => {
    const path = join(dir, 'v2.sqlite');
    const v2 = new Database(path);
    v2.pragma('foreign_keys = ON');
    expect(migrate(v2, 2)).toBe(2);
    v2.prepare("INSERT INTO scenario_sets (id, name, vol_shift_mode, created_at) VALUES (1, 'old set', 'relative', 1)").run();
    const insert = v2.prepare('INSERT INTO stress_scenarios (set_id, position, name, shocks_json) VALUES (1, ?, ?, ?)');
    insert.run(1, 'second', JSON.stringify({ ETH: { spotMultiplier: 1.2, volShift: -0.1 } }));
    insert.run(0, 'first', JSON.stringify({ BTC: { spotMultiplier: 0.7, volShift: 0.25 } }));
    v2.close();

    const db = openDatabase(path);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(getScenarioSet(db, 'old set')).toEqual({
      name: 'old set',
      volShiftMode: 'relative',
      scenarios: [
        { name: 'first', shocks: { BTC: { spotMultiplier: 0.7, volShift: 0.25 } } },
        { name: 'second', shocks: { ETH: { spotMultiplier: 1.2, volShift: -0.1 } } },
      ],
    });
    const stored = db.prepare("SELECT time_shift_days FROM stress_scenarios ORDER BY position").all();
    expect(stored).toEqual([{ time_shift_days: 0 }, { time_shift_days: 0 }]);

    saveScenarioSet(db, { name: 'new set', volShiftMode: 'absolute', scenarios: [{ name: 'week of theta', shocks: {}, timeShiftDays: 7 }] });
    expect(getScenarioSet(db, 'new set')!.scenarios).toEqual([{ name: 'week of theta', shocks: {}, timeShiftDays: 7 }]);
    expect(() => db.prepare("UPDATE stress_scenarios SET time_shift_days = -1 WHERE name = 'week of theta'").run()).toThrow(/CHECK/);
    db.close();
  });
});
