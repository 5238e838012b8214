import { statSync } from 'node:fs';
import { seriesInfo } from '../../store';
import type { CliCommand } from '../command';
import { formatTable } from '../table';
import { withStore } from '../withStore';

const COUNTED_TABLES = ['assets', 'instruments', 'portfolios', 'positions', 'scenario_sets', 'model_configs', 'runs'];

export const dbInfoCommand: CliCommand = {
  name: ['db', 'info'],
  summary: 'Show the database path, schema version, table counts and every series (rows, span, gaps, sources)',
  usage: 'offset db info [--db PATH] [--json]',
  async run(ctx) {
    const info = await withStore(ctx, (db) => ({
      path: db.name,
      schemaVersion: db.pragma('user_version', { simple: true }) as number,
      sizeBytes: statSync(db.name).size,
      counts: Object.fromEntries(COUNTED_TABLES.map((t) => [t, db.prepare(`SELECT COUNT(*) FROM ${t}`).pluck().get() as number])),
      series: seriesInfo(db),
    }));
    if (ctx.json) {
      ctx.stdout(JSON.stringify(info));
      return 0;
    }
    const counts = Object.entries(info.counts).map(([t, n]) => `${t} ${n}`).join(', ');
    ctx.stdout(`${info.path} (schema v${info.schemaVersion}, ${(info.sizeBytes / 1e6).toFixed(1)} MB)\n${counts}\n`);
    ctx.stdout(info.series.length === 0 ? '(no series)' : formatTable(['table', 'series', 'rows', 'first', 'last', 'gaps', 'sources'], info.series.map((s) => [s.table, s.key, s.rows, s.first, s.last, s.gaps, s.sources.join(',')])));
    return 0;
  },
};
