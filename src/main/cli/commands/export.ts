/**
 * `offset export <portfolio> --model ... --xlsx FILE [--csv FILE]`: the margin report of a book as an XLSX workbook
 * (and the positions table as CSV), from the same computation as `offset margin ... --json` and the same builder
 * (src/main/export/bookReport.ts) as the UI's Export report.
 * `offset export --run ID --xlsx FILE`: the report of a stored backtest run.
 * (`offset export portfolio NAME` is the portfolio JSON export; the dispatcher picks it by its longer command words.)
 */
import { writeFileSync } from 'node:fs';
import type { VarSpec } from '../../../engine/margin/var/spec';
import type { MarginModelSpec } from '../../../shared/api';
import { DEFAULT_PRESET, defaultMarginConfig } from '../../analysis/marginModels';
import { bookReport, usesSyntheticHistory } from '../../export/bookReport';
import type { ReportModel } from '../../export/reportModel';
import { runReport } from '../../export/runReport';
import { tableCsv } from '../../export/csv';
import { writeReportXlsx } from '../../export/xlsx';
import { getRun, loadBook, openStoreFromOptions, type Db } from '../../store';
import { WorkerPool } from '../../worker/pool';
import type { CliCommand, CliContext } from '../command';
import { MODELS, presetResult, varResult, varSpecFromOptions, type MarginRun, type ModelKind } from './margin';

function text(ctx: CliContext, name: string): string | undefined {
  const v = ctx.options[name];
  if (v === true) throw new Error(`--${name} needs a value`);
  return typeof v === 'string' ? v : undefined;
}

/** The margin model the options name, as the spec the UI's exportReport takes. */
function specFromOptions(ctx: CliContext, model: ModelKind): MarginModelSpec {
  if (model === 'standard' || model === 'grid') return { kind: model, preset: text(ctx, 'preset') ?? DEFAULT_PRESET[model] };
  const spec: Partial<VarSpec> = { ...varSpecFromOptions(ctx, model) };
  delete spec.measure;
  return { kind: model, spec };
}

async function bookReportFromOptions(ctx: CliContext, db: Db, target: string): Promise<ReportModel> {
  const model = (text(ctx, 'model') ?? 'es') as ModelKind;
  if (!MODELS.includes(model)) throw new Error(`--model must be one of ${MODELS.join(', ')}, got '${model}'`);
  const workers = Number(text(ctx, 'workers') ?? 2);
  if (!(Number.isInteger(workers) && workers >= 0)) throw new Error(`--workers must be an integer >= 0, got '${text(ctx, 'workers')}'`);
  const { book, market } = loadBook(db, target);
  const run: MarginRun = { db, book, market, config: defaultMarginConfig(), workers };
  const spec = specFromOptions(ctx, model);
  let pool: WorkerPool | undefined;
  try {
    const result = 'preset' in spec ? presetResult(run, spec.kind, spec.preset) : await varResult(run, varSpecFromOptions(ctx, spec.kind), () => (pool ??= new WorkerPool({ size: workers })));
    return await bookReport({ db, target, book, market, spec, result, generatedAt: Date.now() });
  } finally {
    await pool?.close();
  }
}

export const exportCommand: CliCommand = {
  name: ['export'],
  summary: 'Margin report of a portfolio (or a stored backtest run) as an XLSX workbook, positions as CSV',
  usage: 'offset export <portfolio> [--model standard|grid|var|es] [--preset NAME] [VaR options as in offset margin] --xlsx FILE [--csv FILE] | offset export --run ID --xlsx FILE [--db PATH] [--json]',
  async run(ctx) {
    const xlsx = text(ctx, 'xlsx');
    const csv = text(ctx, 'csv');
    const runId = text(ctx, 'run');
    if (!xlsx && !csv) throw new Error(`name an output: --xlsx FILE and/or --csv FILE (usage: ${this.usage})`);
    if (runId !== undefined && ctx.args.length > 0) throw new Error('give either a portfolio or --run ID, not both');
    if (runId === undefined && !ctx.args[0]) throw new Error(`missing portfolio or --run ID (usage: ${this.usage})`);
    const db = openStoreFromOptions(ctx.options, { readonly: true });
    try {
      let report: ReportModel;
      if (runId !== undefined) {
        const id = Number(runId);
        const run = Number.isInteger(id) ? getRun(db, id) : undefined;
        if (!run) throw new Error(`--run ${runId}: no such run in the database (offset list runs)`);
        report = runReport(run, Date.now(), usesSyntheticHistory(db, 'any'));
      } else report = await bookReportFromOptions(ctx, db, ctx.args[0]);
      if (csv) {
        if (!report.tables.positions) throw new Error('--csv writes the positions table; a backtest run has none');
        writeFileSync(csv, tableCsv(report.tables.positions));
      }
      if (xlsx) await writeReportXlsx(report, xlsx);
      ctx.stdout(ctx.json ? JSON.stringify({ book: report.summary.book, model: report.summary.model, xlsx, csv, tables: Object.keys(report.tables) }) : `wrote ${[xlsx, csv].filter(Boolean).join(' and ')} (${['Summary', ...Object.keys(report.tables)].join(', ')})`);
      return 0;
    } finally {
      db.close();
    }
  },
};
