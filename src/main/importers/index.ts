/**
 * File importers shared by the CLI (`offset import ...`) and the UI. Each takes a path, a database and a progress
 * callback; CSV imports stream the file and are all-or-nothing (one transaction, ImportError on the first bad row).
 */
import type { BarInterval, Db } from '../store';
import { importChain } from './chain';
import type { ProgressCallback } from './csvImport';
import { importFunding } from './funding';
import { importPortfolioJson } from './portfolioJson';
import { importPositions } from './positions';
import { importPrices } from './prices';
import { importVols } from './vols';

export { ImportError } from './importError';
export type { ImportProgress, ProgressCallback } from './csvImport';
export { importPrices, importVols, importFunding, importChain, importPositions, importPortfolioJson };
export { exportPortfolioJson } from './portfolioJson';
export { markIvFromPrice } from './chain';

export const IMPORT_KINDS = ['prices', 'vols', 'funding', 'chain', 'positions', 'portfolio'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface ImportFileOptions {
  asset?: string;
  interval?: BarInterval;
  series?: string;
  instrument?: string;
  source?: string;
  onProgress?: ProgressCallback;
}

export interface ImportSummary {
  kind: ImportKind;
  file: string;
  rows: number;
  /** Series or books written (e.g. 'BTC 1d', 'BTC DVOL', 'BTCUSDT-PERP', 'ETH options', 'demo-book'). */
  series: string[];
  /** Extra facts of the import (e.g. chain IV derivation counts). */
  details?: Record<string, number>;
  ms: number;
}

export async function importFile(kind: ImportKind, db: Db, path: string, options: ImportFileOptions = {}): Promise<ImportSummary> {
  const started = performance.now();
  const done = (r: { rows: number; series: string[] }, details?: Record<string, number>): ImportSummary => ({
    kind,
    file: path,
    rows: r.rows,
    series: r.series,
    ...(details ? { details } : {}),
    ms: Math.round(performance.now() - started),
  });
  switch (kind) {
    case 'prices':
      return done(await importPrices(db, path, options));
    case 'vols':
      return done(await importVols(db, path, options));
    case 'funding':
      return done(await importFunding(db, path, options));
    case 'chain': {
      const r = await importChain(db, path, options);
      return done(r, { snapshotTime: r.snapshotTime, ivDerived: r.ivDerived, ivMissing: r.ivMissing });
    }
    case 'positions':
      return done(await importPositions(db, path, options));
    case 'portfolio':
      return done(importPortfolioJson(db, path));
  }
}
