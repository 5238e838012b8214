/**
 * The Book grid's rows: positions (with the user's what-if quantity edits), what-if trades not yet in the book,
 * coin/stablecoin collateral lines (so the component column adds up to the initial margin), and, when grouped by
 * underlying or expiry, one subtotal row heading each group. AG Grid community has no row grouping, so the rows
 * are built here and kept together under sorting by BookView's postSortRows (groupIndex, subtotal first).
 */
import type { BookRisk, TradeRisk } from '../../../../shared/contract/risk';
import { parseDeribitSymbol, type Instrument } from '../../../../engine/instrument';
import { formatUtcDate } from '../../format';

export type Grouping = 'none' | 'underlying' | 'expiry';
export type BookRowType = 'position' | 'trade' | 'collateral' | 'subtotal';

export interface BookGridRow {
  id: string;
  rowType: BookRowType;
  symbol: string;
  underlying: string;
  kind: string | null;
  settlement: 'linear' | 'inverse' | null;
  quote: string | null;
  expiry: number | null;
  /** The quantity shown (edited or stored); for collateral the balance. */
  quantity: number | null;
  /** The stored quantity (positions), to see what the user changed. */
  storedQuantity: number | null;
  mark: number | null;
  valueUsd: number | null;
  delta: number | null;
  cashDelta: number | null;
  cashGamma: number | null;
  vegaPerPoint: number | null;
  thetaPerDay: number | null;
  standalone: number | null;
  incremental: number | null;
  component: number | null;
  /** Position of the row's group in display order (0 when ungrouped). */
  groupIndex: number;
  groupLabel: string;
}

/** Quantities the user typed over stored positions (symbol -> new quantity) and trades added in the what-if. */
export interface WhatIfEdits {
  quantities: Record<string, number>;
  added: { symbol: string; quantity: number }[];
}

export const NO_EDITS: WhatIfEdits = { quantities: {}, added: [] };

/** The trades the what-if prices: each edit as the difference to the stored quantity, then the added trades. */
export function tradesOf(risk: Pick<BookRisk, 'positions'>, edits: WhatIfEdits): { symbol: string; quantity: number }[] {
  const trades = risk.positions
    .filter((p) => p.symbol in edits.quantities)
    .map((p) => ({ symbol: p.symbol, quantity: edits.quantities[p.symbol] - p.quantity }))
    .filter((t) => t.quantity !== 0);
  const added = new Map<string, number>();
  for (const t of edits.added) added.set(t.symbol, (added.get(t.symbol) ?? 0) + t.quantity);
  for (const [symbol, quantity] of added) if (quantity !== 0) trades.push({ symbol, quantity });
  return trades;
}

const EMPTY_RISK = { mark: null, valueUsd: null, delta: null, cashDelta: null, cashGamma: null, vegaPerPoint: null, thetaPerDay: null, standalone: null, incremental: null, component: null };

/** The terms of a what-if trade's symbol (the add-trade form only accepts symbols that parse). */
function instrumentOf(symbol: string): Instrument | null {
  try {
    return parseDeribitSymbol(symbol);
  } catch {
    return null;
  }
}

const LINEAR = ['valueUsd', 'delta', 'cashDelta', 'cashGamma', 'vegaPerPoint', 'thetaPerDay'] as const;

/**
 * A position at an edited quantity: value and greeks are linear in quantity, so they scale exactly; margins are
 * not, so they are left to the what-if (null).
 */
function editedPosition(p: BookRisk['positions'][number], quantity: number): BookRisk['positions'][number] {
  if (quantity === p.quantity) return p;
  const scaled = { ...p, quantity, standalone: null, incremental: null, component: null };
  for (const field of LINEAR) scaled[field] = p.quantity === 0 ? 0 : (p[field] * quantity) / p.quantity;
  return scaled;
}

