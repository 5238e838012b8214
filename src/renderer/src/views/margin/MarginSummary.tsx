/**
 * The chosen model's margin on the workspace book: initial and maintenance margin, equity, excess, available
 * funds, margin ratio and the distance to liquidation as figures, then the breakdown lines (which add up to the
 * initial margin) in a grid with CSV export.
 */
import { AgGridReact } from 'ag-grid-react';
import { useRef } from 'react';
import type { MarginReport } from '../../../../shared/contract/risk';
import { GridCsvButton } from '../../export/GridCsvButton';
import { formatCurrency, formatNumber, formatPercent } from '../../format';
import { gridTheme } from '../../grid';

type Component = MarginReport['components'][number];

const usd = (x: number | null | undefined) => formatCurrency(x, 'USD');

function liquidationText(side: { spotMove: number } | null | undefined): string {
  if (side === undefined) return 'not computed';
  if (side === null) return 'not reached';
  return `${side.spotMove > 0 ? '+' : ''}${formatPercent(side.spotMove, 1)}`;
}

export function MarginFigures({ report }: { report: MarginReport }) {
  const { account } = report;
  const figures: [string, string, string, boolean?][] = [
    ['Initial margin', usd(report.initialMargin), 'USD the model requires to open and hold the book'],
    ['Maintenance margin', usd(report.maintenanceMargin), 'USD below which the account is liquidated'],
    ['Equity', usd(account.equity), `collateral ${usd(account.collateralValue)} + positions ${usd(account.positionsValue)}`],
    ['Excess', usd(account.excess), 'equity − maintenance margin', account.excess < 0],
    ['Available funds', usd(account.availableFunds), 'equity − initial margin: room for new trades', account.availableFunds < 0],
    ['Margin ratio', account.marginRatio === null ? 'equity ≤ 0' : formatPercent(account.marginRatio, 1), 'maintenance / equity; liquidation at 100%', account.marginRatio === null || account.marginRatio >= 1],
    [
      'Distance to liquidation',
      `${liquidationText(account.liquidation?.down)} / ${liquidationText(account.liquidation?.up)}`,
      'uniform spot move of every underlying, down / up, at which equity falls to maintenance',
    ],
  ];
  return (
    <dl className="margin-figures" aria-label="Margin figures">
      {figures.map(([label, value, note, bad]) => (
        <div key={label} className="margin-figure" title={note}>
          <dt>{label}</dt>
          <dd className={bad ? 'negative' : undefined}>{value}</dd>
          <span className="muted">{note}</span>
        </div>
      ))}
    </dl>
  );
}

const breakdownColumns = [
  { field: 'name' as const, headerName: 'Line', minWidth: 200, flex: 2 },
  { field: 'group' as const, headerName: 'Group', minWidth: 90, flex: 1 },
  {
    field: 'amount' as const,
    headerName: 'Amount USD',
    minWidth: 130,
    flex: 1,
    type: 'numericColumn',
    valueFormatter: ({ value }: { value: number | null }) => formatNumber(value, 2),
    cellClassRules: { negative: ({ value }: { value: number | null }) => typeof value === 'number' && value < 0 },
  },
  { field: 'description' as const, headerName: 'How it is computed', minWidth: 280, flex: 4, tooltipField: 'description' as const },
];

export function MarginBreakdown({ report, portfolio }: { report: MarginReport; portfolio: string }) {
  const grid = useRef<AgGridReact<Component>>(null);
  const total: Component[] = [{ name: 'Initial margin (total)', group: null, amount: report.initialMargin, description: 'sum of the lines above' }];
  return (
    <section className="margin-breakdown" aria-label="Margin breakdown">
      <div className="section-head">
        <h2>Breakdown · {report.model}</h2>
        <GridCsvButton grid={grid} fileName={`${portfolio}-margin-breakdown`} />
      </div>
      <div className="breakdown-grid">
        <AgGridReact<Component>
          ref={grid}
          theme={gridTheme}
          rowData={report.components}
          pinnedBottomRowData={total}
          columnDefs={breakdownColumns}
          defaultColDef={{ sortable: true, resizable: true }}
          domLayout="autoHeight"
          tooltipShowDelay={300}
        />
      </div>
    </section>
  );
}
