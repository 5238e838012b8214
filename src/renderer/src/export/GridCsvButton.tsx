/**
 * "CSV" button for any AG Grid: AG Grid community's own CSV export of the rows as shown (sorted and filtered),
 * with the column headers, downloaded as <fileName>.csv. Pass the grid's ref.
 */
import type { AgGridReact } from 'ag-grid-react';
import type { RefObject } from 'react';

export function GridCsvButton<T>({ grid, fileName, label = 'CSV' }: { grid: RefObject<AgGridReact<T> | null>; fileName: string; label?: string }) {
  return (
    <button
      type="button"
      className="grid-csv"
      title={`Download this table as ${fileName}.csv`}
      onClick={() => grid.current?.api.exportDataAsCsv({ fileName: `${fileName}.csv` })}
    >
      {label}
    </button>
  );
}
