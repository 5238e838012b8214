/**
 * The scenario-set editor: load / save / delete named sets, one grid row per scenario (add, copy, delete rows;
 * per-underlying spot and vol columns; invalid cells marked and blocking Save with a message naming them), extra
 * underlying columns, and the historical generator (the realised joint move of every stored underlying over N days
 * ending on a picked date, appended as a row).
 */
import type { AgGridReact as AgGridReactType } from 'ag-grid-react';
import { AgGridReact } from 'ag-grid-react';
import { useMemo, useRef, useState } from 'react';
import type { ScenarioSetDto, StressUniverse } from '../../../../shared/contract/stress';
import { useApi } from '../../api/ApiContext';
import { ErrorMessage } from '../../ErrorMessage';
import { GridCsvButton } from '../../export/GridCsvButton';
import { gridTheme } from '../../grid';
import { useAsync } from '../../useAsync';
import { editorColumns, type EditField } from './editorColumns';
import { copyRow, newRowId, rowFromScenario, scenarioFromRow, shockedUnderlyings, uniqueName, validateRows, type EditorRow, type VolShiftMode } from './editorRows';

export interface Draft {
  name: string;
  description: string;
  volShiftMode: VolShiftMode;
  rows: EditorRow[];
}

export const EMPTY_DRAFT: Draft = { name: '', description: '', volShiftMode: 'absolute', rows: [] };

export function draftFromSet(set: ScenarioSetDto): Draft {
  return { name: set.name, description: set.description ?? '', volShiftMode: set.volShiftMode, rows: set.scenarios.map(rowFromScenario) };
}

interface Props {
  draft: Draft;
  setDraft: (update: (draft: Draft) => Draft) => void;
  universe: StressUniverse;
  /** Called with the saved set; the view may run it. */
  onSaved?: (name: string) => void;
}

