import type { Instrument } from '../../engine/instrument';
import type { Db } from './database';

const STABLECOINS = new Set(['USDC', 'USDT', 'DAI']);
const FIATS = new Set(['USD']);

export function assetKind(symbol: string): 'crypto' | 'stablecoin' | 'fiat' {
  return STABLECOINS.has(symbol) ? 'stablecoin' : FIATS.has(symbol) ? 'fiat' : 'crypto';
}

/** Registers an asset (idempotent). */
export function ensureAsset(db: Db, symbol: string): void {
  db.prepare('INSERT INTO assets (symbol, kind) VALUES (?, ?) ON CONFLICT (symbol) DO NOTHING').run(symbol, assetKind(symbol));
}

export interface InstrumentRow {
  id: number;
  symbol: string;
  kind: Instrument['kind'];
  settlement: Instrument['settlement'];
  underlying: string;
  quote: string;
  settle_currency: string;
  expiry: number | null;
  strike: number | null;
  option_right: 'call' | 'put' | null;
  multiplier: number;
}

export function instrumentFromRow(row: InstrumentRow): Instrument {
  const instrument: Instrument = {
    symbol: row.symbol,
    kind: row.kind,
    underlying: row.underlying,
    quote: row.quote,
    settlement: row.settlement,
    settleCurrency: row.settle_currency,
    multiplier: row.multiplier,
  };
  if (row.expiry !== null) instrument.expiry = row.expiry;
  if (row.strike !== null) instrument.strike = row.strike;
  if (row.option_right !== null) instrument.right = row.option_right;
  return instrument;
}

/** Inserts or updates an instrument by symbol (and its currencies as assets); returns its id. */
export function upsertInstrument(db: Db, instrument: Instrument): number {
  for (const asset of new Set([instrument.underlying, instrument.quote, instrument.settleCurrency])) ensureAsset(db, asset);
  const row = db
    .prepare(
      `INSERT INTO instruments (symbol, kind, settlement, underlying, quote, settle_currency, expiry, strike, option_right, multiplier)
       VALUES (@symbol, @kind, @settlement, @underlying, @quote, @settleCurrency, @expiry, @strike, @right, @multiplier)
       ON CONFLICT (symbol) DO UPDATE SET kind = excluded.kind, settlement = excluded.settlement, underlying = excluded.underlying,
         quote = excluded.quote, settle_currency = excluded.settle_currency, expiry = excluded.expiry, strike = excluded.strike,
         option_right = excluded.option_right, multiplier = excluded.multiplier
       RETURNING id`,
    )
    .get({ ...instrument, expiry: instrument.expiry ?? null, strike: instrument.strike ?? null, right: instrument.right ?? null }) as { id: number };
  return row.id;
}

export function getInstrument(db: Db, symbol: string): Instrument | undefined {
  const row = db.prepare('SELECT * FROM instruments WHERE symbol = ?').get(symbol) as InstrumentRow | undefined;
  return row && instrumentFromRow(row);
}

export function listInstruments(db: Db, underlying?: string): Instrument[] {
  const rows = (underlying
    ? db.prepare('SELECT * FROM instruments WHERE underlying = ? ORDER BY symbol').all(underlying)
    : db.prepare('SELECT * FROM instruments ORDER BY underlying, symbol').all()) as InstrumentRow[];
  return rows.map(instrumentFromRow);
}

export interface AssetInfo {
  symbol: string;
  kind: string;
}

export function listAssets(db: Db): AssetInfo[] {
  return db.prepare('SELECT symbol, kind FROM assets ORDER BY symbol').all() as AssetInfo[];
}