function baseRows(risk: BookRisk, edits: WhatIfEdits, tradeRisk: TradeRisk[]): BookGridRow[] {
  const rows: BookGridRow[] = risk.positions.map((p) => ({
    ...editedPosition(p, edits.quantities[p.symbol] ?? p.quantity),
    id: `position:${p.symbol}`,
    rowType: 'position',
    storedQuantity: p.quantity,
    groupIndex: 0,
    groupLabel: '',
  }));
  edits.added.forEach((t, i) => {
    const priced = tradeRisk.find((r) => r.symbol === t.symbol);
    const perUnit = (x: number | undefined) => (priced && x !== undefined ? (x * t.quantity) / priced.quantity : null);
    const instrument = instrumentOf(t.symbol);
    rows.push({
      ...EMPTY_RISK,
      id: `trade:${i}`,
      rowType: 'trade',
      symbol: t.symbol,
      underlying: priced?.underlying ?? t.symbol.split(/[-_]/)[0],
      kind: instrument?.kind ?? null,
      settlement: instrument?.settlement ?? null,
      quote: instrument?.quote ?? null,
      expiry: instrument?.expiry ?? null,
      quantity: t.quantity,
      storedQuantity: null,
      mark: priced?.mark ?? null,
      valueUsd: perUnit(priced?.valueUsd),
      delta: perUnit(priced?.delta),
      cashDelta: perUnit(priced?.cashDelta),
      cashGamma: perUnit(priced?.cashGamma),
      vegaPerPoint: perUnit(priced?.vegaPerPoint),
      thetaPerDay: perUnit(priced?.thetaPerDay),
      groupIndex: 0,
      groupLabel: '',
    });
  });
  for (const c of risk.collateral) {
    rows.push({
      ...EMPTY_RISK,
      id: `collateral:${c.asset}`,
      rowType: 'collateral',
      symbol: `collateral ${c.asset}`,
      underlying: c.asset,
      kind: 'collateral',
      settlement: null,
      quote: null,
      expiry: null,
      quantity: c.amount,
      storedQuantity: c.amount,
      mark: c.price,
      valueUsd: c.value,
      component: c.component,
      groupIndex: 0,
      groupLabel: '',
    });
  }
  return rows;
}

function groupKey(row: BookGridRow, grouping: Grouping): { key: string; order: number; label: string } {
  if (grouping === 'underlying') return { key: row.underlying, order: 0, label: row.underlying };
  if (row.rowType === 'collateral') return { key: 'collateral', order: Number.MAX_SAFE_INTEGER, label: 'Collateral' };
  if (row.expiry === null) return { key: 'undated', order: Number.MAX_SAFE_INTEGER - 1, label: 'Undated (perpetual, spot, new trades)' };
  return { key: String(row.expiry), order: row.expiry, label: formatUtcDate(row.expiry) };
}

const ADDITIVE = ['valueUsd', 'cashDelta', 'cashGamma', 'vegaPerPoint', 'thetaPerDay', 'component'] as const;

/** Sums of the additive columns (standalone and incremental margins do not add up, so they stay empty). */
export function subtotal(rows: BookGridRow[], fields: Pick<BookGridRow, 'id' | 'rowType' | 'symbol' | 'underlying' | 'groupIndex' | 'groupLabel'>): BookGridRow {
  const row: BookGridRow = { ...EMPTY_RISK, kind: null, settlement: null, quote: null, expiry: null, quantity: null, storedQuantity: null, ...fields };
  for (const field of ADDITIVE) {
    const values = rows.map((r) => r[field]).filter((v): v is number => v !== null);
    row[field] = values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
  }
  return row;
}

/** The rows in display order: grouped with a subtotal heading each group, or flat. */
export function bookRows(risk: BookRisk, edits: WhatIfEdits, grouping: Grouping, tradeRisk: TradeRisk[] = []): BookGridRow[] {
  const rows = baseRows(risk, edits, tradeRisk);
  if (grouping === 'none') return rows;
  const groups = new Map<string, { order: number; label: string; rows: BookGridRow[] }>();
  for (const row of rows) {
    const { key, order, label } = groupKey(row, grouping);
    if (!groups.has(key)) groups.set(key, { order, label, rows: [] });
    groups.get(key)!.rows.push(row);
  }
  const ordered = [...groups.entries()].sort(([a, x], [b, y]) => x.order - y.order || a.localeCompare(b));
  return ordered.flatMap(([key, g], groupIndex) => [
    subtotal(g.rows, { id: `subtotal:${key}`, rowType: 'subtotal', symbol: `${g.label} (${g.rows.length})`, underlying: grouping === 'underlying' ? key : '', groupIndex, groupLabel: g.label }),
    ...g.rows.map((r) => ({ ...r, groupIndex, groupLabel: g.label })),
  ]);
}
