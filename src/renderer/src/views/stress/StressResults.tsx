/**
 * Results of a stress run: account summary (equity, maintenance margin, excess, model), one grid row per scenario
 * (P&L, equity after, survive/fail coloured, top contributors), the per-position P&L of the clicked scenario, a bar
 * chart of the worst scenarios and the reverse stress moves.
 */
import type { ColDef } from 'ag-grid-community';
import type { AgGridReact as AgGridReactType } from 'ag-grid-react';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef, useState } from 'react';
import type { StressReport, StressScenarioResult } from '../../../../shared/contract/stress';
import { chartColors, EChart } from '../../charts/EChart';
import { GridCsvButton } from '../../export/GridCsvButton';
import { formatCurrency, formatPercent } from '../../format';
import { gridTheme } from '../../grid';
import { useWorkspace } from '../../workspace';
import { gridHeight } from './ScenarioEditor';
import { worstChartOption } from './worstChart';

/** Grid row id and selection key: names are unique within a source. */
const keyOf = (s: StressScenarioResult) => `${s.source}|${s.scenario}`;
const usd = (p: { value: number | null | undefined }) => formatCurrency(p.value, 'USD');
const negativeClass = (p: { value: number | null | undefined }) => ((p.value ?? 0) < 0 ? 'negative' : '');

const scenarioColumns: ColDef<StressScenarioResult>[] = [
  { field: 'scenario', headerName: 'Scenario', pinned: 'left', minWidth: 220, flex: 2, tooltipField: 'scenario' },
  { field: 'source', headerName: 'Source', minWidth: 130, flex: 1 },
  { field: 'pnl', headerName: 'P&L (USD)', type: 'rightAligned', minWidth: 130, flex: 1, valueFormatter: usd, cellClass: negativeClass, sort: 'asc' },
  { field: 'equityAfter', headerName: 'Equity after (USD)', type: 'rightAligned', minWidth: 130, flex: 1, valueFormatter: usd },
  {
    colId: 'margin',
    headerName: 'Excess after (USD)',
    headerTooltip: 'Equity after the shock minus the maintenance margin required now',
    type: 'rightAligned',
    minWidth: 130,
    flex: 1,
    valueGetter: (p) => (p.data ? p.data.equityAfter - p.data.maintenanceMargin : null),
    valueFormatter: usd,
    cellClass: negativeClass,
  },
  {
    colId: 'result',
    headerName: 'Result',
    minWidth: 90,
    width: 100,
    valueGetter: (p) => (p.data?.survives ? 'survives' : 'FAILS'),
    cellClass: (p) => (p.data?.survives ? 'stress-survives' : 'stress-fails'),
  },
  {
    colId: 'contributors',
    headerName: 'Top contributors (USD)',
    minWidth: 240,
    flex: 2,
    valueGetter: (p) => p.data?.topContributors.map((c) => `${c.instrument} ${formatCurrency(c.pnl, 'USD')}`).join('; ') || '—',
    tooltipValueGetter: (p) => p.value as string,
  },
];

interface PositionPnlRow {
  instrument: string;
  pnl: number;
  share: number | null;
}

const positionColumns: ColDef<PositionPnlRow>[] = [
  { field: 'instrument', headerName: 'Position', minWidth: 200, flex: 2 },
  { field: 'pnl', headerName: 'P&L (USD)', type: 'rightAligned', minWidth: 120, flex: 1, valueFormatter: usd, cellClass: negativeClass, sort: 'asc' },
  { field: 'share', headerName: 'Share of book P&L', type: 'rightAligned', minWidth: 110, flex: 1, valueFormatter: (p) => formatPercent(p.value, 1) },
];

