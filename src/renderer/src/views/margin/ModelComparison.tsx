/**
 * Every margin model side by side on the workspace book (standard, each grid preset, VaR, ES): the headline
 * portfolio-margin saving over standard margin, a bar chart of initial margins and a grid with the savings.
 * "Use" switches the workspace to that model.
 */
import type { ColDef } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef } from 'react';
import type { MarginModelSpec } from '../../../../shared/api';
import type { MarginComparisonResult } from '../../../../shared/contract/risk';
import { chartColors, EChart } from '../../charts/EChart';
import type { ChartOption } from '../../charts/echarts';
import { GridCsvButton } from '../../export/GridCsvButton';
import { formatCurrency, formatNumber } from '../../format';
import { gridTheme } from '../../grid';
import type { ThemeMode } from '../../theme';

type Row = MarginComparisonResult['models'][number];

export function ModelComparison(props: { comparison: MarginComparisonResult; theme: ThemeMode; current: MarginModelSpec; onUse(spec: MarginModelSpec): void }) {
  const { comparison, theme, onUse } = props;
  const { headline } = comparison;
  const grid = useRef<AgGridReact<Row>>(null);
  const option = useMemo((): ChartOption => {
    const colors = chartColors(theme);
    return {
      grid: { left: 160, right: 90, top: 8, bottom: 28 },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatCurrency(Number(v), 'USD') },
      xAxis: { type: 'value', name: 'IM, USD', nameLocation: 'middle', nameGap: 20, axisLabel: { color: colors.muted }, splitLine: { lineStyle: { color: colors.grid } }, nameTextStyle: { color: colors.muted } },
      yAxis: { type: 'category', inverse: true, data: comparison.models.map((m) => m.model), axisLabel: { color: colors.text } },
      series: [
        {
          type: 'bar',
          data: comparison.models.map((m, i) => ({ value: m.initialMargin, itemStyle: { color: i === 0 ? colors.muted : m.model === headline.bestPortfolioModel ? colors.positive : colors.accent } })),
          label: { show: true, position: 'right', color: colors.text, formatter: ({ value }: { value: number }) => formatNumber(value, 0) },
        },
      ],
    };
  }, [comparison, theme, headline.bestPortfolioModel]);

  const columns = useMemo(
    (): ColDef<Row>[] => [
      { field: 'model', headerName: 'Model', minWidth: 190, flex: 2 },
      { field: 'initialMargin', headerName: 'Initial margin USD', minWidth: 130, flex: 1, type: 'numericColumn', valueFormatter: ({ value }) => formatNumber(value, 0) },
      { field: 'maintenanceMargin', headerName: 'Maintenance USD', minWidth: 130, flex: 1, type: 'numericColumn', valueFormatter: ({ value }) => formatNumber(value, 0) },
      {
        field: 'savingVsStandard',
        headerName: 'Saving vs standard USD',
        minWidth: 150,
        flex: 1,
        type: 'numericColumn',
        valueFormatter: ({ value }) => formatNumber(value, 0),
        cellClassRules: { negative: ({ value }) => typeof value === 'number' && value < 0 },
      },
      { field: 'savingPct', headerName: 'Saving %', minWidth: 100, flex: 1, type: 'numericColumn', valueFormatter: ({ value }) => `${formatNumber(value, 1)}%` },
      {
        colId: 'use',
        headerName: '',
        minWidth: 90,
        maxWidth: 110,
        sortable: false,
        cellRenderer: ({ data }: { data?: Row }) =>
          data && JSON.stringify(data.spec) === JSON.stringify(props.current) ? (
            <span className="muted">in use</span>
          ) : (
            <button type="button" className="use-model" onClick={() => data && onUse(data.spec)}>
              Use
            </button>
          ),
      },
    ],
    [onUse, props.current],
  );

  return (
    <section className="model-comparison" aria-label="Model comparison">
      <div className="section-head">
        <h2>All models side by side</h2>
        <GridCsvButton grid={grid} fileName={`${comparison.portfolio}-model-comparison`} />
      </div>
      <p className="comparison-headline">
        Portfolio margin saves <strong>{formatCurrency(headline.saving, 'USD')}</strong> ({formatNumber(headline.savingPct, 1)}%) over standard margin (
        {formatCurrency(headline.standardInitialMargin, 'USD')}) with <strong>{headline.bestPortfolioModel}</strong>.
      </p>
      <EChart option={option} label="Initial margin by model, USD" className="comparison-chart" />
      <div className="comparison-grid">
        <AgGridReact<Row> ref={grid} theme={gridTheme} rowData={comparison.models} columnDefs={columns} domLayout="autoHeight" getRowId={({ data }) => data.model} />
      </div>
    </section>
  );
}
