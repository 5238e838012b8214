/**
 * The Book grid's rows (src/renderer/src/views/book/bookRows.ts, pure): what-if trades from edits, exact linear
 * scaling of value and greeks for an edited quantity, and group subtotals that add up to the book total.
 */
import { describe, expect, it } from 'vitest';
import { bookRows, subtotal, tradesOf, type WhatIfEdits } from '../../../src/renderer/src/views/book/bookRows';
import type { BookRisk, PositionRiskRow } from '../../../src/shared/contract/risk';

const MAR = Date.UTC(2026, 2, 27, 8);
const JUN = Date.UTC(2026, 5, 26, 8);

function row(symbol: string, quantity: number, expiry: number | null, valueUsd: number, component: number): PositionRiskRow {
  return {
    symbol,
    kind: expiry === null ? 'perpetual' : 'option',
    underlying: symbol.split('-')[0],
    quote: 'USD',
    settlement: 'inverse',
    settleCurrency: symbol.split('-')[0],
    expiry,
    strike: null,
    right: null,
    multiplier: 1,
    quantity,
    avgPrice: null,
    mark: 1,
    vol: null,
    valueUsd,
    delta: quantity / 10,
    cashDelta: 100 * quantity,
    cashGamma: 2 * quantity,
    vegaPerPoint: 3 * quantity,
    thetaPerDay: -quantity,
    standalone: 50,
    incremental: 10,
    component,
  };
}

const risk: BookRisk = {
  portfolio: 'p',
  valuationTime: 0,
  model: 'm',
  initialMargin: 100,
  maintenanceMargin: 80,
  positions: [row('BTC-27MAR26-100000-C', -5, MAR, -500, 60), row('BTC-26JUN26-90000-C', 4, JUN, 800, 30), row('ETH-PERPETUAL', 1000, null, 0, 5)],
  collateral: [{ asset: 'BTC', amount: 2, price: 90_000, haircut: 0, value: 180_000, component: 5 }],
  totals: { valueUsd: 300, cashDelta: 0, cashGamma: 0, vegaPerPoint: 0, thetaPerDay: 0 },
  warnings: [],
};

describe('Book grid rows', () => {
  it('turns quantity edits into trades of the difference and keeps added trades, dropping zero changes', () => {
    const edits: WhatIfEdits = { quantities: { 'BTC-27MAR26-100000-C': -8, 'ETH-PERPETUAL': 1000 }, added: [{ symbol: 'BTC-27MAR26-80000-P', quantity: 2 }, { symbol: 'BTC-27MAR26-80000-P', quantity: -2 }] };
    expect(tradesOf(risk, edits)).toEqual([{ symbol: 'BTC-27MAR26-100000-C', quantity: -3 }]);
  });

  it('scales value and greeks of an edited position exactly and leaves its margins to the what-if', () => {
    const rows = bookRows(risk, { quantities: { 'BTC-27MAR26-100000-C': -10 }, added: [] }, 'none');
    const call = rows.find((r) => r.symbol === 'BTC-27MAR26-100000-C')!;
    expect(call).toMatchObject({ quantity: -10, storedQuantity: -5, valueUsd: -1000, cashDelta: -1000, vegaPerPoint: -30, thetaPerDay: 10, component: null, standalone: null });
  });

  it('groups by expiry with subtotals that add up to the total, collateral last; component sums to the initial margin', () => {
    const rows = bookRows(risk, { quantities: {}, added: [] }, 'expiry');
    const subtotals = rows.filter((r) => r.rowType === 'subtotal');
    expect(subtotals.map((r) => r.groupLabel)).toEqual(['27 Mar 2026', '26 Jun 2026', 'Undated (perpetual, spot, new trades)', 'Collateral']);
    const total = subtotal(rows.filter((r) => r.rowType !== 'subtotal'), { id: 't', rowType: 'subtotal', symbol: 'Total', underlying: '', groupIndex: -1, groupLabel: '' });
    expect(subtotals.reduce((a, r) => a + r.valueUsd!, 0)).toBe(total.valueUsd);
    expect(total.component).toBe(risk.initialMargin); // 60 + 30 + 5 + collateral 5
    expect(subtotals.every((r) => r.standalone === null && r.incremental === null)).toBe(true);
    // Each group's rows follow its subtotal.
    expect(rows.map((r) => r.groupIndex)).toEqual([0, 0, 1, 1, 2, 2, 3, 3]);
  });

  it('groups by underlying: coin collateral joins the group of its underlying', () => {
    const rows = bookRows(risk, { quantities: {}, added: [] }, 'underlying');
    const groups = rows.filter((r) => r.rowType === 'subtotal').map((r) => r.symbol);
    expect(groups).toEqual(['BTC (3)', 'ETH (1)']);
    expect(rows.find((r) => r.symbol === 'BTC (3)')!.component).toBe(95);
  });
});
