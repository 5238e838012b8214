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
  return { field, headerName, headerTooltip, minWidth: 84, flex: 1, type: 'numericColumn', filter: 'agNumberColumnFilter', valueFormatter: format, cellClassRules: { negative: isNegative } };
}

export const bookColumns: ColDef<BookGridRow>[] = [
  { field: 'symbol', headerName: 'Instrument', minWidth: 175, flex: 2, pinned: 'left', tooltipField: 'symbol' },
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
    minWidth: 95,
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
  { field: 'mark', headerName: 'Mark', headerTooltip: 'USD; inverse options in coin per unit (Deribit quoting).', minWidth: 100, flex: 1, type: 'numericColumn', valueFormatter: formatMark },
  numberColumn('valueUsd', 'Value USD', 'Value at the mark in USD (perpetuals and futures: 0, their value is their P&L since the mark; collateral after haircut).'),
  numberColumn('component', 'Component IM', 'The position’s share of the initial margin: components of all rows (collateral included) add up to the total.'),
  numberColumn('standalone', 'Standalone IM', 'Initial margin of the position alone. Does not add up (no offsets): subtotals leave it empty.'),
  numberColumn('incremental', 'Incremental IM', 'Initial margin of the book minus the book without the position. Does not add up: subtotals leave it empty.'),
  numberColumn('cashDelta', 'Cash delta USD', 'delta x spot: USD P&L per 100% spot move, to first order.'),
  numberColumn('cashGamma', 'Gamma USD/1%', 'Change of the cash delta (USD) for a 1% spot move.'),
  numberColumn('vegaPerPoint', 'Vega USD/vol pt', 'USD per 1 vol point (0.01) of implied vol.'),
  numberColumn('thetaPerDay', 'Theta USD/day', 'USD per calendar day passing, everything else unchanged.'),
];
