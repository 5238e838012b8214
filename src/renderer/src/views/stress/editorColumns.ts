/**
 * Column definitions of the scenario-set editor grid: the scenario name, its time shift in days, then per underlying a spot move (%) and a
 * vol shift column (vol points or %, per the set's mode). Invalid cells get the class 'cell-invalid' and their
 * problem as a tooltip; edits go to `onEdit` (the view's state is the single source of truth, the grid never
 * mutates rows itself).
 */
import type { CellClassParams, ColDef, ITooltipParams, ValueFormatterParams } from 'ag-grid-community';
import { formatNumber } from '../../format';
import { parseShockInput, type CellProblem, type EditorRow, type VolShiftMode } from './editorRows';

export type EditField = { kind: 'name' } | { kind: 'time' } | { kind: 'spot' | 'vol'; underlying: string };

export function editorColumns(
  underlyings: string[],
  volShiftMode: VolShiftMode,
  problems: CellProblem[],
  onEdit: (rowId: string, field: EditField, value: string | number | null) => void,
): ColDef<EditorRow>[] {
  const problemOf = (rowId: string | undefined, field: string) => problems.find((p) => p.rowId === rowId && p.field === field)?.message;
  const invalid = (field: string) => ({ 'cell-invalid': (p: CellClassParams<EditorRow>) => problemOf(p.data?.id, field) !== undefined });
  const tooltip = (field: string) => (p: ITooltipParams<EditorRow>) => problemOf(p.data?.id, field);
  const shockFormat = (p: ValueFormatterParams<EditorRow>) => (p.value === null || p.value === undefined ? '' : Number.isNaN(p.value) ? 'not a number' : formatNumber(p.value, 2));
  const volUnit = volShiftMode === 'absolute' ? 'vol pts' : 'vol %';

  const shockColumn = (kind: 'spot' | 'vol', u: string): ColDef<EditorRow> => {
    const field = `${kind}:${u}`;
    return {
      colId: field,
      headerName: kind === 'spot' ? `${u} spot %` : `${u} ${volUnit}`,
      headerTooltip: kind === 'spot' ? `${u} spot move in % (-30 = spot x 0.70); blank = unshocked` : volShiftMode === 'absolute' ? `${u} implied vol shift in vol points (+10 = vol + 0.10)` : `${u} implied vol shift in % of vol (+10 = vol x 1.10)`,
      editable: true,
      minWidth: 96,
      flex: 1,
      type: 'rightAligned',
      valueGetter: (p) => (kind === 'spot' ? p.data?.spotPct[u] : p.data?.vol[u]) ?? null,
      valueParser: (p) => parseShockInput(p.newValue),
      valueSetter: (p) => {
        if (p.data) onEdit(p.data.id, { kind, underlying: u }, p.newValue as number | null);
        return false;
      },
      valueFormatter: shockFormat,
      cellClassRules: invalid(field),
      tooltipValueGetter: tooltip(field),
    };
  };

  return [
    {
      colId: 'name',
      headerName: 'Scenario',
      editable: true,
      pinned: 'left',
      minWidth: 200,
      flex: 2,
      valueGetter: (p) => p.data?.name,
      valueSetter: (p) => {
        if (p.data) onEdit(p.data.id, { kind: 'name' }, String(p.newValue ?? ''));
        return false;
      },
      cellClassRules: invalid('name'),
      tooltipValueGetter: tooltip('name'),
    },
    {
      colId: 'time',
      headerName: 'Time shift days',
      headerTooltip: 'Calendar days the clock moves forward in this scenario (theta), added to the run time shift; blank = none',
      editable: true,
      minWidth: 128,
      flex: 1,
      type: 'rightAligned',
      valueGetter: (p) => p.data?.timeShiftDays ?? null,
      valueParser: (p) => parseShockInput(p.newValue),
      valueSetter: (p) => {
        if (p.data) onEdit(p.data.id, { kind: 'time' }, p.newValue as number | null);
        return false;
      },
      valueFormatter: (p) => (p.value === null || p.value === undefined ? '' : Number.isNaN(p.value) ? 'not a number' : String(p.value)),
      cellClassRules: invalid('time'),
      tooltipValueGetter: tooltip('time'),
    },
    ...underlyings.flatMap((u) => [shockColumn('spot', u), shockColumn('vol', u)]),
  ];
}
