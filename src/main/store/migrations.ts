import type { Database } from 'better-sqlite3';

/**
 * Versioned schema. `PRAGMA user_version` holds the number of migrations applied; migration i (0-based) takes the
 * database from version i to i + 1. Append new migrations at the end, never edit a shipped one.
 * Timestamps are UTC epoch milliseconds (INTEGER); daily bars use 00:00 UTC of their day.
 */
export type Migration = (db: Database) => void;

/** v1: reference data, books and market history. */
const createCoreTables: Migration = (db) => {
  db.exec(`
    CREATE TABLE assets (
      symbol TEXT PRIMARY KEY,
      kind TEXT NOT NULL DEFAULT 'crypto' CHECK (kind IN ('crypto', 'stablecoin', 'fiat'))
    );
    CREATE TABLE instruments (
      id INTEGER PRIMARY KEY,
      symbol TEXT NOT NULL UNIQUE,
      kind TEXT NOT NULL CHECK (kind IN ('spot', 'perpetual', 'future', 'option')),
      settlement TEXT NOT NULL CHECK (settlement IN ('linear', 'inverse')),
      underlying TEXT NOT NULL REFERENCES assets(symbol),
      quote TEXT NOT NULL,
      settle_currency TEXT NOT NULL,
      expiry INTEGER,
      strike REAL,
      option_right TEXT CHECK (option_right IN ('call', 'put')),
      multiplier REAL NOT NULL CHECK (multiplier > 0)
    );
    CREATE TABLE portfolios (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE collateral_balances (
      portfolio_id INTEGER NOT NULL REFERENCES portfolios(id) ON DELETE CASCADE,
      asset TEXT NOT NULL REFERENCES assets(symbol),
      amount REAL NOT NULL,
      PRIMARY KEY (portfolio_id, asset)
    ) WITHOUT ROWID;
    CREATE TABLE positions (
      portfolio_id INTEGER NOT NULL REFERENCES portfolios(id) ON DELETE CASCADE,
      instrument_id INTEGER NOT NULL REFERENCES instruments(id),
      quantity REAL NOT NULL,
      avg_price REAL,
      PRIMARY KEY (portfolio_id, instrument_id)
    ) WITHOUT ROWID;
    CREATE TABLE price_bars (
      asset TEXT NOT NULL REFERENCES assets(symbol),
      interval TEXT NOT NULL CHECK (interval IN ('1d', '4h')),
      ts INTEGER NOT NULL,
      open REAL, high REAL, low REAL,
      close REAL NOT NULL,
      volume REAL,
      source TEXT NOT NULL,
      PRIMARY KEY (asset, interval, ts)
    ) WITHOUT ROWID;
    CREATE TABLE vol_series (
      asset TEXT NOT NULL REFERENCES assets(symbol),
      series TEXT NOT NULL,
      ts INTEGER NOT NULL,
      value REAL NOT NULL,
      source TEXT NOT NULL,
      PRIMARY KEY (asset, series, ts)
    ) WITHOUT ROWID;
    CREATE TABLE option_quotes (
      instrument_id INTEGER NOT NULL REFERENCES instruments(id),
      snapshot_ts INTEGER NOT NULL,
      quote_ts INTEGER NOT NULL,
      mark_price REAL NOT NULL,
      mark_iv REAL,
      bid REAL, ask REAL, mid REAL, last REAL,
      underlying_index TEXT,
      underlying_price REAL NOT NULL,
      index_price REAL,
      interest_rate REAL,
      open_interest REAL,
      volume REAL,
      volume_usd REAL,
      source TEXT NOT NULL,
      PRIMARY KEY (instrument_id, snapshot_ts)
    ) WITHOUT ROWID;
    CREATE INDEX option_quotes_by_snapshot ON option_quotes (snapshot_ts);
    CREATE TABLE funding_rates (
      instrument TEXT NOT NULL,
      asset TEXT NOT NULL REFERENCES assets(symbol),
      ts INTEGER NOT NULL,
      rate REAL NOT NULL,
      interval_hours REAL NOT NULL,
      source TEXT NOT NULL,
      PRIMARY KEY (instrument, ts)
    ) WITHOUT ROWID;
  `);
};

/** v2: stored market snapshots per book, provenance of books, scenarios, model configurations and run history. */
const addScenariosModelsRuns: Migration = (db) => {
  db.exec(`
    ALTER TABLE portfolios ADD COLUMN source TEXT;
    ALTER TABLE portfolios ADD COLUMN market_json TEXT;
    CREATE TABLE scenario_sets (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      description TEXT,
      vol_shift_mode TEXT NOT NULL DEFAULT 'absolute' CHECK (vol_shift_mode IN ('absolute', 'relative')),
      created_at INTEGER NOT NULL
    );
    CREATE TABLE stress_scenarios (
      id INTEGER PRIMARY KEY,
      set_id INTEGER NOT NULL REFERENCES scenario_sets(id) ON DELETE CASCADE,
      position INTEGER NOT NULL,
      name TEXT NOT NULL,
      shocks_json TEXT NOT NULL,
      UNIQUE (set_id, name)
    );
    CREATE TABLE model_configs (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE,
      model TEXT NOT NULL,
      params_json TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    );
    CREATE TABLE runs (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('margin', 'stress', 'backtest', 'calibration')),
      portfolio TEXT,
      inputs_json TEXT NOT NULL,
      params_json TEXT NOT NULL,
      results_json TEXT,
      results_blob BLOB,
      started_at INTEGER NOT NULL,
      finished_at INTEGER,
      timings_json TEXT
    );
    CREATE INDEX runs_by_kind ON runs (kind, started_at);
  `);
};

/** v3: a stress scenario's own time shift (calendar days of theta, >= 0); existing scenarios get 0. */
const addScenarioTimeShift: Migration = (db) => {
  db.exec('ALTER TABLE stress_scenarios ADD COLUMN time_shift_days REAL NOT NULL DEFAULT 0 CHECK (time_shift_days >= 0)');
};

export const MIGRATIONS: readonly Migration[] = [createCoreTables, addScenariosModelsRuns, addScenarioTimeShift];
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;

/** Applies the pending migrations, each in its own transaction together with its user_version bump. */
export function migrate(db: Database, target = LATEST_SCHEMA_VERSION): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > LATEST_SCHEMA_VERSION) {
    throw new Error(`database schema version ${current} is newer than this Offset build supports (${LATEST_SCHEMA_VERSION})`);
  }
  for (let version = current; version < target; version++) {
    db.transaction(() => {
      MIGRATIONS[version](db);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
  return Math.max(current, target);
}
