/**
 * The Book view: the workspace portfolio's positions with value, greeks (USD) and margin attribution under the
 * workspace model, grouped by underlying or expiry with subtotals if asked; quantities are editable and trades can
 * be added for a what-if whose margin change (computed in an engine worker, debounced) shows above the grid.
 * Collateral balances below. Nothing is saved.
 */
import type { CellValueChangedEvent, GetRowIdParams, PostSortRowsParams, RowClassParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import type { MarginModelSpec, PortfolioDetail } from '../../../shared/api';
import type { BookRisk, Trade } from '../../../shared/contract/risk';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../ErrorMessage';
import { GridCsvButton } from '../export/GridCsvButton';
import { formatCurrency, formatUtcDate } from '../format';
import { gridTheme } from '../grid';
import { JobProgressBar, useAutoJob, useJob } from '../jobs';
import { useAsync } from '../useAsync';
import { modelLabel, useWorkspace } from '../workspace';
import { bookRows, NO_EDITS, subtotal, tradesOf, type BookGridRow, type Grouping, type WhatIfEdits } from './book/bookRows';
import { useWhatIf } from './book/useWhatIf';
import { AddTradeRow, WhatIfSummary } from './book/WhatIfPanel';
import { bookColumns, EXPIRY_COLUMN_MIN_GRID_WIDTH } from './positionColumns';
import './book/book.css';

const defaultColDef = { sortable: true, filter: true, resizable: true, wrapHeaderText: true, autoHeaderHeight: true };

export function BookView() {
  const { portfolio } = useWorkspace();
  return (
    <section className="view book-view">
      {portfolio === null ? (
        <div className="empty-state">
          <h1>No portfolios yet</h1>
          <p>
            Import positions with <code>offset import positions FILE.csv</code> (columns portfolio, instrument,
            quantity, avg_price; Deribit symbols) or a whole book with <code>offset import portfolio FILE.json</code>,
            or create the synthetic demo book with <code>offset demo</code>.
          </p>
        </div>
      ) : (
        <PortfolioPanel key={portfolio} name={portfolio} />
      )}
    </section>
  );
}

function PortfolioPanel({ name }: { name: string }) {
  const api = useApi();
  const detail = useAsync(() => api.getPortfolio({ name }), [api, name]);
  if (detail.status === 'failed') return <ErrorMessage title={`Could not load portfolio '${name}'`} error={detail.error} />;
  if (detail.status === 'loading') return <p className="muted">Loading {name}…</p>;
  return <PortfolioContent portfolio={detail.value} />;
}

/** Positions with every figure missing, shown while the engine job computes them (or if it fails). */
function unpriced(portfolio: PortfolioDetail): BookRisk {
  return {
    portfolio: portfolio.name,
    valuationTime: NaN,
    model: '',
    initialMargin: NaN,
    maintenanceMargin: NaN,
    positions: portfolio.positions.map((p) => ({ ...p, mark: NaN, vol: null, valueUsd: NaN, delta: NaN, cashDelta: NaN, cashGamma: NaN, vegaPerPoint: NaN, thetaPerDay: NaN, standalone: null, incremental: null, component: null })),
    collateral: [],
    totals: { valueUsd: NaN, cashDelta: NaN, cashGamma: NaN, vegaPerPoint: NaN, thetaPerDay: NaN },
    warnings: [],
  };
}

function PortfolioContent({ portfolio }: { portfolio: PortfolioDetail }) {
  const api = useApi();
  const { model } = useWorkspace();
  const modelKey = JSON.stringify(model);
  // Greeks and attribution run as a job (progress, Cancel); "Compute again" bumps `attempt` to rerun a cancelled one.
  const priced = useJob<BookRisk>();
  const rerun = useAutoJob(priced, (jobId) => api.getBookRisk({ portfolio: portfolio.name, model: JSON.parse(modelKey) as MarginModelSpec, jobId }), [api, portfolio.name, modelKey]);
  const risk = priced.state.status === 'done' ? priced.state.value : null;

  const [edits, setEdits] = useState<WhatIfEdits>(NO_EDITS);
  const [grouping, setGrouping] = useState<Grouping>('none');
  const shown = useMemo(() => risk ?? unpriced(portfolio), [risk, portfolio]);
  const trades = useMemo(() => tradesOf(shown, edits), [shown, edits]);
  const whatIf = useWhatIf(portfolio.name, model, trades);
  const rows = useMemo(() => bookRows(shown, edits, grouping, whatIf.value?.trades ?? []), [shown, edits, grouping, whatIf.value]);
  const total = useMemo(
    () => [subtotal(rows.filter((r) => r.rowType !== 'subtotal'), { id: 'total', rowType: 'subtotal', symbol: 'Total', underlying: '', groupIndex: -1, groupLabel: '' })],
    [rows],
  );

  const onCellValueChanged = useCallback((event: CellValueChangedEvent<BookGridRow>) => {
    const row = event.data;
    const value = Number(event.newValue);
    if (event.newValue == null || !Number.isFinite(value)) return event.api.refreshCells({ rowNodes: [event.node], force: true });
    setEdits((e) => {
      if (row.rowType === 'trade') {
        const index = Number(row.id.slice('trade:'.length));
        const added = e.added.map((t, i) => (i === index ? { ...t, quantity: value } : t)).filter((t) => t.quantity !== 0);
        return { ...e, added };
      }
      const quantities = { ...e.quantities, [row.symbol]: value };
      if (value === row.storedQuantity) delete quantities[row.symbol];
      return { ...e, quantities };
    });
  }, []);
  const addTrade = useCallback((trade: Trade) => setEdits((e) => ({ ...e, added: [...e.added, trade] })), []);
  const grid = useRef<AgGridReact<BookGridRow>>(null);

  return (
    <div className="portfolio-content">
      <header className="portfolio-header">
        <h1>{portfolio.name}</h1>
        <span className="muted">
          {portfolio.positions.length} positions · {modelLabel(model)}
          {risk && ` · valued ${formatUtcDate(risk.valuationTime)} ${new Date(risk.valuationTime).toISOString().slice(11, 16)} UTC`} · figures in USD
          (hover a header for its definition)
        </span>
      </header>
      <JobProgressBar job={priced} label="Greeks and margin attribution" />
      {(priced.state.status === 'cancelled' || priced.state.status === 'failed') && (
        <button type="button" className="compute-again" onClick={rerun}>
          Compute again
        </button>
      )}
      {risk && (
        <WhatIfSummary
          state={whatIf}
          initialMargin={risk.initialMargin}
          maintenanceMargin={risk.maintenanceMargin}
          model={risk.model}
          changes={trades.length}
          onReset={() => setEdits(NO_EDITS)}
        />
      )}
      {risk?.warnings.map((w) => (
        <p key={w} className="muted book-notes">
          Warning: {w}
        </p>
      ))}
      <div className="toolbar">
        <label>
          Group by{' '}
          <select aria-label="Group by" value={grouping} onChange={(e) => setGrouping(e.target.value as Grouping)}>
            <option value="none">None</option>
            <option value="underlying">Underlying</option>
            <option value="expiry">Expiry</option>
          </select>
        </label>
        <GridCsvButton grid={grid} fileName={`${portfolio.name}-book`} />
        <AddTradeRow onAdd={addTrade} />
      </div>
      <div className="positions-grid">
        <AgGridReact<BookGridRow>
          ref={grid}
          theme={gridTheme}
          rowData={rows}
          columnDefs={bookColumns}
          defaultColDef={defaultColDef}
          getRowId={rowId}
          getRowClass={rowClass}
          postSortRows={grouping === 'none' ? undefined : keepGroupsTogether}
          pinnedBottomRowData={total}
          onCellValueChanged={onCellValueChanged}
          onGridSizeChanged={({ api, clientWidth }) => api.setColumnsVisible(['expiry'], clientWidth >= EXPIRY_COLUMN_MIN_GRID_WIDTH)}
          singleClickEdit={false}
          stopEditingWhenCellsLoseFocus
          tooltipShowDelay={300}
          suppressColumnVirtualisation
        />
      </div>
      <div className="collateral-and-notes">
        <CollateralLine collateral={portfolio.collateral} />
        <p className="muted book-notes">
          Component IM of all rows (collateral included) adds up to the initial margin; standalone and incremental IM
          do not add up and are left out of subtotals. Edited quantities scale value and greeks exactly (they are
          linear); their margins show in the what-if above. Nothing is saved.
        </p>
      </div>
    </div>
  );
}

const rowId = ({ data }: GetRowIdParams<BookGridRow>) => data.id;
const rowClass = ({ data }: RowClassParams<BookGridRow>) => (data ? `${data.rowType}-row` : undefined);

/** Sorting reorders rows within each group; the subtotal stays on top of its group. */
function keepGroupsTogether({ nodes }: PostSortRowsParams<BookGridRow>): void {
  const rank = (row: BookGridRow | undefined) => (row?.rowType === 'subtotal' ? 0 : 1);
  nodes.sort((a, b) => (a.data?.groupIndex ?? 0) - (b.data?.groupIndex ?? 0) || rank(a.data) - rank(b.data));
}

/** The stored balances on one line (their USD value and margin component are rows of the grid). */
function CollateralLine({ collateral }: { collateral: PortfolioDetail['collateral'] }) {
  return (
    <section className="collateral" aria-label="Collateral">
      <h2>Collateral</h2>
      {collateral.length === 0 ? (
        <span className="muted">No collateral recorded.</span>
      ) : (
        <ul>
          {collateral.map((c) => (
            <li key={c.asset}>{formatCurrency(c.amount, c.asset)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
