import type { Book, MarketState, Position } from '../../engine/market';
import type { PortfolioSummary } from '../../shared/api';
import type { Db } from './database';
import { ensureAsset, instrumentFromRow, upsertInstrument, type InstrumentRow } from './instruments';

export function listPortfolios(db: Db): PortfolioSummary[] {
  const rows = db
    .prepare(
      `SELECT p.name,
              (SELECT COUNT(*) FROM positions WHERE portfolio_id = p.id) AS positionCount,
              (SELECT group_concat(asset, ',') FROM (SELECT asset FROM collateral_balances WHERE portfolio_id = p.id ORDER BY asset)) AS assets
       FROM portfolios p ORDER BY p.name`,
    )
    .all() as { name: string; positionCount: number; assets: string | null }[];
  return rows.map((r) => ({ name: r.name, positionCount: r.positionCount, collateralAssets: r.assets ? r.assets.split(',') : [] }));
}

function portfolioId(db: Db, name: string): number | undefined {
  return (db.prepare('SELECT id FROM portfolios WHERE name = ?').get(name) as { id: number } | undefined)?.id;
}

/** Id of the named portfolio, creating it when missing. */
export function ensurePortfolio(db: Db, name: string, source?: string): number {
  const existing = portfolioId(db, name);
  if (existing !== undefined) return existing;
  return Number(db.prepare('INSERT INTO portfolios (name, created_at, source) VALUES (?, ?, ?)').run(name, Date.now(), source ?? null).lastInsertRowid);
}

/** The named book with its instruments, or undefined when no portfolio has that name. */
export function getPortfolio(db: Db, name: string): Book | undefined {
  const id = portfolioId(db, name);
  if (id === undefined) return undefined;
  const rows = db
    .prepare(
      `SELECT i.*, pos.quantity, pos.avg_price FROM positions pos JOIN instruments i ON i.id = pos.instrument_id
       WHERE pos.portfolio_id = ? ORDER BY i.underlying, i.symbol`,
    )
    .all(id) as (InstrumentRow & { quantity: number; avg_price: number | null })[];
  const positions: Position[] = rows.map((row) => {
    const position: Position = { instrument: instrumentFromRow(row), quantity: row.quantity };
    if (row.avg_price !== null) position.avgPrice = row.avg_price;
    return position;
  });
  const collateral: Record<string, number> = {};
  for (const c of db.prepare('SELECT asset, amount FROM collateral_balances WHERE portfolio_id = ? ORDER BY asset').all(id) as { asset: string; amount: number }[]) {
    collateral[c.asset] = c.amount;
  }
  return { name, positions, collateral };
}

/** Inserts or replaces positions by (portfolio, instrument), creating the portfolio and instruments as needed. */
export function upsertPositions(db: Db, portfolio: string, positions: Position[]): void {
  db.transaction(() => {
    const id = ensurePortfolio(db, portfolio);
    const upsert = db.prepare(
      `INSERT INTO positions (portfolio_id, instrument_id, quantity, avg_price) VALUES (?, ?, ?, ?)
       ON CONFLICT (portfolio_id, instrument_id) DO UPDATE SET quantity = excluded.quantity, avg_price = excluded.avg_price`,
    );
    for (const p of positions) upsert.run(id, upsertInstrument(db, p.instrument), p.quantity, p.avgPrice ?? null);
  })();
}

/** Sets the collateral balances given (others are kept). */
export function setCollateral(db: Db, portfolio: string, balances: Record<string, number>): void {
  db.transaction(() => {
    const id = ensurePortfolio(db, portfolio);
    const upsert = db.prepare(
      'INSERT INTO collateral_balances (portfolio_id, asset, amount) VALUES (?, ?, ?) ON CONFLICT (portfolio_id, asset) DO UPDATE SET amount = excluded.amount',
    );
    for (const [asset, amount] of Object.entries(balances)) {
      ensureAsset(db, asset);
      upsert.run(id, asset, amount);
    }
  })();
}

/**
 * Replaces a whole book: its positions and collateral become exactly `book`'s, and `market` (if given) is stored as
 * the snapshot the book is revalued against later. Used by the portfolio JSON import and the demo.
 */
export function replacePortfolio(db: Db, book: Book, market?: MarketState, source?: string): void {
  db.transaction(() => {
    const id = ensurePortfolio(db, book.name, source);
    db.prepare('DELETE FROM positions WHERE portfolio_id = ?').run(id);
    db.prepare('DELETE FROM collateral_balances WHERE portfolio_id = ?').run(id);
    db.prepare('UPDATE portfolios SET market_json = ?, source = ? WHERE id = ?').run(market ? JSON.stringify(market) : null, source ?? null, id);
    upsertPositions(db, book.name, book.positions);
    setCollateral(db, book.name, book.collateral);
  })();
}

/** The market snapshot stored with a portfolio (portfolio JSON import), if any. */
export function getMarketSnapshot(db: Db, portfolio: string): MarketState | undefined {
  const row = db.prepare('SELECT market_json FROM portfolios WHERE name = ?').get(portfolio) as { market_json: string | null } | undefined;
  return row?.market_json ? (JSON.parse(row.market_json) as MarketState) : undefined;
}

export function deletePortfolio(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM portfolios WHERE name = ?').run(name).changes > 0;
}