export function ScenarioEditor({ draft, setDraft, universe, onSaved }: Props) {
  const api = useApi();
  const grid = useRef<AgGridReactType<EditorRow>>(null);
  const [setsVersion, setSetsVersion] = useState(0);
  const sets = useAsync(() => api.listStressSets({}), [api, setsVersion]);
  const [extraColumns, setExtraColumns] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<{ title: string; error: unknown } | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);

  const problems = useMemo(() => validateRows(draft.rows, draft.volShiftMode), [draft.rows, draft.volShiftMode]);
  const underlyings = useMemo(() => [...new Set([...universe.bookUnderlyings, ...shockedUnderlyings(draft.rows), ...extraColumns])], [universe, draft.rows, extraColumns]);
  const addable = universe.assets.map((a) => a.asset).filter((a) => !underlyings.includes(a));

  const onEdit = (rowId: string, field: EditField, value: string | number | null) =>
    setDraft((d) => ({
      ...d,
      rows: d.rows.map((r) => {
        if (r.id !== rowId) return r;
        if (field.kind === 'name') return { ...r, name: String(value) };
        if (field.kind === 'time') return { ...r, timeShiftDays: value as number | null };
        const key = field.kind === 'spot' ? 'spotPct' : 'vol';
        return { ...r, [key]: { ...r[key], [field.underlying]: value as number | null } };
      }),
    }));
  // onEdit only calls setDraft with an updater, so a columns memo holding an older onEdit edits the current draft.
  const columns = useMemo(() => editorColumns(underlyings, draft.volShiftMode, problems, onEdit), [underlyings, draft.volShiftMode, problems]);

  const done = (message: string) => {
    setError(null);
    setStatus(message);
  };
  const fail = (title: string, e: unknown) => {
    setStatus(null);
    setError({ title, error: e });
  };
  const selectedIds = () => new Set(grid.current?.api.getSelectedRows().map((r) => r.id) ?? []);

  const addRow = () => {
    const first = universe.bookUnderlyings[0];
    setDraft((d) => ({ ...d, rows: [...d.rows, { id: newRowId(), name: uniqueName('New scenario', d.rows), spotPct: first ? { [first]: -10 } : {}, vol: first ? { [first]: 5 } : {}, timeShiftDays: null }] }));
  };
  const copySelected = () => {
    const ids = selectedIds();
    if (ids.size === 0) return fail('Nothing to copy', new Error('Tick the rows to copy first.'));
    setDraft((d) => {
      const rows = [...d.rows];
      for (const r of d.rows.filter((x) => ids.has(x.id))) rows.push(copyRow(r, rows));
      return { ...d, rows };
    });
    done(`Copied ${ids.size} scenario(s).`);
  };
  const deleteSelected = () => {
    const ids = selectedIds();
    if (ids.size === 0) return fail('Nothing to delete', new Error('Tick the rows to delete first.'));
    setDraft((d) => ({ ...d, rows: d.rows.filter((r) => !ids.has(r.id)) }));
    done(`Deleted ${ids.size} scenario(s) from the editor (Save to store the change).`);
  };

  const save = async () => {
    if (draft.name.trim() === '') return fail('Cannot save', new Error('Give the set a name.'));
    if (draft.rows.length === 0) return fail('Cannot save', new Error('A set needs at least one scenario: Add one.'));
    if (problems.length > 0) {
      const rowName = (id: string) => draft.rows.findIndex((r) => r.id === id) + 1;
      const list = problems.map((p) => `row ${rowName(p.rowId)}: ${p.message}`).join('\n');
      return fail(`Cannot save: ${problems.length} invalid cell(s), marked red in the grid`, new Error(list));
    }
    try {
      const set = toScenarioSet(draft);
      const saved = await api.saveStressSet({ set });
      setSetsVersion((v) => v + 1);
      done(`Saved set '${saved.name}' (${saved.scenarioCount} scenarios).`);
      onSaved?.(saved.name);
    } catch (e) {
      fail('Could not save the set', e);
    }
  };

  const load = async (name: string) => {
    if (!name) return;
    try {
      const set = await api.getStressSet({ name });
      setDraft(() => draftFromSet(set));
      setExtraColumns([]);
      done(`Loaded set '${name}'.`);
    } catch (e) {
      fail(`Could not load '${name}'`, e);
    }
  };

  const remove = async () => {
    setConfirmDelete(false);
    try {
      const deleted = await api.deleteStressSet({ name: draft.name });
      setSetsVersion((v) => v + 1);
      done(deleted ? `Deleted saved set '${draft.name}'.` : `No saved set named '${draft.name}'.`);
    } catch (e) {
      fail('Could not delete the set', e);
    }
  };

  const savedNames = sets.status === 'done' ? sets.value.map((s) => s.name) : [];
  const isSaved = savedNames.includes(draft.name);

  return (
    <section className="stress-editor" aria-label="Scenario set editor">
      <div className="toolbar">
        <label>
          Saved sets{' '}
          <select aria-label="Saved sets" value={isSaved ? draft.name : ''} onChange={(e) => void load(e.target.value)}>
            <option value="">{sets.status === 'loading' ? 'loading…' : savedNames.length ? 'load a set…' : 'none saved yet'}</option>
            {savedNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => (setDraft(() => EMPTY_DRAFT), setExtraColumns([]), done('New empty set.'))}>
          New set
        </button>
        <label>
          Name <input aria-label="Set name" value={draft.name} maxLength={200} onChange={(e) => setDraft((d) => ({ ...d, name: e.target.value }))} />
        </label>
        <label className="stress-description">
          Description <input aria-label="Set description" value={draft.description} maxLength={2000} onChange={(e) => setDraft((d) => ({ ...d, description: e.target.value }))} />
        </label>
        <label>
          Vol shifts in{' '}
          <select aria-label="Vol shift mode" value={draft.volShiftMode} onChange={(e) => setDraft((d) => ({ ...d, volShiftMode: e.target.value as VolShiftMode }))}>
            <option value="absolute">vol points (absolute)</option>
            <option value="relative">% of vol (relative)</option>
          </select>
        </label>
        <button type="button" className="primary" onClick={() => void save()}>
          Save set
        </button>
        {isSaved &&
          (confirmDelete ? (
            <span className="stress-confirm">
              Delete saved set '{draft.name}'?{' '}
              <button type="button" onClick={() => void remove()}>
                Delete
              </button>{' '}
              <button type="button" onClick={() => setConfirmDelete(false)}>
                Keep
              </button>
            </span>
          ) : (
            <button type="button" onClick={() => setConfirmDelete(true)}>
              Delete set…
            </button>
          ))}
      </div>
      <div className="toolbar">
        <button type="button" onClick={addRow}>
          Add scenario
        </button>
        <button type="button" onClick={copySelected}>
          Copy ticked
        </button>
        <button type="button" onClick={deleteSelected}>
          Delete ticked
        </button>
        <label>
          Add underlying{' '}
          <select aria-label="Add underlying column" value="" onChange={(e) => e.target.value && setExtraColumns((c) => [...c, e.target.value])}>
            <option value="">{addable.length ? 'choose…' : 'all shown'}</option>
            {addable.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <HistoricalGenerator universe={universe} draft={draft} setDraft={setDraft} onDone={done} onFail={fail} />
        <GridCsvButton grid={grid} fileName={`stress-set-${draft.name || 'unsaved'}`} />
      </div>
      <div className="stress-editor-grid" style={{ height: gridHeight(draft.rows.length, 3) }}>
        <AgGridReact<EditorRow>
          ref={grid}
          theme={gridTheme}
          rowData={draft.rows}
          columnDefs={columns}
          getRowId={({ data }) => data.id}
          rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: true, enableClickSelection: false }}
          selectionColumnDef={{ pinned: 'left' }}
          singleClickEdit
          stopEditingWhenCellsLoseFocus
          tooltipShowDelay={200}
          overlayNoRowsTemplate="No scenarios: Add scenario, load a saved set, or add a historical move."
        />
      </div>
      <p className="muted stress-hint">
        Spot moves in % (-30 = spot × 0.70, must be above -100); vol shifts in {draft.volShiftMode === 'absolute' ? 'vol points (+10 = vol + 0.10)' : '% of the vol (+10 = vol × 1.10)'}. A blank cell leaves that underlying unshocked. Time shift: whole calendar days of time decay in that scenario.
        {problems.length > 0 && <span className="negative"> {problems.length} invalid cell(s) marked red: Save is blocked.</span>}
      </p>
      {status && (
        <p className="stress-status" role="status">
          {status}
        </p>
      )}
      {error && <ErrorMessage title={error.title} error={error.error} />}
    </section>
  );
}

