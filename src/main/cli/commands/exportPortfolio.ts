import { writeFileSync } from 'node:fs';
import { exportPortfolioJson } from '../../importers';
import { stringOption } from '../args';
import type { CliCommand } from '../command';
import { withStore } from '../withStore';

export const exportPortfolioCommand: CliCommand = {
  name: ['export', 'portfolio'],
  summary: 'Write a stored portfolio as portfolio JSON (to stdout or --out FILE)',
  usage: 'offset export portfolio NAME [--out FILE] [--db PATH]',
  async run(ctx) {
    if (ctx.args.length !== 1) throw new Error('expected exactly one portfolio NAME (usage: offset export portfolio NAME [--out FILE])');
    const out = stringOption(ctx.options, 'out');
    const file = await withStore(ctx, (db) => exportPortfolioJson(db, ctx.args[0]), { readonly: true });
    const text = `${JSON.stringify(file, null, 2)}\n`;
    if (!out) {
      ctx.stdout(text.trimEnd());
      return 0;
    }
    writeFileSync(out, text);
    ctx.stdout(ctx.json ? JSON.stringify({ portfolio: file.name, out, positions: file.positions.length }) : `wrote portfolio '${file.name}' (${file.positions.length} positions) to ${out}`);
    return 0;
  },
};
