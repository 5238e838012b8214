import type { Db } from './database';

/** Shock of one underlying: spot multiplier (0.7 = -30 %) and vol shift (decimal; absolute or relative per set). */
export interface UnderlyingShock {
  spotMultiplier: number;
  volShift: number;
}

export interface StressScenario {
  name: string;
  shocks: Record<string, UnderlyingShock>;
  /** Calendar days the clock moves forward in this scenario (theta); absent = 0. */
  timeShiftDays?: number;
}

export interface ScenarioSet {
  name: string;
  description?: string;
  volShiftMode: 'absolute' | 'relative';
  scenarios: StressScenario[];
}

/** Creates or replaces a named set with exactly these scenarios, in order. */
export function saveScenarioSet(db: Db, set: ScenarioSet): void {
  db.transaction(() => {
    const { id } = db
      .prepare(
        `INSERT INTO scenario_sets (name, description, vol_shift_mode, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET description = excluded.description, vol_shift_mode = excluded.vol_shift_mode RETURNING id`,
      )
      .get(set.name, set.description ?? null, set.volShiftMode, Date.now()) as { id: number };
    db.prepare('DELETE FROM stress_scenarios WHERE set_id = ?').run(id);
    const insert = db.prepare('INSERT INTO stress_scenarios (set_id, position, name, shocks_json, time_shift_days) VALUES (?, ?, ?, ?, ?)');
    set.scenarios.forEach((s, i) => insert.run(id, i, s.name, JSON.stringify(s.shocks), s.timeShiftDays ?? 0));
  })();
}

export function getScenarioSet(db: Db, name: string): ScenarioSet | undefined {
  const head = db.prepare('SELECT id, description, vol_shift_mode FROM scenario_sets WHERE name = ?').get(name) as
    | { id: number; description: string | null; vol_shift_mode: 'absolute' | 'relative' }
    | undefined;
  if (!head) return undefined;
  const rows = db.prepare('SELECT name, shocks_json, time_shift_days FROM stress_scenarios WHERE set_id = ? ORDER BY position').all(head.id) as {
    name: string;
    shocks_json: string;
    time_shift_days: number;
  }[];
  // A scenario without a time shift reads back without the field, exactly as it was saved.
  const scenarios = rows.map((r): StressScenario => {
    const scenario: StressScenario = { name: r.name, shocks: JSON.parse(r.shocks_json) as Record<string, UnderlyingShock> };
    if (r.time_shift_days !== 0) scenario.timeShiftDays = r.time_shift_days;
    return scenario;
  });
  const set: ScenarioSet = { name, volShiftMode: head.vol_shift_mode, scenarios };
  if (head.description !== null) set.description = head.description;
  return set;
}

export function listScenarioSets(db: Db): { name: string; description: string | null; scenarioCount: number }[] {
  return db
    .prepare(
      `SELECT s.name, s.description, (SELECT COUNT(*) FROM stress_scenarios WHERE set_id = s.id) AS scenarioCount
       FROM scenario_sets s ORDER BY s.name`,
    )
    .all() as { name: string; description: string | null; scenarioCount: number }[];
}

export function deleteScenarioSet(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM scenario_sets WHERE name = ?').run(name).changes > 0;
}
