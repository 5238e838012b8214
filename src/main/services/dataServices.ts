/**
 * The data services (methods in src/shared/methods/data.ts): file imports from the renderer, series coverage and
 * gaps, option-chain smiles, and the XLSX report export.
 *
 * Imports run here in main (the only writer), one at a time, on a connection of their own: the importers stream
 * the file inside one transaction and await between chunks, and the services' shared connection must never be
 * seen mid-transaction by another call. The renderer sends the file's text; it is written to a private temporary
 * directory under its own name, so errors and stored provenance name the user's file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainServices } from '../../shared/api';
import type { DATA_METHODS } from '../../shared/methods/data';
import { chainSmiles, chainUnderlyings } from '../importers/chainSmile';
import { detectImportKind } from '../importers/detectKind';
import { ImportError, importFile, type ImportKind } from '../importers';
import { seriesGaps } from '../importers/seriesGaps';
import { chainSnapshot, getPortfolio, getRun, openDatabase, seriesInfo, type Db } from '../store';
import type { ExportedWorkbook } from '../worker/jobs/data';
import { JobError } from '../worker/errors';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';

/** "file, line N, field F: reason (value 'v')": what the Data view shows for a rejected file. */
export function importErrorMessage(error: ImportError): string {
  const where = [error.file, error.line > 0 ? `line ${error.line}` : '', error.column !== undefined ? `field ${error.column}` : ''].filter(Boolean).join(', ');
  const shown = error.value !== undefined && error.value.length > 60 ? `${error.value.slice(0, 60)}…` : error.value;
  return `${where}: ${error.reason}${shown !== undefined ? ` (value '${shown}')` : ''}. Nothing was imported.`;
}

/** A writable connection for one import (the store's file), or the services' own when the store has no file. */
function importConnection(db: Db): { db: Db; close(): void } {
  if (!db.name || db.name === ':memory:') return { db, close: () => {} };
  const own = openDatabase(db.name);
  return { db: own, close: () => own.close() };
}

export function createDataServices(ctx: ServiceContext): DomainServices<typeof DATA_METHODS> {
  let importQueue: Promise<unknown> = Promise.resolve();

  return {
    importData: ({ jobId, fileName, text, kind, asset, interval }) => {
      const detected = kind === 'auto' ? detectImportKind(fileName, text) : { kind };
      if ('reason' in detected) return Promise.reject(new ServiceError('bad_request', detected.reason));
      const importKind: ImportKind = detected.kind;
      const work = () =>
        ctx.jobs.run(jobId, `importing ${fileName}`, async (job) => {
          const dir = mkdtempSync(join(tmpdir(), 'offset-import-'));
          const connection = importConnection(ctx.db);
          try {
            const path = join(dir, fileName);
            writeFileSync(path, text);
            const summary = await importFile(importKind, connection.db, path, {
              asset: asset?.toUpperCase(),
              interval,
              onProgress: ({ bytesRead, totalBytes, rows }) => {
                // Thrown inside the importer's loop: its transaction rolls back and nothing is written.
                if (job.signal.aborted) throw new ServiceError('cancelled', `import of ${fileName} cancelled`);
                job.progress({ fraction: totalBytes > 0 ? bytesRead / totalBytes : 1, stage: `importing ${fileName} (${rows.toLocaleString('en-US')} rows)` });
              },
            });
            return { ...summary, file: fileName };
          } catch (error) {
            if (error instanceof ImportError) throw new ServiceError('bad_request', importErrorMessage(error));
            if (error instanceof ServiceError) throw error;
            throw new ServiceError('bad_request', `${fileName}: ${error instanceof Error ? error.message : String(error)}. Nothing was imported.`);
          } finally {
            connection.close();
            rmSync(dir, { recursive: true, force: true });
          }
        });
      const result = importQueue.then(work, work);
      importQueue = result.catch(() => undefined);
      return result;
    },

    getDataCoverage: async () => ({ series: seriesInfo(ctx.db), gaps: seriesGaps(ctx.db) }),

    getChainSmile: async ({ underlying }) => {
      const underlyings = chainUnderlyings(ctx.db);
      const chosen = underlying ?? underlyings[0];
      if (chosen === undefined) return { underlyings, underlying: null, snapshotTs: null, expiries: [] };
      const snapshot = chainSnapshot(ctx.db, chosen);
      if (!snapshot) throw new ServiceError('not_found', `no option chain stored for ${chosen} (stored: ${underlyings.join(', ') || 'none'})`);
      return { underlyings, underlying: chosen, snapshotTs: snapshot.snapshotTs, expiries: chainSmiles(snapshot) };
    },

    exportReport: ({ jobId, portfolio, model, runId }) => {
      if (runId !== undefined) {
        const run = getRun(ctx.db, runId);
        if (!run) return Promise.reject(new ServiceError('not_found', `run ${runId} does not exist`));
        if (run.kind !== 'backtest') return Promise.reject(new ServiceError('bad_request', `run ${runId} is a ${run.kind} run; only backtest runs export`));
      } else if (!getPortfolio(ctx.db, portfolio)) {
        return Promise.reject(new ServiceError('not_found', `portfolio '${portfolio}' does not exist`));
      }
      return ctx.jobs.run(jobId, 'margin and attribution', async (job) => {
        try {
          const workbook = await ctx.pool.run<ExportedWorkbook>(
            'data.exportReport',
            { portfolio, model, runId, generatedAt: Date.now() },
            { priority: 'interactive', signal: job.signal, onProgress: job.progress },
          );
          return { fileName: workbook.fileName, base64: Buffer.from(workbook.bytes).toString('base64'), sheets: workbook.sheets };
        } catch (error) {
          if (error instanceof JobError && error.code === 'failed') throw new ServiceError('bad_request', `report of '${portfolio}': ${error.message}`);
          throw error;
        }
      });
    },
  };
}
