/**
 * What the store holds: one row per series (rows, first and last point, missing steps, sources) and, beside it,
 * every gap of the regular series (last point before the hole, next point after it, how many days or bars are
 * missing). Both grids sort, filter and export to CSV.
 */
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useRef } from 'react';
import type { DataCoverage, SeriesCoverage, SeriesGap } from '../../../../shared/contract/data';
import { GridCsvButton } from '../../export/GridCsvButton';
import { gridTheme } from '../../grid';
import { formatSeriesTime, gapUnit, isIntradayKey } from './dataFormat';

const TABLE_LABELS: Record<SeriesCoverage['table'], string> = {
  price_bars: 'Price bars',
  vol_series: 'Implied-vol index',
  funding_rates: 'Funding rates',
  option_quotes: 'Option chain',
};

const defaultColDef: ColDef = { sortable: true, filter: true, resizable: true };
const parseIso = (iso: string | null) => (iso === null ? null : Date.parse(iso));

const seriesColumns: ColDef<SeriesCoverage>[] = [
  { field: 'key', headerName: 'Series', minWidth: 130, flex: 1.3, pinned: 'left' },
  { colId: 'table', headerName: 'Kind', minWidth: 120, flex: 1, valueGetter: ({ data }) => (data ? TABLE_LABELS[data.table] : '') },
  { field: 'rows', headerName: 'Rows', minWidth: 80, flex: 0.7, type: 'numericColumn', filter: 'agNumberColumnFilter', valueFormatter: ({ value }) => (value as number).toLocaleString('en-US') },
  {
    colId: 'first',
    headerName: 'First (UTC)',
    minWidth: 150,
    flex: 1.1,
    valueGetter: ({ data }) => parseIso(data?.first ?? null),
    valueFormatter: ({ data, value }) => formatSeriesTime(value as number | null, data ? isIntradayKey(data.key) || data.table === 'option_quotes' : false),
  },
  {
    colId: 'last',
    headerName: 'Last (UTC)',
    minWidth: 150,
    flex: 1.1,
    valueGetter: ({ data }) => parseIso(data?.last ?? null),
    valueFormatter: ({ data, value }) => formatSeriesTime(value as number | null, data ? isIntradayKey(data.key) || data.table === 'option_quotes' : false),
  },
  {
    field: 'gaps',
    headerName: 'Missing',
    headerTooltip: 'Missing steps between first and last: calendar days (daily series), 4h bars, funding intervals. Snapshots: —',
    minWidth: 115,
    flex: 0.9,
    filter: 'agNumberColumnFilter',
    valueFormatter: ({ data, value }) => (value === null || !data ? '—' : gapUnit(data.key, value as number)),
    cellClass: ({ value }) => ((value as number | null) ? 'negative' : ''),
  },
  { colId: 'sources', headerName: 'Sources', minWidth: 140, flex: 1.4, valueGetter: ({ data }) => data?.sources.join(', ') ?? '', tooltipValueGetter: ({ value }) => value as string },
];

const gapColumns: ColDef<SeriesGap>[] = [
  { field: 'key', headerName: 'Series', minWidth: 110, flex: 1 },
  {
    field: 'missing',
    headerName: 'Missing',
    minWidth: 110,
    flex: 0.9,
    filter: 'agNumberColumnFilter',
    valueFormatter: ({ data, value }) => (data ? gapUnit(data.key, value as number) : ''),
  },
  { field: 'after', headerName: 'Last before (UTC)', minWidth: 150, flex: 1.2, valueFormatter: ({ data, value }) => formatSeriesTime(value as number, data ? isIntradayKey(data.key) : false) },
  { field: 'before', headerName: 'Next after (UTC)', minWidth: 150, flex: 1.2, valueFormatter: ({ data, value }) => formatSeriesTime(value as number, data ? isIntradayKey(data.key) : false) },
];

export function CoveragePanel({ coverage }: { coverage: DataCoverage }) {
  const seriesGrid = useRef<AgGridReact<SeriesCoverage>>(null);
  const gapsGrid = useRef<AgGridReact<SeriesGap>>(null);
  const totalMissing = coverage.gaps.reduce((sum, g) => sum + g.missing, 0);
  return (
    <div className="coverage-panels">
      <section className="data-panel coverage-panel" aria-label="Series coverage">
        <header className="panel-header">
          <h2>Series coverage</h2>
          <span className="muted">{coverage.series.length} series</span>
          <GridCsvButton grid={seriesGrid} fileName="offset-series-coverage" />
        </header>
        {coverage.series.length === 0 ? (
          <p className="muted">Nothing imported yet: drop the price, vol, funding and chain files above.</p>
        ) : (
          <div className="data-grid coverage-grid">
            <AgGridReact ref={seriesGrid} theme={gridTheme} rowData={coverage.series} columnDefs={seriesColumns} defaultColDef={defaultColDef} getRowId={({ data }) => `${data.table}:${data.key}`} tooltipShowDelay={300} />
          </div>
        )}
      </section>
      <section className="data-panel gaps-panel" aria-label="Gaps">
        <header className="panel-header">
          <h2>Gaps</h2>
          <span className="muted">
            {coverage.gaps.length} gaps, {totalMissing.toLocaleString('en-US')} missing steps
          </span>
          <GridCsvButton grid={gapsGrid} fileName="offset-series-gaps" />
        </header>
        {coverage.gaps.length === 0 ? (
          <p className="muted">No gaps: every regular series is complete between its first and last point.</p>
        ) : (
          <div className="data-grid gaps-grid">
            <AgGridReact ref={gapsGrid} theme={gridTheme} rowData={coverage.gaps} columnDefs={gapColumns} defaultColDef={defaultColDef} getRowId={({ data }) => `${data.key}:${data.after}`} />
          </div>
        )}
      </section>
    </div>
  );
}
