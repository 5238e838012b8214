/**
 * Correlations: the daily log-return correlation matrix of the underlyings in the store (window 30/90/365 days or
 * the full history, sample or EWMA, as of a chosen day) as a heatmap, and the rolling correlation of a chosen pair
 * over time. Both are computed in engine workers (correlationMatrix, rollingCorrelation). Pairs are
 * pairwise-complete: each uses the days on which both underlyings have a return.
 */
import { useMemo, useState } from 'react';
import type { CorrelationMatrixResult, CorrelationMethodName, CorrelationUniverse, CorrelationWindow, RollingCorrelationResult } from '../../../shared/contract/scenarios';
import { useApi } from '../api/ApiContext';
import { chartColors, EChart } from '../charts/EChart';
import { ErrorMessage } from '../ErrorMessage';
import { formatNumber } from '../format';
import { JobProgressBar, useAutoJob, useJob } from '../jobs';
import { useAsync } from '../useAsync';
import { useWorkspace } from '../workspace';
import { correlationHeatmapOption, rollingOption } from './correlations/correlationOptions';
import { useLastResult } from './scenarios/useLastResult';
import './correlations/correlations.css';

const INPUT_SETTLE_MS = 250;

const WINDOWS: { value: CorrelationWindow; label: string }[] = [
  { value: '30d', label: '30 days' },
  { value: '90d', label: '90 days' },
  { value: '365d', label: '365 days' },
  { value: 'full', label: 'Full history' },
];

export function CorrelationView() {
  const api = useApi();
  const universe = useAsync(() => api.correlationUniverse({}), [api]);
  if (universe.status === 'failed') return <ErrorMessage title="Could not list the stored underlyings" error={universe.error} />;
  if (universe.status === 'loading') return <p className="muted view">Loading underlyings…</p>;
  if (universe.value.underlyings.length < 2) {
    return (
      <section className="view correlation-view">
        <h1>Correlations</h1>
        <p>Correlations need daily closes of at least two underlyings. Import price history with <code>offset import prices FILE.csv</code> or from the Data view.</p>
      </section>
    );
  }
  return <CorrelationPanels universe={universe.value} />;
}

/** Parses the λ field: a number strictly between 0 and 1, else the message to show beside it. */
function parseLambda(text: string): number | string {
  const value = Number(text);
  return text.trim() !== '' && value > 0 && value < 1 ? value : 'λ must be a number between 0 and 1 (exclusive), e.g. 0.94';
}

