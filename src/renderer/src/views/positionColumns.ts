import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { PositionRow } from '../../../shared/api';
import { formatCurrency, formatNumber, formatQuantity, formatUtcDate } from '../format';

type Formatter = (params: ValueFormatterParams<PositionRow>) => string;

/** Inverse options are quoted in the coin (Deribit: 0.045 BTC); everything else in the quote currency. */
const formatAvgPrice: Formatter = ({ data, value }) => {
  if (!data) return '';
  const coinQuoted = data.kind === 'option' && data.settlement === 'inverse';
  return coinQuoted ? formatCurrency(value, data.underlying) : formatCurrency(value, data.quote);
};

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
  'Coins for spot, linear contracts and options; contracts of the USD face value (BTC 10, ETH 1) for inverse perpetuals and futures.';

export const positionColumns: ColDef<PositionRow>[] = [
  { field: 'symbol', headerName: 'Instrument', minWidth: 180, flex: 2, pinned: 'left' },
  { field: 'kind', headerName: 'Kind', minWidth: 95, flex: 1 },
  { field: 'underlying', headerName: 'Underlying', minWidth: 115, flex: 1 },
  {
    colId: 'expiry',
    headerName: 'Expiry',
    minWidth: 120,
    flex: 1,
    valueGetter: ({ data }) => (data?.expiry == null ? null : new Date(data.expiry)),
    valueFormatter: ({ data }) => (data?.expiry == null ? '' : formatUtcDate(data.expiry)),
    filter: 'agDateColumnFilter',
    filterParams: { comparator: compareExpiryDayToFilterDate },
    comparator: (a: Date | null, b: Date | null) => (a?.getTime() ?? -Infinity) - (b?.getTime() ?? -Infinity),
  },
  {
    field: 'strike',
    headerName: 'Strike',
    minWidth: 95,
    flex: 1,
    type: 'numericColumn',
    filter: 'agNumberColumnFilter',
    valueFormatter: ({ value }) => (value == null ? '' : formatNumber(value, 0)),
  },
  { field: 'right', headerName: 'Right', minWidth: 85, flex: 1 },
  { field: 'settlement', headerName: 'Settlement', minWidth: 115, flex: 1 },
  {
    field: 'quantity',
    headerName: 'Quantity',
    headerTooltip: UNITS_NOTE,
    minWidth: 115,
    flex: 1,
    type: 'numericColumn',
    filter: 'agNumberColumnFilter',
    valueFormatter: ({ value }) => formatQuantity(value),
    cellClassRules: { negative: ({ value }) => typeof value === 'number' && value < 0 },
  },
  {
    field: 'avgPrice',
    headerName: 'Avg price',
    minWidth: 130,
    flex: 1,
    type: 'numericColumn',
    filter: 'agNumberColumnFilter',
    valueFormatter: formatAvgPrice,
  },
];
