/**
 * Scenario heatmap: the selected book's P&L over a grid preset's price moves x vol shocks, per risk group
 * (underlying), computed in an engine worker (scenarioHeatmap). The preset is the workspace model when it is a
 * grid model, else one picked here. Click a cell to list the per-position P&L of that scenario; the worst shown
 * cell is outlined and selected first.
 */
import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import type { MarginModelSpec } from '../../../shared/api';
import type { ScenarioHeatmap } from '../../../shared/contract/scenarios';
import { useApi } from '../api/ApiContext';
import { EChart } from '../charts/EChart';
import { formatCurrency, formatUtcDate } from '../format';
import { JobProgressBar, useAutoJob, useJob } from '../jobs';
import { modelLabel, useWorkspace } from '../workspace';
import { formatMove, formatVolShock } from './scenarios/heatmapLabels';
import { cellPnl, heatmapOption, worstVisibleCell, type CellRef } from './scenarios/heatmapOption';
import { PositionPnlGrid } from './scenarios/PositionPnlGrid';
import { useLastResult } from './scenarios/useLastResult';
import './scenarios/scenarios.css';

const GRID_PRESETS = [
  { preset: 'deribit-pm-like', label: 'Deribit PM-like' },
  { preset: 'span-16', label: 'SPAN 16 scenarios' },
  { preset: 'okx-pm-like', label: 'OKX PM-like' },
] as const;
const WORKSPACE = 'workspace';
/** Arrow key -> [price column step, vol row step]; vol shocks ascend upwards on the chart. */
const ARROW_STEPS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };

export function ScenarioView() {
  const api = useApi();
  const { portfolio, model, theme } = useWorkspace();
  const workspaceIsGrid = model.kind === 'grid';
  const [choice, setChoice] = useState<string>(workspaceIsGrid ? WORKSPACE : GRID_PRESETS[0].preset);
  const spec: MarginModelSpec = choice === WORKSPACE && workspaceIsGrid ? model : { kind: 'grid', preset: choice === WORKSPACE ? GRID_PRESETS[0].preset : choice };
  const specKey = JSON.stringify(spec);
  const job = useJob<ScenarioHeatmap>();
  const result = useLastResult(job.state);

  useAutoJob(job, portfolio === null ? null : (jobId) => api.scenarioHeatmap({ jobId, portfolio, model: JSON.parse(specKey) as MarginModelSpec }), [api, portfolio, specKey]);

  return (
    <section className="view scenario-view">
      <div className="toolbar">
        <h1>Scenarios</h1>
        <span className="muted">{portfolio ?? 'No portfolio selected'}</span>
        <label>
          <span className="muted">Grid model</span>
          <select aria-label="Grid model" value={choice} onChange={(e) => setChoice(e.target.value)}>
            {workspaceIsGrid && <option value={WORKSPACE}>Workspace model ({modelLabel(model)})</option>}
            {GRID_PRESETS.map((p) => (
              <option key={p.preset} value={p.preset}>
                {p.label} ({p.preset})
              </option>
            ))}
          </select>
        </label>
        {!workspaceIsGrid && <span className="muted">The workspace model ({modelLabel(model)}) has no scenario grid: pick a grid preset.</span>}
      </div>
      <JobProgressBar job={job} label="Scenario heatmap" />
      {portfolio === null && <p className="muted">Select or import a portfolio to see its scenario P&L.</p>}
      {result && (
        <div className={`scenario-result${job.state.status === 'running' ? ' stale' : ''}`} aria-busy={job.state.status === 'running'}>
          <HeatmapPanel result={result} theme={theme} />
        </div>
      )}
    </section>
  );
}

