/**
 * Columns of the Book grid (rows from ./book/bookRows.ts): instrument, quantity (editable for the what-if), mark,
 * value, greeks in USD (cash delta, cash gamma per 1% move, vega per vol point, theta per day) and the margin
 * attribution. Subtotal and total rows leave standalone and incremental margin empty: they do not add up.
 */
import type { CellClassParams, ColDef, ValueFormatterParams } from 'ag-grid-community';
import { formatCurrency, formatNumber, formatQuantity, formatUtcDate } from '../format';
import type { BookGridRow } from './book/bookRows';

/**
 * AG Grid date filter comparator: the filter date is local midnight of the picked calendar day, expiries are UTC
 * instants (Deribit 08:00 UTC), so compare calendar days, the expiry's in UTC. Returns <0, 0, >0 as the expiry's
 * day is before, on or after the picked day.
 */
export function compareExpiryDayToFilterDate(filterLocalMidnight: Date, expiry: Date): number {
  const expiryDay = Date.UTC(expiry.getUTCFullYear(), expiry.getUTCMonth(), expiry.getUTCDate());
  const filterDay = Date.UTC(filterLocalMidnight.getFullYear(), filterLocalMidnight.getMonth(), filterLocalMidnight.getDate());
  return Math.sign(expiryDay - filterDay);
}

const UNITS_NOTE =
  'Coins for spot, linear contracts and options; contracts of the USD face value (BTC 10, ETH 1) for inverse perpetuals and futures. Double-click (or Enter) to edit: the margin change appears above the grid; nothing is saved.';

type Params = ValueFormatterParams<BookGridRow>;

/** Inverse options are quoted in the coin (Deribit: 0.045 BTC); collateral at its USD price; the rest in USD. */
function formatMark({ data, value }: Params): string {
  if (!data || value == null) return '';
  if (data.kind === 'option' && data.settlement === 'inverse') return `${formatNumber(value, 4)} ${data.underlying}`;
  return formatCurrency(value, 'USD');
}

const usd = ({ value }: Params) => (value == null ? '' : formatNumber(value, 0));
const isNegative = ({ value }: CellClassParams<BookGridRow>) => typeof value === 'number' && value < -0.5;

function numberColumn(field: keyof BookGridRow, headerName: string, headerTooltip: string, format = usd): ColDef<BookGridRow> {
  return { field, headerName, headerTooltip: `${headerTooltip} USD.`, minWidth: 84, flex: 1, type: 'numericColumn', filter: false, valueFormatter: format, cellClassRules: { negative: isNegative } };
}

/** Below this grid width the expiry column is hidden (the Deribit symbol carries the expiry too). */
export const EXPIRY_COLUMN_MIN_GRID_WIDTH = 1150;

export const bookColumns: ColDef<BookGridRow>[] = [
  { field: 'symbol', headerName: 'Instrument', minWidth: 155, flex: 2, pinned: 'left', tooltipField: 'symbol' },
  {
    colId: 'expiry',
    headerName: 'Expiry',
    minWidth: 100,
    flex: 1,
    valueGetter: ({ data }) => (data?.expiry == null ? null : new Date(data.expiry)),
    valueFormatter: ({ data }) => (data?.expiry == null ? '' : formatUtcDate(data.expiry)),
    filter: 'agDateColumnFilter',
    filterParams: { comparator: compareExpiryDayToFilterDate },
    comparator: (a: Date | null, b: Date | null) => (a?.getTime() ?? -Infinity) - (b?.getTime() ?? -Infinity),
  },
  {
    field: 'quantity',
    headerName: 'Quantity ✎',
    headerTooltip: UNITS_NOTE,
    minWidth: 90,
    flex: 1,
    type: 'numericColumn',
    filter: 'agNumberColumnFilter',
    editable: ({ data }) => data?.rowType === 'position' || data?.rowType === 'trade',
    cellEditor: 'agNumberCellEditor',
    valueFormatter: ({ value }) => (value == null ? '' : formatQuantity(value)),
    cellClassRules: {
      negative: isNegative,
      'editable-cell': ({ data }) => data?.rowType === 'position' || data?.rowType === 'trade',
      edited: ({ data }) => data?.rowType === 'trade' || (data?.rowType === 'position' && data.quantity !== data.storedQuantity),
    },
  },
  { field: 'mark', headerName: 'Mark', headerTooltip: 'USD; inverse options in coin per unit (Deribit quoting).', minWidth: 95, flex: 1, type: 'numericColumn', valueFormatter: formatMark },
  numberColumn('valueUsd', 'Value', 'Value at the mark (perpetuals and futures: 0, their value is their P&L since the mark; collateral after haircut), in'),
  numberColumn('component', 'Comp. IM', 'Component initial margin: the row’s share of the total; components of all rows (collateral included) add up to it. In'),
  numberColumn('standalone', 'Stand-alone', 'Standalone initial margin of the position alone. Does not add up (no offsets): subtotals leave it empty. In'),
  numberColumn('incremental', 'Incr. IM', 'Incremental initial margin: the book minus the book without the position. Does not add up: subtotals leave it empty. In'),
  numberColumn('cashDelta', 'Cash Δ', 'Cash delta = delta x spot: P&L per 100% spot move to first order, in'),
  numberColumn('cashGamma', 'Γ per 1%', 'Cash gamma: change of the cash delta for a 1% spot move, in'),
  numberColumn('vegaPerPoint', 'Vega/pt', 'Vega per vol point: P&L for implied vol up 1 point (0.01), in'),
  numberColumn('thetaPerDay', 'Theta/day', 'Theta: P&L of one calendar day passing, everything else unchanged, in'),
];
