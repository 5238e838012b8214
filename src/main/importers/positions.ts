import { InstrumentSymbolError, parseDeribitSymbol } from '../../engine/instrument';
import type { Position } from '../../engine/market';
import { upsertPositions, type Db } from '../store';
import { duplicateGuard, importCsv, requireColumns, type ProgressCallback } from './csvImport';

/**
 * Imports `portfolio,instrument,quantity[,avg_price]` (instrument = Deribit symbol). Portfolios and instruments are
 * created as needed; a position upserts by (portfolio, instrument), other positions of the book are kept.
 */
export async function importPositions(db: Db, path: string, options: { onProgress?: ProgressCallback } = {}): Promise<{ rows: number; series: string[] }> {
  const guard = duplicateGuard<string>();
  const books = new Set<string>();
  const rows = await importCsv(
    db,
    path,
    {
      checkHeader: (columns, fail) => requireColumns(columns, ['portfolio', 'instrument', 'quantity'], fail),
      begin() {},
      row(row) {
        const portfolio = row.text('portfolio').trim();
        const symbol = row.text('instrument').trim();
        guard(row, `${portfolio}\u0000${symbol}`, 'instrument');
        let position: Position;
        try {
          position = { instrument: parseDeribitSymbol(symbol), quantity: row.number('quantity') };
        } catch (error) {
          if (error instanceof InstrumentSymbolError) row.fail('instrument', error.message);
          throw error;
        }
        const avgPrice = row.optionalNumber('avg_price', 'nonNegative');
        if (avgPrice !== null) position.avgPrice = avgPrice;
        upsertPositions(db, portfolio, [position]);
        books.add(portfolio);
      },
    },
    options.onProgress,
  );
  return { rows, series: [...books] };
}
