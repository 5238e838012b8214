/**
 * `offset export <portfolio> --model ... --xlsx FILE [--csv FILE]`: the margin report of a book as an XLSX workbook
 * (and the positions table as CSV), from the same computation as `offset margin ... --json`.
 * `offset export --run ID --xlsx FILE`: the report of a stored backtest run.
 * (`offset export portfolio NAME` is the portfolio JSON export; the dispatcher picks it by its longer command words.)
 */
import { writeFileSync } from 'node:fs';
import { DEFAULT_PRESET, defaultMarginConfig } from '../../analysis/marginModels';
import { marginReport } from '../../export/marginReport';
import type { ReportModel } from '../../export/reportModel';
import { runReport } from '../../export/runReport';
import { tableCsv } from '../../export/csv';
import { writeReportXlsx } from '../../export/xlsx';
import { getRun, loadBook, openStoreFromOptions, type Db } from '../../store';
import { WorkerPool } from '../../worker/pool';
import type { CliCommand, CliContext } from '../command';
import { MODELS, presetResult, varResult, varSpecFromOptions, type MarginRun, type ModelKind } from './margin';

const SYNTHETIC_SOURCE = 'synthetic-demo';

function text(ctx: CliContext, name: string): string | undefined {
  const v = ctx.options[name];
  if (v === true) throw new Error(`--${name} needs a value`);
  return typeof v === 'string' ? v : undefined;
}

/** True when a stored daily bar of these underlyings (any underlying: 'any') comes from `offset demo`. */
function usesSyntheticHistory(db: Db, underlyings: string[] | 'any'): boolean {
  if (underlyings === 'any') return db.prepare('SELECT 1 FROM price_bars WHERE source = ? LIMIT 1').get(SYNTHETIC_SOURCE) !== undefined;
  const q = db.prepare('SELECT 1 FROM price_bars WHERE asset = ? AND source = ? LIMIT 1');
  return underlyings.some((u) => q.get(u, SYNTHETIC_SOURCE) !== undefined);
}

async function bookReport(ctx: CliContext, db: Db, target: string): Promise<ReportModel> {
  const model = (text(ctx, 'model') ?? 'es') as ModelKind;
  if (!MODELS.includes(model)) throw new Error(`--model must be one of ${MODELS.join(', ')}, got '${model}'`);
  const workers = Number(text(ctx, 'workers') ?? 2);
  if (!(Number.isInteger(workers) && workers >= 0)) throw new Error(`--workers must be an integer >= 0, got '${text(ctx, 'workers')}'`);
  const { book, market } = loadBook(db, target);
  const run: MarginRun = { db, book, market, config: defaultMarginConfig(), workers };
  let pool: WorkerPool | undefined;
  try {
    const preset = model === 'standard' || model === 'grid' ? (text(ctx, 'preset') ?? DEFAULT_PRESET[model]) : undefined;
    const spec = model === 'var' || model === 'es' ? varSpecFromOptions(ctx, model) : undefined;
    const result = preset ? presetResult(run, model as 'standard' | 'grid', preset) : await varResult(run, spec!, () => (pool ??= new WorkerPool({ size: workers })));
    const parameters: Record<string, string | number> = preset ? { preset } : Object.fromEntries(Object.entries(spec!).filter(([, v]) => typeof v === 'number' || typeof v === 'string')) as Record<string, string | number>;
    const underlyings = [...new Set(book.positions.map((p) => p.instrument.underlying))];
    return marginReport({ book, market, result, modelKind: model, parameters, generatedAt: Date.now(), synthetic: usesSyntheticHistory(db, underlyings) });
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
      } else report = await bookReport(ctx, db, ctx.args[0]);
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
