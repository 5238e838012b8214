/**
 * Per-position P&L of one heatmap cell: an AG Grid (symbol, quantity, USD P&L) with a pinned total and CSV export.
 * The grid is as tall as its rows (the view scrolls): a book's positions per group are few, and a grid without its
 * own vertical scrollbar keeps the right-hand P&L column whole.
 */
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef } from 'react';
import type { HeatmapGroup } from '../../../../shared/contract/scenarios';
import { GridCsvButton } from '../../export/GridCsvButton';
import { formatCurrency, formatQuantity } from '../../format';
import { gridTheme } from '../../grid';
import type { CellRef } from './heatmapOption';

interface Row {
  symbol: string;
  quantity: number | null;
  pnl: number;
}

const columns: ColDef<Row>[] = [
  { field: 'symbol', headerName: 'Position', flex: 1, minWidth: 200 },
  { field: 'quantity', headerName: 'Quantity', type: 'rightAligned', width: 150, valueFormatter: ({ value }) => (value === null ? '' : formatQuantity(value)) },
  {
    field: 'pnl',
    headerName: 'Scenario P&L (USD)',
    type: 'rightAligned',
    width: 200,
    sort: 'asc',
    valueFormatter: ({ value }) => formatCurrency(value, 'USD'),
    cellClassRules: { negative: ({ value }) => value < 0 },
  },
];

export function PositionPnlGrid({ group, cell, title, fileName }: { group: HeatmapGroup; cell: CellRef; title: string; fileName: string }) {
  const grid = useRef<AgGridReact<Row>>(null);
  const cells = group.pnl.length;
  const index = cell.priceIndex * group.volShocks.length + cell.volIndex;
  const rows = useMemo(
    () => group.positions.map((p, r) => ({ symbol: p.symbol, quantity: p.quantity, pnl: group.positionPnl[r * cells + index] })),
    [group, cells, index],
  );
  const total = useMemo(() => [{ symbol: 'Total', quantity: null, pnl: group.pnl[index] }], [group, index]);
  return (
    <div className="scenario-positions">
      <div className="scenario-positions-bar">
        <h2>{title}</h2>
        <GridCsvButton grid={grid} fileName={fileName} />
      </div>
      <div className="scenario-positions-grid">
        <AgGridReact<Row>
          ref={grid}
          theme={gridTheme}
          rowData={rows}
          columnDefs={columns}
          pinnedBottomRowData={total}
          getRowId={({ data }) => data.symbol}
          defaultColDef={{ sortable: true, resizable: true }}
          domLayout="autoHeight"
        />
      </div>
    </div>
  );
}
