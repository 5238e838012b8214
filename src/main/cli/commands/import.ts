import { IMPORT_KINDS, importFile, type ImportKind } from '../../importers';
import type { BarInterval } from '../../store';
import { stringOption } from '../args';
import type { CliCommand } from '../command';
import { terminalProgress } from '../progressBar';
import { withStore } from '../withStore';

const DESCRIPTIONS: Record<ImportKind, { summary: string; options: string }> = {
  prices: { summary: 'Import OHLCV bars (date,open,high,low,close,volume or timestamp_utc,...) or the wide daily close file', options: ' [--asset BTC --interval 1d|4h] [--source NAME]' },
  vols: { summary: 'Import an implied-vol index series (date,dvol[,source]; vol points)', options: ' [--asset BTC] [--series DVOL] [--source NAME]' },
  funding: { summary: 'Import perpetual funding rates (funding_time_utc,funding_rate; decimal per interval)', options: ' [--asset BTC --instrument BTCUSDT-PERP] [--source NAME]' },
  chain: { summary: 'Import a Deribit option chain snapshot (mark IV derived from the mark price when absent)', options: ' [--source NAME]' },
  positions: { summary: 'Import positions (portfolio,instrument,quantity[,avg_price]; Deribit symbols)', options: '' },
  portfolio: { summary: 'Import a portfolio JSON file (book, collateral and market snapshot)', options: '' },
};

function intervalOption(value: string | undefined): BarInterval | undefined {
  if (value !== undefined && value !== '1d' && value !== '4h') throw new Error(`--interval must be 1d or 4h, got '${value}'`);
  return value;
}

function importCommand(kind: ImportKind): CliCommand {
  const { summary, options } = DESCRIPTIONS[kind];
  return {
    name: ['import', kind],
    summary,
    usage: `offset import ${kind} FILE${options} [--db PATH] [--json]`,
    async run(ctx) {
      if (ctx.args.length !== 1) throw new Error(`expected exactly one FILE (usage: offset import ${kind} FILE${options})`);
      const asset = stringOption(ctx.options, 'asset')?.toUpperCase();
      const interval = intervalOption(stringOption(ctx.options, 'interval'));
      const progress = terminalProgress(`import ${kind}`, !ctx.json && ctx.options['no-progress'] !== true);
      const summaryOut = await withStore(ctx, async (db) => {
        try {
          return await importFile(kind, db, ctx.args[0], {
            asset,
            interval,
            series: stringOption(ctx.options, 'series'),
            instrument: stringOption(ctx.options, 'instrument'),
            source: stringOption(ctx.options, 'source'),
            onProgress: progress.update,
          });
        } finally {
          progress.done();
        }
      });
      if (ctx.json) ctx.stdout(JSON.stringify(summaryOut));
      else {
        const extra = summaryOut.details ? ` (${Object.entries(summaryOut.details).map(([k, v]) => `${k} ${v}`).join(', ')})` : '';
        ctx.stdout(`imported ${summaryOut.rows} rows from ${summaryOut.file} into ${summaryOut.series.join(', ')} in ${summaryOut.ms} ms${extra}`);
      }
      return 0;
    },
  };
}

export const importCommands: CliCommand[] = IMPORT_KINDS.map(importCommand);
