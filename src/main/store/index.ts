/**
 * The Offset store: one SQLite file (docs/store.md). Import repositories from here.
 */
import { openDatabase, type Db } from './database';
import { resolveDbPath } from './paths';

export { openDatabase, electronNativeBinding, type Db, type OpenOptions } from './database';
export { migrate, LATEST_SCHEMA_VERSION } from './migrations';
export { resolveDbPath, userDataDir } from './paths';
export { ensureAsset, upsertInstrument, getInstrument, listInstruments, listAssets } from './instruments';
export { listPortfolios, getPortfolio, ensurePortfolio, upsertPositions, setCollateral, replacePortfolio, getMarketSnapshot, deletePortfolio } from './portfolios';
export { priceSeries, volSeries, fundingSeries, closesMatrix, chainSnapshot, seriesInfo, INTERVAL_MS } from './series';
export type { BarInterval, PriceSeries, ValueSeries, ChainQuote, ChainSnapshot, SeriesInfo } from './series';
export { saveRun, listRuns, getRun, type RunKind, type RunRecord, type StoredRun, type RunSummary } from './runs';
export { saveScenarioSet, getScenarioSet, listScenarioSets, deleteScenarioSet, type ScenarioSet, type StressScenario, type UnderlyingShock } from './scenarios';
export { saveModelConfig, getModelConfig, listModelConfigs, type ModelConfig } from './modelConfigs';
export { loadBook, readPortfolioFile, marketFromHistory, type LoadedBook } from './loadBook';

/**
 * Opens the database named by CLI options (`--db PATH`, else env OFFSET_DB, else the user-data default), creating
 * and migrating it unless read-only. Its path is `db.name`. The caller closes it.
 */
export function openStoreFromOptions(options: Record<string, string | boolean>, open: { readonly?: boolean } = {}): Db {
  const explicit = options.db;
  if (explicit === true) throw new Error('--db needs a file path');
  return openDatabase(resolveDbPath(typeof explicit === 'string' ? explicit : undefined), open);
}