function HeatmapPanel({ result, theme }: { result: ScenarioHeatmap; theme: 'light' | 'dark' }) {
  const [underlying, setUnderlying] = useState(result.groups[0]?.underlying ?? '');
  const [showExtended, setShowExtended] = useState(false);
  const [selected, setSelected] = useState<CellRef | null>(null);
  const group = result.groups.find((g) => g.underlying === underlying) ?? result.groups[0];
  const priceIndices = useMemo(
    () => (group ? group.priceMoves.map((m, i) => [m, i] as const).filter(([m]) => showExtended || Math.abs(m) <= group.coreRange + 1e-12).map(([, i]) => i) : []),
    [group, showExtended],
  );
  const worst = useMemo(() => (group ? worstVisibleCell(group, priceIndices) : null), [group, priceIndices]);
  // A new result, group or column set starts from the worst shown cell.
  useEffect(() => setSelected(null), [result, underlying, showExtended]);
  const cell = selected ?? worst;
  const option = useMemo(
    () => (group && worst ? heatmapOption({ group, priceIndices, volShiftMode: result.volShiftMode, worst, selected: cell }, theme) : null),
    [group, priceIndices, result.volShiftMode, worst, cell, theme],
  );

  if (!group || !worst || !cell || !option) return <p className="muted">This portfolio has no positions or coin collateral to revalue.</p>;
  const hasExtended = group.priceMoves.some((m) => Math.abs(m) > group.coreRange + 1e-12);
  const overallWorstHidden = !priceIndices.includes(group.worst.priceIndex);
  const onHeatmapKey = (e: KeyboardEvent) => {
    const step = ARROW_STEPS[e.key];
    if (!step) return;
    e.preventDefault();
    const column = Math.max(0, Math.min(priceIndices.length - 1, priceIndices.indexOf(cell.priceIndex) + step[0]));
    setSelected({ priceIndex: priceIndices[column], volIndex: Math.max(0, Math.min(group.volShocks.length - 1, cell.volIndex + step[1])) });
  };
  const describe = (c: CellRef) => `spot ${formatMove(group.priceMoves[c.priceIndex])}, vol ${formatVolShock(group.volShocks[c.volIndex], result.volShiftMode)}`;

  return (
    <>
      <div className="toolbar">
        {result.groups.length > 1 && (
          <div className="scenario-groups" role="group" aria-label="Risk group">
            {result.groups.map((g) => (
              <button key={g.underlying} type="button" aria-pressed={g.underlying === group.underlying} onClick={() => setUnderlying(g.underlying)}>
                {g.underlying}
              </button>
            ))}
          </div>
        )}
        {hasExtended && (
          <label>
            <input type="checkbox" checked={showExtended} onChange={(e) => setShowExtended(e.target.checked)} />
            Extended moves (beyond ±{formatMove(group.coreRange).replace('+', '')})
          </label>
        )}
      </div>
      <div className="scenario-summary" aria-label="Heatmap summary">
        <span>
          <strong>{group.underlying}</strong> spot {formatCurrency(group.spot, 'USD')}
        </span>
        <span>
          Worst shown: {describe(worst)} <strong className={cellPnl(group, worst) < 0 ? 'negative' : undefined}>{formatCurrency(cellPnl(group, worst), 'USD')}</strong>
        </span>
        {overallWorstHidden && (
          <span>
            Worst of all moves: {describe(group.worst)} <strong className="negative">{formatCurrency(group.worst.pnl, 'USD')}</strong>
          </span>
        )}
        <span className="muted">
          {result.preset} · valued {formatUtcDate(result.valuationTime)} · group P&L in USD, instantaneous (no time decay)
        </span>
      </div>
      {/* Focusable wrapper: arrow keys move the selected cell (columns are price moves, rows vol shocks). */}
      <div className="scenario-heatmap-focus" tabIndex={0} aria-label="Scenario heatmap: arrow keys select a cell" onKeyDown={onHeatmapKey}>
        <EChart
          className="scenario-heatmap"
          option={option}
          label={`${group.underlying} scenario P&L heatmap, worst shown cell ${describe(worst)}`}
          onClick={(event) => {
            const data = event.data as { cell?: CellRef } | undefined;
            if (data?.cell) setSelected(data.cell);
          }}
        />
      </div>
      <p className="muted scenario-note">
        Every price x vol pair of the preset’s tables, revalued in full (hover shows which the margin scans)
        {result.volTermReferenceDays !== null && `; vol shocks as for a ${result.volTermReferenceDays}-day option, scaled per expiry by the preset`}.
      </p>
      <PositionPnlGrid group={group} cell={cell} title={`Per-position P&L: ${describe(cell)}`} fileName={`scenario-${result.portfolio}-${group.underlying}`} />
    </>
  );
}
