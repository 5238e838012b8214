/**
 * Engine jobs of the Data view and the report export (registered in ./index.ts; see ./defineJob.ts).
 * 'data.exportReport' computes a book's margin under a model spec with attribution, builds the report shared with
 * `offset export` (src/main/export/bookReport.ts) and renders the XLSX workbook, all inside the worker; with a runId
 * it renders the report of that stored backtest run instead.
 */
import { z } from 'zod';
import { marginModelSpecSchema } from '../../../shared/api';
import { computeSpecMargin } from '../../analysis/marginModels';
import { bookReport, usesSyntheticHistory } from '../../export/bookReport';
import { reportFileName } from '../../export/reportFileName';
import { SUMMARY_SHEET, TABLE_SHEETS, type ReportModel, type TableName } from '../../export/reportModel';
import { runReport } from '../../export/runReport';
import { reportXlsxBuffer } from '../../export/xlsx';
import { getMarketSnapshot, getPortfolio, getRun, marketFromHistory } from '../../store';
import { JobError } from '../errors';
import { defineJob, type JobHandler } from './defineJob';

const exportPayload = z.object({
  portfolio: z.string().min(1),
  model: marginModelSpecSchema,
  runId: z.number().int().positive().optional(),
  /** UTC ms stamped on the report (the caller's clock, so a test can pin it). */
  generatedAt: z.number(),
});

export interface ExportedWorkbook {
  fileName: string;
  bytes: Uint8Array;
  sheets: string[];
}

function sheetNames(report: ReportModel): string[] {
  return [SUMMARY_SHEET, ...(Object.keys(TABLE_SHEETS) as TableName[]).filter((t) => report.tables[t]).map((t) => TABLE_SHEETS[t])];
}

export const dataJobs: Record<string, JobHandler> = {
  'data.exportReport': defineJob(exportPayload, async ({ portfolio, model, runId, generatedAt }, ctx): Promise<ExportedWorkbook> => {
    let report: ReportModel;
    if (runId !== undefined) {
      const run = getRun(ctx.db, runId);
      if (!run) throw new JobError('failed', `no run ${runId} in the database`);
      ctx.progress(0.3, 'backtest report');
      report = runReport(run, generatedAt, usesSyntheticHistory(ctx.db, 'any'));
    } else {
      // By name only: a service argument must never make the worker read a file (loadBook would take a .json path).
      const book = getPortfolio(ctx.db, portfolio);
      if (!book) throw new JobError('failed', `portfolio '${portfolio}' does not exist`);
      const market = getMarketSnapshot(ctx.db, portfolio) ?? marketFromHistory(ctx.db, book);
      ctx.progress(0.05, 'margin and attribution');
      const result = computeSpecMargin(ctx.db, book, market, model);
      await ctx.checkpoint();
      ctx.progress(0.6, 'stress and backtest results');
      report = await bookReport({ db: ctx.db, target: portfolio, book, market, spec: model, result, generatedAt, checkpoint: () => ctx.checkpoint() });
    }
    await ctx.checkpoint();
    ctx.progress(0.8, 'workbook');
    const bytes = await reportXlsxBuffer(report);
    ctx.progress(1, 'workbook');
    return { fileName: reportFileName(report.summary.book || portfolio, runId !== undefined ? `run-${runId}` : model.kind, generatedAt), bytes, sheets: sheetNames(report) };
  }),
};