function CorrelationPanels({ universe }: { universe: CorrelationUniverse }) {
  const api = useApi();
  const { theme } = useWorkspace();
  const names = universe.underlyings.map((u) => u.name);
  const latest = universe.underlyings.reduce((d, u) => (u.lastDate > d ? u.lastDate : d), '');
  const earliest = universe.underlyings.reduce((d, u) => (u.firstDate < d ? u.firstDate : d), latest);
  const [lookback, setLookback] = useState<CorrelationWindow>('90d');
  const [method, setMethod] = useState<CorrelationMethodName>('sample');
  const [lambdaText, setLambdaText] = useState('0.94');
  const [asOf, setAsOf] = useState('');
  const [pair, setPair] = useState<[string, string]>([names[0], names[1]]);
  const lambda = parseLambda(lambdaText);
  const lambdaError = method === 'ewma' && typeof lambda === 'string' ? lambda : null;
  const lambdaValue = typeof lambda === 'number' ? lambda : 0.94;
  const asOfArg = asOf === '' ? undefined : asOf;

  const matrix = useJob<CorrelationMatrixResult>();
  const rolling = useJob<RollingCorrelationResult>();
  // Runs start after the controls have been still for INPUT_SETTLE_MS (typing a lambda or a date starts one run).
  useAutoJob(matrix, lambdaError ? null : (jobId) => api.correlationMatrix({ jobId, window: lookback, method, lambda: lambdaValue, asOf: asOfArg }), [api, lookback, method, lambdaValue, asOfArg], INPUT_SETTLE_MS);
  useAutoJob(
    rolling,
    lambdaError || pair[0] === pair[1] ? null : (jobId) => api.rollingCorrelation({ jobId, window: lookback, method, lambda: lambdaValue, asOf: asOfArg, pair }),
    [api, lookback, method, lambdaValue, asOfArg, pair],
    INPUT_SETTLE_MS,
  );

  const matrixResult = useLastResult(matrix.state);
  const rollingResult = useLastResult(rolling.state);
  const heatmap = useMemo(() => (matrixResult ? correlationHeatmapOption(matrixResult, theme) : null), [matrixResult, theme]);
  const windowLabel = lookback === 'full' ? 'expanding-window' : `rolling ${lookback.replace('d', '-day')}`;
  const methodLabel = method === 'ewma' ? `EWMA (λ ${lambdaValue})` : 'sample';
  // The title describes the result shown (which may be the previous one while a new run is in flight).
  const line = useMemo(
    () => (rollingResult ? rollingOption(rollingResult, `${rollingResult.pair[0]} / ${rollingResult.pair[1]}: ${windowLabel} ${methodLabel} correlation`, chartColors(theme)) : null),
    [rollingResult, windowLabel, methodLabel, theme],
  );

  return (
    <section className="view correlation-view">
      <div className="toolbar">
        <h1>Correlations</h1>
        <label>
          <span className="muted">Window</span>
          <select aria-label="Window" value={lookback} onChange={(e) => setLookback(e.target.value as CorrelationWindow)}>
            {WINDOWS.map((w) => (
              <option key={w.value} value={w.value}>
                {w.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="muted">Method</span>
          <select aria-label="Method" value={method} onChange={(e) => setMethod(e.target.value as CorrelationMethodName)}>
            <option value="sample">Sample (Pearson)</option>
            <option value="ewma">EWMA (RiskMetrics)</option>
          </select>
        </label>
        <label>
          <span className="muted">λ</span>
          <input
            aria-label="EWMA lambda"
            type="number"
            step="0.01"
            min="0.5"
            max="0.999"
            value={lambdaText}
            disabled={method !== 'ewma'}
            aria-invalid={lambdaError !== null}
            onChange={(e) => setLambdaText(e.target.value)}
          />
        </label>
        {lambdaError && <span className="field-error" role="alert">{lambdaError}</span>}
        <label>
          <span className="muted">As of</span>
          <input aria-label="As of" type="date" value={asOf} min={earliest} max={latest} onChange={(e) => setAsOf(e.target.value)} />
        </label>
        {asOf !== '' && (
          <button type="button" onClick={() => setAsOf('')}>
            Latest
          </button>
        )}
      </div>
      <JobProgressBar job={matrix} label="Correlations" />
      {matrixResult && <MatrixInfo result={matrixResult} />}
      <div className="correlation-panels">
        <div className={matrix.state.status === 'running' ? 'stale' : undefined} aria-busy={matrix.state.status === 'running'}>
          {heatmap && (
            <EChart
              className="correlation-heatmap"
              option={heatmap}
              label={`Correlation matrix of ${names.join(', ')}`}
              onClick={(event) => {
                const data = event.data as { pair?: [string, string] } | undefined;
                if (data?.pair && data.pair[0] !== data.pair[1]) setPair(data.pair);
              }}
            />
          )}
        </div>
        <div className="correlation-rolling">
          <div className="toolbar">
            <label>
              <span className="muted">Pair</span>
              <select aria-label="First underlying" value={pair[0]} onChange={(e) => setPair([e.target.value, pair[1]])}>
                {names.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
            <label>
              <span className="muted">with</span>
              <select aria-label="Second underlying" value={pair[1]} onChange={(e) => setPair([pair[0], e.target.value])}>
                {names.map((n) => (
                  <option key={n}>{n}</option>
                ))}
              </select>
            </label>
            {pair[0] === pair[1] && <span className="field-error">Pick two different underlyings.</span>}
          </div>
          <JobProgressBar job={rolling} label="Rolling correlation" />
          {line && (
            <div className={rolling.state.status === 'running' ? 'stale' : undefined} aria-busy={rolling.state.status === 'running'}>
              <EChart option={line} label={`Rolling correlation of ${pair[0]} and ${pair[1]}`} />
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function MatrixInfo({ result }: { result: CorrelationMatrixResult }) {
  const counts = result.observations.filter((_, k) => k % (result.underlyings.length + 1) !== 0);
  const fewest = Math.min(...counts);
  const most = Math.max(...counts);
  const psd =
    result.minEigenvalue === null
      ? 'some pairs lack data, so positive semi-definiteness is not checked'
      : result.minEigenvalue >= -1e-10
        ? `positive semi-definite (smallest eigenvalue ${formatNumber(result.minEigenvalue, 4)})`
        : `NOT positive semi-definite (smallest eigenvalue ${formatNumber(result.minEigenvalue, 4)}), as pairwise-complete estimates can be`;
  return (
    <p className="muted correlation-info">
      Daily log returns {result.fromDate} → {result.toDate} (as of {result.asOf}); {fewest === most ? fewest : `${fewest}–${most}`} common returns per pair.
      Pairwise-complete: each pair uses the days on which both have a return; fewer than {result.minObservations} → n/a. Matrix {psd}.
    </p>
  );
}
