import { InstrumentSymbolError, parseDeribitSymbol, type Instrument } from '../../engine/instrument';
import { ImpliedVolError, impliedVolBlack76 } from '../../engine/pricing/impliedVol';
import { timeToExpiry } from '../../engine/time';
import { upsertInstrument, type Db } from '../store';
import { duplicateGuard, importCsv, requireColumns, sourceOf, type ProgressCallback } from './csvImport';
import type { CsvRow } from './csvRow';

export interface ChainImportOptions {
  /** Snapshot time (UTC ms) all rows are filed under; default: the first row's creation_timestamp_utc. */
  snapshotTime?: number;
  source?: string;
  onProgress?: ProgressCallback;
}

export interface ChainImportResult {
  rows: number;
  series: string[];
  snapshotTime: number;
  /** Rows whose mark IV was backed out of the mark price (the file had none). */
  ivDerived: number;
  /** Rows left without IV: no IV exists for the mark (e.g. a zero mark or one at intrinsic value). */
  ivMissing: number;
}

const REQUIRED = ['instrument_name', 'underlying_price', 'mark_price', 'creation_timestamp_utc'];

/**
 * Mark IV (decimal) from the mark price by Black-76 on the row's underlying (forward) price. Inverse options are
 * quoted in coin: USD price = mark x F. Null when no vol reproduces the mark.
 */
export function markIvFromPrice(instrument: Instrument, markPrice: number, forward: number, rate: number, quoteTime: number): number | null {
  const usdPrice = instrument.settlement === 'inverse' ? markPrice * forward : markPrice;
  try {
    return impliedVolBlack76({ right: instrument.right!, forward, strike: instrument.strike!, t: timeToExpiry(quoteTime, instrument.expiry!), rate, price: usdPrice });
  } catch (error) {
    if (error instanceof ImpliedVolError) return null;
    throw error;
  }
}

function parseOption(row: CsvRow): Instrument {
  let instrument: Instrument;
  try {
    instrument = parseDeribitSymbol(row.text('instrument_name'));
  } catch (error) {
    if (error instanceof InstrumentSymbolError) row.fail('instrument_name', error.message);
    throw error;
  }
  if (instrument.kind !== 'option') row.fail('instrument_name', 'is not an option');
  // Redundant columns must agree with the symbol: a mismatch means a corrupted or shifted row.
  if (row.optionalText('expiry_utc') !== null && row.time('expiry_utc') !== instrument.expiry) row.fail('expiry_utc', `does not match the symbol's expiry`);
  if (row.optionalText('strike') !== null && row.number('strike', 'positive') !== instrument.strike) row.fail('strike', `does not match the symbol's strike`);
  if (row.optionalText('option_type') !== null && row.text('option_type') !== (instrument.right === 'call' ? 'C' : 'P')) row.fail('option_type', `does not match the symbol`);
  return instrument;
}

/**
 * Imports a Deribit option chain snapshot (get_book_summary_by_currency columns, docs/cli.md). Instruments come from
 * parseDeribitSymbol; a `mark_iv` column (vol points) is used when present, else IV is derived from the mark price.
 * Upsert by (instrument, snapshot time).
 */
export async function importChain(db: Db, path: string, options: ChainImportOptions = {}): Promise<ChainImportResult> {
  const source = sourceOf(path, options.source);
  const guard = duplicateGuard<string>();
  const underlyings = new Set<string>();
  const instrumentIds = new Map<string, number>();
  let snapshotTime = options.snapshotTime;
  let ivDerived = 0;
  let ivMissing = 0;
  let upsert: ReturnType<Db['prepare']>;
  const rows = await importCsv(
    db,
    path,
    {
      checkHeader: (columns, fail) => requireColumns(columns, REQUIRED, fail),
      begin() {
        upsert = db.prepare(
          `INSERT INTO option_quotes (instrument_id, snapshot_ts, quote_ts, mark_price, mark_iv, bid, ask, mid, last, underlying_index,
             underlying_price, index_price, interest_rate, open_interest, volume, volume_usd, source)
           VALUES (@id, @snapshot, @quoteTs, @mark, @iv, @bid, @ask, @mid, @last, @underlyingIndex, @underlyingPrice, @indexPrice,
             @rate, @openInterest, @volume, @volumeUsd, @source)
           ON CONFLICT (instrument_id, snapshot_ts) DO UPDATE SET quote_ts = excluded.quote_ts, mark_price = excluded.mark_price,
             mark_iv = excluded.mark_iv, bid = excluded.bid, ask = excluded.ask, mid = excluded.mid, last = excluded.last,
             underlying_index = excluded.underlying_index, underlying_price = excluded.underlying_price, index_price = excluded.index_price,
             interest_rate = excluded.interest_rate, open_interest = excluded.open_interest, volume = excluded.volume,
             volume_usd = excluded.volume_usd, source = excluded.source`,
        );
      },
      row(row) {
        const instrument = parseOption(row);
        guard(row, instrument.symbol, 'instrument_name');
        const quoteTs = row.time('creation_timestamp_utc');
        snapshotTime ??= quoteTs;
        // A zero mark is real (far out-of-the-money wings); negative is not.
        const mark = row.number('mark_price', 'nonNegative');
        const underlyingPrice = row.number('underlying_price', 'positive');
        const rate = row.optionalNumber('interest_rate') ?? 0;
        const bid = row.optionalNumber('bid_price', 'positive');
        const ask = row.optionalNumber('ask_price', 'positive');
        if (bid !== null && ask !== null && bid > ask) row.fail('bid_price', `is above ask ${ask}`);
        const givenIvPoints = row.optionalNumber('mark_iv', 'nonNegative');
        let iv = givenIvPoints === null ? null : givenIvPoints / 100;
        if (givenIvPoints === null) {
          iv = markIvFromPrice(instrument, mark, underlyingPrice, rate, quoteTs);
          if (iv === null) ivMissing++;
          else ivDerived++;
        }
        underlyings.add(instrument.underlying);
        let id = instrumentIds.get(instrument.symbol);
        if (id === undefined) instrumentIds.set(instrument.symbol, (id = upsertInstrument(db, instrument)));
        upsert.run({
          id,
          snapshot: snapshotTime,
          quoteTs,
          mark,
          iv,
          bid,
          ask,
          mid: row.optionalNumber('mid_price', 'positive'),
          last: row.optionalNumber('last', 'positive'),
          underlyingIndex: row.optionalText('underlying_index'),
          underlyingPrice,
          indexPrice: row.optionalNumber('estimated_delivery_price', 'positive'),
          rate,
          openInterest: row.optionalNumber('open_interest', 'nonNegative'),
          volume: row.optionalNumber('volume', 'nonNegative'),
          volumeUsd: row.optionalNumber('volume_usd', 'nonNegative'),
          source,
        });
      },
    },
    options.onProgress,
  );
  return { rows, series: [...underlyings].map((u) => `${u} options`), snapshotTime: snapshotTime ?? Number.NaN, ivDerived, ivMissing };
}
