import { listAssets, listInstruments, listPortfolios } from '../../store';
import { stringOption } from '../args';
import type { CliCommand, CliContext } from '../command';
import { formatTable } from '../table';
import { withStore } from '../withStore';

const isoOrEmpty = (ts: number | undefined) => (ts === undefined ? '' : new Date(ts).toISOString().replace('.000Z', 'Z'));

async function printList<T>(ctx: CliContext, rows: T[], headers: string[], cells: (row: T) => (string | number | null | undefined)[]): Promise<number> {
  ctx.stdout(ctx.json ? JSON.stringify(rows) : rows.length === 0 ? '(none)' : formatTable(headers, rows.map(cells)));
  return 0;
}

export const listCommands: CliCommand[] = [
  {
    name: ['list', 'portfolios'],
    summary: 'List stored portfolios',
    usage: 'offset list portfolios [--db PATH] [--json]',
    run: async (ctx) => printList(ctx, await withStore(ctx, listPortfolios, { readonly: true }), ['name', 'positions', 'collateral'], (p) => [p.name, p.positionCount, p.collateralAssets.join(',')]),
  },
  {
    name: ['list', 'assets'],
    summary: 'List assets (coins, stablecoins, fiat)',
    usage: 'offset list assets [--db PATH] [--json]',
    run: async (ctx) => printList(ctx, await withStore(ctx, listAssets, { readonly: true }), ['symbol', 'kind'], (a) => [a.symbol, a.kind]),
  },
  {
    name: ['list', 'instruments'],
    summary: 'List instruments (optionally of one --underlying)',
    usage: 'offset list instruments [--underlying BTC] [--db PATH] [--json]',
    run: async (ctx) => {
      const underlying = stringOption(ctx.options, 'underlying')?.toUpperCase();
      const rows = await withStore(ctx, (db) => listInstruments(db, underlying), { readonly: true });
      return printList(ctx, rows, ['symbol', 'kind', 'settlement', 'underlying', 'expiry', 'strike', 'right', 'multiplier'], (i) => [
        i.symbol,
        i.kind,
        i.settlement,
        i.underlying,
        isoOrEmpty(i.expiry),
        i.strike,
        i.right,
        i.multiplier,
      ]);
    },
  },
];
