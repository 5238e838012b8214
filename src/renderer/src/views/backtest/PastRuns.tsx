/**
 * "Past runs": stored runs of one kind in an AG Grid, newest first, with CSV export. Click a row or press Enter on
 * it to reopen the run. The list reloads whenever `version` changes (after a run finishes).
 */
import type { ColDef, RowClickedEvent, CellKeyDownEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useRef } from 'react';
import { ErrorMessage } from '../../ErrorMessage';
import { GridCsvButton } from '../../export/GridCsvButton';
import { gridTheme } from '../../grid';
import { useAsync } from '../../useAsync';

const defaultColDef: ColDef = { sortable: true, filter: true, resizable: true };

export function PastRuns<T extends { id: number }>(props: {
  title: string;
  load: () => Promise<T[]>;
  version: number;
  columns: ColDef<T>[];
  openId: number | null;
  onOpen: (id: number) => void;
  fileName: string;
}) {
  const grid = useRef<AgGridReact<T>>(null);
  const runs = useAsync(props.load, [props.load, props.version]);
  const open = (data: T | undefined) => data && props.onOpen(data.id);
  return (
    <section className="past-runs" aria-label={props.title}>
      <header className="section-header">
        <h2>{props.title}</h2>
        <span className="muted">click or Enter to reopen</span>
        <GridCsvButton grid={grid} fileName={props.fileName} />
      </header>
      {runs.status === 'failed' ? (
        <ErrorMessage title="Could not list past runs" error={runs.error} />
      ) : (
        <div className="past-runs-grid">
          <AgGridReact<T>
            ref={grid}
            theme={gridTheme}
            loading={runs.status === 'loading'}
            rowData={runs.status === 'done' ? runs.value : []}
            columnDefs={props.columns}
            defaultColDef={defaultColDef}
            getRowId={({ data }) => String(data.id)}
            rowClass="clickable-row"
            getRowStyle={({ data }) => (data?.id === props.openId ? { fontWeight: 600 } : undefined)}
            onRowClicked={(e: RowClickedEvent<T>) => open(e.data)}
            onCellKeyDown={(e: CellKeyDownEvent<T>) => (e.event as KeyboardEvent | undefined)?.key === 'Enter' && open(e.data)}
            overlayNoRowsTemplate="No runs stored yet."
          />
        </div>
      )}
    </section>
  );
}
