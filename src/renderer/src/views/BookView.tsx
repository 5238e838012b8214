import { AgGridReact } from 'ag-grid-react';
import { useEffect, useState } from 'react';
import type { PortfolioDetail, PortfolioSummary } from '../../../shared/api';
import { useApi } from '../api/ApiContext';
import { ErrorMessage } from '../ErrorMessage';
import { formatCurrency } from '../format';
import { gridTheme } from '../grid';
import { useAsync } from '../useAsync';
import { positionColumns } from './positionColumns';

const defaultColDef = { sortable: true, filter: true, resizable: true };

/** Portfolio picker (a strip of tabs, so the grid gets the full width), the positions of the selected portfolio in a grid, and its collateral balances. */
export function BookView() {
  const api = useApi();
  const portfolios = useAsync(() => api.listPortfolios({}), [api]);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    if (portfolios.status === 'done' && selected === null && portfolios.value.length > 0) setSelected(portfolios.value[0].name);
  }, [portfolios, selected]);

  if (portfolios.status === 'failed') return <ErrorMessage title="Could not list portfolios" error={portfolios.error} />;
  if (portfolios.status === 'loading') return <p className="muted view">Loading portfolios…</p>;

  return (
    <section className="view book-view">
      <PortfolioPicker portfolios={portfolios.value} selected={selected} onSelect={setSelected} />
      {selected === null ? (
        <div className="empty-state">
          <h1>No portfolios yet</h1>
          <p>
            Import positions with <code>offset import positions FILE.csv</code> (columns portfolio, instrument,
            quantity, avg_price; Deribit symbols) or a whole book with <code>offset import portfolio FILE.json</code>,
            or create the synthetic demo book with <code>offset demo</code>.
          </p>
        </div>
      ) : (
        <PortfolioPanel name={selected} />
      )}
    </section>
  );
}

function PortfolioPicker(props: { portfolios: PortfolioSummary[]; selected: string | null; onSelect: (name: string) => void }) {
  return (
    <nav className="portfolio-picker" aria-label="Portfolios">
      <ul>
        {props.portfolios.map((p) => (
          <li key={p.name}>
            <button
              type="button"
              className={p.name === props.selected ? 'active' : undefined}
              aria-current={p.name === props.selected}
              onClick={() => props.onSelect(p.name)}
            >
              <span className="portfolio-name">{p.name}</span>
              <span className="count">{p.positionCount}</span>
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function PortfolioPanel({ name }: { name: string }) {
  const api = useApi();
  const detail = useAsync(() => api.getPortfolio({ name }), [api, name]);
  if (detail.status === 'failed') return <ErrorMessage title={`Could not load portfolio '${name}'`} error={detail.error} />;
  if (detail.status === 'loading') return <p className="muted">Loading {name}…</p>;
  return <PortfolioContent portfolio={detail.value} />;
}

function PortfolioContent({ portfolio }: { portfolio: PortfolioDetail }) {
  return (
    <div className="portfolio-content">
      <header className="portfolio-header">
        <h1>{portfolio.name}</h1>
        <span className="muted">{portfolio.positions.length} positions</span>
      </header>
      <div className="positions-grid">
        <AgGridReact
          theme={gridTheme}
          rowData={portfolio.positions}
          columnDefs={positionColumns}
          defaultColDef={defaultColDef}
          getRowId={({ data }) => data.symbol}
          tooltipShowDelay={300}
        />
      </div>
      <CollateralTable collateral={portfolio.collateral} />
    </div>
  );
}

function CollateralTable({ collateral }: { collateral: PortfolioDetail['collateral'] }) {
  return (
    <section className="collateral" aria-label="Collateral">
      <h2>Collateral</h2>
      {collateral.length === 0 ? (
        <p className="muted">No collateral recorded.</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>Asset</th>
              <th className="numeric">Balance</th>
            </tr>
          </thead>
          <tbody>
            {collateral.map((c) => (
              <tr key={c.asset}>
                <td>{c.asset}</td>
                <td className="numeric">{formatCurrency(c.amount, c.asset)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
