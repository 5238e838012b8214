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

/** Most recent first. */
export function listRuns(db: Db, filter: { kind?: RunKind; portfolio?: string; limit?: number } = {}): RunSummary[] {
  return db
    .prepare(
      `SELECT id, kind, portfolio, started_at AS startedAt, finished_at AS finishedAt FROM runs
       WHERE (@kind IS NULL OR kind = @kind) AND (@portfolio IS NULL OR portfolio = @portfolio)
       ORDER BY started_at DESC, id DESC LIMIT @limit`,
    )
    .all({ kind: filter.kind ?? null, portfolio: filter.portfolio ?? null, limit: filter.limit ?? -1 }) as RunSummary[];
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
