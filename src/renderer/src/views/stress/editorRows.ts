/**
 * The scenario-set editor's rows, in the units a user types: per underlying a spot move in % (-30 = spot x 0.7) and
 * a vol shift in vol points (absolute sets: +10 = vol + 0.10) or in % (relative sets: +10 = vol x 1.10). A blank
 * cell leaves that underlying unshocked; the scenario's own time shift is whole calendar days (blank = none). Converts to and from the stored shape (spot multiplier, decimal vol shift)
 * and validates every cell so the grid can mark it and Save can refuse with a message naming row and column.
 */
import type { ScenarioSetDto, StressScenarioDto } from '../../../../shared/contract/stress';

export type VolShiftMode = ScenarioSetDto['volShiftMode'];

export interface EditorRow {
  /** Stable grid row id (not saved). */
  id: string;
  name: string;
  /** Spot move in %, per underlying; null = unshocked. */
  spotPct: Record<string, number | null>;
  /** Vol shift in vol points (absolute) or % (relative), per underlying; null = unchanged. */
  vol: Record<string, number | null>;
  /** Calendar days of theta in this scenario; null = none. */
  timeShiftDays: number | null;
}

export interface CellProblem {
  rowId: string;
  /** 'name', 'time', or `spot:<U>` / `vol:<U>`. */
  field: string;
  message: string;
}

let nextRowId = 0;
export function newRowId(): string {
  nextRowId += 1;
  return `row-${nextRowId}`;
}

/** Rounded to 1e-10 so 0.7 shows as -30, not -30.000000000000004. */
const clean = (x: number) => Math.round(x * 1e10) / 1e10;

export function rowFromScenario(scenario: StressScenarioDto): EditorRow {
  const row: EditorRow = { id: newRowId(), name: scenario.name, spotPct: {}, vol: {}, timeShiftDays: scenario.timeShiftDays ?? null };
  for (const [u, shock] of Object.entries(scenario.shocks)) {
    row.spotPct[u] = clean((shock.spotMultiplier - 1) * 100);
    row.vol[u] = clean(shock.volShift * 100);
  }
  return row;
}

/** Underlyings any row shocks (spot or vol), sorted. */
export function shockedUnderlyings(rows: EditorRow[]): string[] {
  const names = new Set<string>();
  for (const r of rows) for (const [u, v] of [...Object.entries(r.spotPct), ...Object.entries(r.vol)]) if (v !== null && v !== undefined) names.add(u);
  return [...names].sort();
}

/** A name not used by any row: "<base>", else "<base> (2)", "(3)"... */
export function uniqueName(base: string, rows: EditorRow[]): string {
  const taken = new Set(rows.map((r) => r.name.trim().toLowerCase()));
  if (!taken.has(base.trim().toLowerCase())) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base} (${i})`.toLowerCase())) return `${base} (${i})`;
}

export function copyRow(row: EditorRow, rows: EditorRow[]): EditorRow {
  return { id: newRowId(), name: uniqueName(`${row.name} copy`, rows), spotPct: { ...row.spotPct }, vol: { ...row.vol }, timeShiftDays: row.timeShiftDays };
}

/** Longest time shift a scenario may carry, days (as the API accepts). */
export const MAX_TIME_SHIFT_DAYS = 365;

/**
 * Every problem of every cell: blank or duplicate names (case-insensitive), non-numbers, spot <= -100 %, relative
 * vol <= -100 %, a time shift that is not a whole number of days from 0 to MAX_TIME_SHIFT_DAYS.
 */
export function validateRows(rows: EditorRow[], mode: VolShiftMode): CellProblem[] {
  const problems: CellProblem[] = [];
  const seen = new Map<string, string>();
  for (const row of rows) {
    const key = row.name.trim().toLowerCase();
    if (key === '') problems.push({ rowId: row.id, field: 'name', message: 'name is empty' });
    else if (seen.has(key)) problems.push({ rowId: row.id, field: 'name', message: `name '${row.name}' is used twice` });
    else seen.set(key, row.id);
    const days = row.timeShiftDays;
    if (days !== null && !(Number.isInteger(days) && days >= 0 && days <= MAX_TIME_SHIFT_DAYS)) {
      problems.push({ rowId: row.id, field: 'time', message: `time shift must be whole days from 0 to ${MAX_TIME_SHIFT_DAYS}` });
    }
    for (const [u, v] of Object.entries(row.spotPct)) {
      if (v === null || v === undefined) continue;
      if (!Number.isFinite(v)) problems.push({ rowId: row.id, field: `spot:${u}`, message: `${u} spot move is not a number` });
      else if (v <= -100) problems.push({ rowId: row.id, field: `spot:${u}`, message: `${u} spot move must be above -100 %` });
    }
    for (const [u, v] of Object.entries(row.vol)) {
      if (v === null || v === undefined) continue;
      if (!Number.isFinite(v)) problems.push({ rowId: row.id, field: `vol:${u}`, message: `${u} vol shift is not a number` });
      else if (mode === 'relative' && v <= -100) problems.push({ rowId: row.id, field: `vol:${u}`, message: `${u} relative vol shift must be above -100 %` });
    }
  }
  return problems;
}

/** The stored scenario of a valid row: only underlyings with a spot or vol entry; a blank half is no move. */
export function scenarioFromRow(row: EditorRow): StressScenarioDto {
  const shocks: StressScenarioDto['shocks'] = {};
  for (const u of new Set([...Object.keys(row.spotPct), ...Object.keys(row.vol)])) {
    const spot = row.spotPct[u];
    const vol = row.vol[u];
    if ((spot === null || spot === undefined) && (vol === null || vol === undefined)) continue;
    shocks[u] = { spotMultiplier: 1 + (spot ?? 0) / 100, volShift: (vol ?? 0) / 100 };
  }
  const scenario: StressScenarioDto = { name: row.name.trim(), shocks };
  if (row.timeShiftDays !== null && row.timeShiftDays > 0) scenario.timeShiftDays = row.timeShiftDays;
  return scenario;
}

/** Parses what a user typed into a shock cell: '' -> null (unshocked), '-30', '-30%', '+5' -> numbers, else NaN. */
export function parseShockInput(text: unknown): number | null {
  if (text === null || text === undefined) return null;
  if (typeof text === 'number') return text;
  const trimmed = String(text).trim().replace(/%$/, '').replace(/^\+/, '').trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : Number.NaN;
}