export function StressResults({ report }: { report: StressReport }) {
  const { theme } = useWorkspace();
  const grid = useRef<AgGridReactType<StressScenarioResult>>(null);
  const positionsGrid = useRef<AgGridReactType<PositionPnlRow>>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const chartOption = useMemo(() => worstChartOption(report, chartColors(theme)), [report, theme]);
  const onBarClick = (e: { name: string }) => {
    const clicked = report.scenarios.find((s) => s.scenario === e.name);
    if (clicked) setSelected(keyOf(clicked));
  };
  const failures = report.scenarios.filter((s) => !s.survives).length;
  const scenario = report.scenarios.find((s) => keyOf(s) === selected) ?? null;
  const positionRows: PositionPnlRow[] = scenario
    ? Object.entries(scenario.positionPnl).map(([instrument, pnl]) => ({ instrument, pnl, share: scenario.pnl !== 0 ? pnl / scenario.pnl : null }))
    : [];

  return (
    <section className="stress-results" aria-label="Stress results">
      <dl className="stress-summary">
        <div>
          <dt>Equity</dt>
          <dd className="num">{formatCurrency(report.equity, 'USD')}</dd>
        </div>
        <div>
          <dt>Maintenance margin ({report.model})</dt>
          <dd className="num">{formatCurrency(report.maintenanceMargin, 'USD')}</dd>
        </div>
        <div>
          <dt>Excess</dt>
          <dd className={`num ${report.excess < 0 ? 'negative' : ''}`}>{formatCurrency(report.excess, 'USD')}</dd>
        </div>
        <div>
          <dt>Scenarios failed</dt>
          <dd className={`num ${failures > 0 ? 'negative' : ''}`} data-testid="stress-failures">
            {failures} of {report.scenarios.length}
          </dd>
        </div>
      </dl>
      {report.skippedWindows.length > 0 && <p className="muted stress-hint">Skipped: {report.skippedWindows.join('; ')}</p>}
      <div className="stress-results-main">
        <div className="stress-results-table">
          <div className="stress-table-head">
            <h2>Scenarios (click one for its positions)</h2>
            <GridCsvButton grid={grid} fileName={`stress-results-${report.portfolio}`} />
          </div>
          <div className="stress-results-grid" style={{ height: gridHeight(report.scenarios.length, 5) }}>
            <AgGridReact<StressScenarioResult>
              ref={grid}
              theme={gridTheme}
              rowData={report.scenarios}
              columnDefs={scenarioColumns}
              defaultColDef={{ sortable: true, filter: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true }}
              getRowId={({ data }) => keyOf(data)}
              rowClassRules={{ 'stress-row-selected': (p) => p.data !== undefined && keyOf(p.data) === selected }}
              onRowClicked={(e) => setSelected(e.data ? keyOf(e.data) : null)}
              tooltipShowDelay={300}
            />
          </div>
        </div>
        <div className="stress-chart-panel">
          <h2>Worst scenarios</h2>
          <EChart option={chartOption} label="Bar chart of the worst stress scenarios by book P&L in USD" className="stress-chart" onClick={onBarClick} />
        </div>
      </div>
      <div className="stress-results-lower">
        {scenario ? (
          <div className="stress-positions">
            <div className="stress-table-head">
              <h2>
                Positions in “{scenario.scenario}”: {formatCurrency(scenario.pnl, 'USD')}
              </h2>
              <GridCsvButton grid={positionsGrid} fileName={`stress-positions-${scenario.scenario}`} />
            </div>
            <div className="stress-positions-grid" style={{ height: gridHeight(positionRows.length, 3) }}>
              <AgGridReact<PositionPnlRow> ref={positionsGrid} theme={gridTheme} rowData={positionRows} columnDefs={positionColumns} getRowId={({ data }) => data.instrument} />
            </div>
            {scenario.unshocked.length > 0 && <p className="muted stress-hint">Unshocked (no close in the history then): {scenario.unshocked.join(', ')}</p>}
          </div>
        ) : (
          <p className="muted stress-positions">Click a scenario (row or bar) to see the P&L of each position.</p>
        )}
        {report.reverseStress && <ReverseStressTable reverse={report.reverseStress} />}
      </div>
    </section>
  );
}

function ReverseStressTable({ reverse }: { reverse: NonNullable<StressReport['reverseStress']> }) {
  const rows = [...reverse.perUnderlying, ...(reverse.joint ? [reverse.joint] : [])];
  const pct = (side: { pctMove: number } | null | undefined) => (side ? formatPercent(side.pctMove, 1) : 'none within ×10');
  return (
    <section className="stress-reverse" aria-label="Reverse stress">
      <h2>Reverse stress: smallest spot move that uses up the excess</h2>
      <table>
        <thead>
          <tr>
            <th>Direction</th>
            <th className="num">Spot only, down</th>
            <th className="num">Spot only, up</th>
            <th className="num">With vol, down</th>
            <th className="num">With vol, up</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.underlying}>
              <td>{r.underlying}</td>
              <td className="num">{pct(r.spotOnly.down)}</td>
              <td className="num">{pct(r.spotOnly.up)}</td>
              <td className="num">{r.spotAndVol ? pct(r.spotAndVol.down) : 'no vol history'}</td>
              <td className="num">{r.spotAndVol ? pct(r.spotAndVol.up) : 'no vol history'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
