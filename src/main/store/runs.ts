/**
 * Run history: one row per margin, stress, backtest or calibration run, with its inputs, parameters and results as
 * JSON (each kind documents its own shapes where it saves them, e.g. src/main/analysis/backtestRun.ts). Lists
 * return the small inputs/params and, on request, a few result fields read by SQLite's json_extract, so listing
 * never parses whole results (a backtest's results hold its daily series).
 */
import type { Db } from './database';

export type RunKind = 'margin' | 'stress' | 'backtest' | 'calibration';

export interface RunRecord {
  kind: RunKind;
  portfolio?: string;
  inputs: unknown;
  params: unknown;
  /** JSON results; large numeric outputs can go to resultsBlob (e.g. a Float64Array's bytes). */
  results?: unknown;
  resultsBlob?: Uint8Array;
  startedAt: number;
  finishedAt?: number;
  /** Stage name -> milliseconds. */
  timings?: Record<string, number>;
}

export interface StoredRun extends RunRecord {
  id: number;
}

export interface RunSummary {
  id: number;
  kind: RunKind;
  portfolio: string | null;
  startedAt: number;
  finishedAt: number | null;
  inputs: unknown;
  params: unknown;
  /** The result fields asked for with `fields` (undefined where a run's results lack the path). */
  fields: Record<string, unknown>;
}

export interface RunListFilter {
  kind?: RunKind;
  portfolio?: string;
  limit?: number;
  /** Output name -> SQLite JSON path into the results, e.g. { zone: '$.trafficLight.zone' }. */
  fields?: Record<string, string>;
}

export function saveRun(db: Db, run: RunRecord): number {
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  const blob = run.resultsBlob ? Buffer.from(run.resultsBlob.buffer, run.resultsBlob.byteOffset, run.resultsBlob.byteLength) : null;
  return Number(
    db
      .prepare(
        `INSERT INTO runs (kind, portfolio, inputs_json, params_json, results_json, results_blob, started_at, finished_at, timings_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(run.kind, run.portfolio ?? null, JSON.stringify(run.inputs), JSON.stringify(run.params), json(run.results), blob, run.startedAt, run.finishedAt ?? null, json(run.timings))
      .lastInsertRowid,
  );
}

const JSON_PATH = /^\$(\.[A-Za-z_][A-Za-z0-9_]*|\[\d+\])*$/;

/** Most recent first. */
export function listRuns(db: Db, filter: RunListFilter = {}): RunSummary[] {
  const fields = Object.entries(filter.fields ?? {});
  for (const [name, path] of fields) if (!JSON_PATH.test(path)) throw new Error(`listRuns: field '${name}' has a bad JSON path '${path}'`);
  // Paths are bound as parameters; only the generated column aliases f0, f1, ... enter the SQL text.
  const extracts = fields.map((_, i) => `, json_extract(results_json, @p${i}) AS f${i}`).join('');
  const params: Record<string, unknown> = { kind: filter.kind ?? null, portfolio: filter.portfolio ?? null, limit: filter.limit ?? -1 };
  fields.forEach(([, path], i) => (params[`p${i}`] = path));
  const rows = db
    .prepare(
      `SELECT id, kind, portfolio, started_at, finished_at, inputs_json, params_json${extracts} FROM runs
       WHERE (@kind IS NULL OR kind = @kind) AND (@portfolio IS NULL OR portfolio = @portfolio)
       ORDER BY started_at DESC, id DESC LIMIT @limit`,
    )
    .all(params) as (Pick<RunRow, 'id' | 'kind' | 'portfolio' | 'started_at' | 'finished_at' | 'inputs_json' | 'params_json'> & Record<string, unknown>)[];
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    portfolio: row.portfolio,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    inputs: JSON.parse(row.inputs_json),
    params: JSON.parse(row.params_json),
    fields: Object.fromEntries(fields.map(([name], i) => [name, row[`f${i}`] ?? undefined])),
  }));
}

interface RunRow {
  id: number;
  kind: RunKind;
  portfolio: string | null;
  inputs_json: string;
  params_json: string;
  results_json: string | null;
  results_blob: Buffer | null;
  started_at: number;
  finished_at: number | null;
  timings_json: string | null;
}

export function getRun(db: Db, id: number): StoredRun | undefined {
  const row = db.prepare('SELECT * FROM runs WHERE id = ?').get(id) as RunRow | undefined;
  if (!row) return undefined;
  const run: StoredRun = { id: row.id, kind: row.kind, inputs: JSON.parse(row.inputs_json), params: JSON.parse(row.params_json), startedAt: row.started_at };
  if (row.portfolio !== null) run.portfolio = row.portfolio;
  if (row.results_json !== null) run.results = JSON.parse(row.results_json);
  if (row.results_blob !== null) run.resultsBlob = new Uint8Array(row.results_blob);
  if (row.finished_at !== null) run.finishedAt = row.finished_at;
  if (row.timings_json !== null) run.timings = JSON.parse(row.timings_json);
  return run;
}
