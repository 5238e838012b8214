import { generateDemo } from '../../demo';
import { numberOption, stringOption } from '../args';
import type { CliCommand } from '../command';
import { withStore } from '../withStore';

export const demoCommand: CliCommand = {
  name: ['demo'],
  summary: "Fill an EMPTY database with SYNTHETIC demo data (source 'synthetic-demo') and the book 'demo-book'",
  usage: 'offset demo [--seed N] [--days 730] [--end YYYY-MM-DD] [--db PATH] [--json]',
  async run(ctx) {
    const summary = await withStore(ctx, (db) =>
      generateDemo(db, {
        seed: numberOption(ctx.options, 'seed', Number.isSafeInteger),
        days: numberOption(ctx.options, 'days', Number.isInteger),
        end: stringOption(ctx.options, 'end'),
      }),
    );
    ctx.stdout(
      ctx.json
        ? JSON.stringify(summary)
        : `SYNTHETIC demo data written (source '${summary.source}', not market data): ${summary.bars} daily bars ${summary.from}..${summary.to}, ` +
            `${summary.volPoints} vol-index points, ${summary.optionQuotes} option quotes, portfolio '${summary.book}'`,
    );
    return 0;
  },
};