/** Grid height for `rows` rows (at least `minRows`); CSS caps it (max-height) per window size. */
export function gridHeight(rows: number, minRows: number): number {
  return 50 + Math.max(minRows, rows) * 42;
}

/** The set a valid draft stores (rows validated by the caller). */
export function toScenarioSet(draft: Draft): ScenarioSetDto {
  const set: ScenarioSetDto = { name: draft.name.trim(), volShiftMode: draft.volShiftMode, scenarios: draft.rows.map(scenarioFromRow) };
  if (draft.description.trim()) set.description = draft.description.trim();
  return set;
}

function HistoricalGenerator(props: { universe: StressUniverse; draft: Draft; setDraft: Props['setDraft']; onDone(message: string): void; onFail(title: string, e: unknown): void }) {
  const api = useApi();
  const first = props.universe.assets.reduce((m, a) => (a.first < m ? a.first : m), '9999-12-31');
  const last = props.universe.assets.reduce((m, a) => (a.last > m ? a.last : m), '0000-01-01');
  const [date, setDate] = useState('2022-11-09');
  const [horizon, setHorizon] = useState(1);
  const [busy, setBusy] = useState(false);
  if (props.universe.assets.length === 0) return <span className="muted">Historical moves need imported daily prices.</span>;
  const add = async () => {
    setBusy(true);
    try {
      const s = await api.historicalStressScenario({ date, horizonDays: horizon });
      // Vol shifts from history are absolute changes of the implied-vol index.
      if (props.draft.volShiftMode === 'relative' && Object.values(s.shocks).some((x) => x.volShift !== 0)) {
        throw new Error('Historical vol moves are absolute (vol points): switch the set to vol points first.');
      }
      props.setDraft((d) => ({ ...d, rows: [...d.rows, { ...rowFromScenario(s), name: uniqueName(s.name, d.rows) }] }));
      props.onDone(`Added the ${horizon}-day move ${s.from} → ${s.to}${s.missing.length ? ` (not listed then, left unshocked: ${s.missing.join(', ')})` : ''}.`);
    } catch (e) {
      props.onFail('Could not build the historical scenario', e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="stress-historical">
      <label>
        Historical move to{' '}
        <input type="date" aria-label="Historical date" value={date} min={first} max={last} onChange={(e) => setDate(e.target.value)} />
      </label>
      <label>
        over{' '}
        <input type="number" aria-label="Historical horizon days" className="stress-days" min={1} max={365} value={horizon} onChange={(e) => setHorizon(Math.max(1, Math.round(Number(e.target.value) || 1)))} /> days
      </label>
      <button type="button" disabled={busy || !date} onClick={() => void add()}>
        Add historical
      </button>
    </span>
  );
}
