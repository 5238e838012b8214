/**
 * The smile of the latest stored option chain snapshot: pick the underlying (when several have chains), one expiry
 * or all of them, and strike or log-moneyness on the x axis.
 */
import { useEffect, useMemo, useState } from 'react';
import { useApi } from '../../api/ApiContext';
import { chartColors, EChart } from '../../charts/EChart';
import { ErrorMessage } from '../../ErrorMessage';
import { formatUtcDate } from '../../format';
import { useAsync } from '../../useAsync';
import { useWorkspace } from '../../workspace';
import { formatUtcMinute } from './dataFormat';
import { smileOption, type SmileAxis } from './smileChart';

const ALL = 'all';

export function SmilePanel({ refresh }: { refresh: number }) {
  const api = useApi();
  const { theme } = useWorkspace();
  const [underlying, setUnderlying] = useState<string | undefined>(undefined);
  const smile = useAsync(() => api.getChainSmile(underlying ? { underlying } : {}), [api, underlying, refresh]);
  const [expiry, setExpiry] = useState<string>('');
  const [axis, setAxis] = useState<SmileAxis>('strike');
  const expiries = smile.status === 'done' ? smile.value.expiries : [];

  // Default to the first expiry at least a week out with a full smile (front expiries have few strikes).
  useEffect(() => {
    if (expiries.length === 0 || (expiry !== '' && (expiry === ALL || expiries.some((e) => String(e.expiry) === expiry)))) return;
    const snapshot = smile.status === 'done' ? (smile.value.snapshotTs ?? 0) : 0;
    const pick = expiries.find((e) => e.expiry - snapshot > 7 * 86_400_000 && e.points.length >= 10) ?? expiries[0];
    setExpiry(String(pick.expiry));
  }, [expiries, expiry, smile]);

  const shown = useMemo(() => (expiry === ALL ? expiries : expiries.filter((e) => String(e.expiry) === expiry)), [expiries, expiry]);
  const option = useMemo(() => smileOption(shown, axis, chartColors(theme)), [shown, axis, theme]);

  if (smile.status === 'failed') return <ErrorMessage title="Could not load the option chain" error={smile.error} />;
  return (
    <section className="data-panel smile-panel" aria-label="Option smile">
      <header className="panel-header">
        <h2>Option smile</h2>
        {smile.status === 'done' && smile.value.snapshotTs !== null && (
          <span className="muted">
            {smile.value.underlying} chain of {formatUtcMinute(smile.value.snapshotTs)}, out-of-the-money mark IVs
          </span>
        )}
      </header>
      {smile.status === 'loading' ? (
        <p className="muted">Loading the chain…</p>
      ) : smile.value.underlying === null ? (
        <p className="muted">No option chain stored: import a Deribit chain snapshot (instrument_name, mark_price, underlying_price, …).</p>
      ) : (
        <>
          <div className="toolbar">
            {smile.value.underlyings.length > 1 && (
              <label>
                Underlying{' '}
                <select aria-label="Chain underlying" value={smile.value.underlying} onChange={(e) => setUnderlying(e.target.value)}>
                  {smile.value.underlyings.map((u) => (
                    <option key={u}>{u}</option>
                  ))}
                </select>
              </label>
            )}
            <label>
              Expiry{' '}
              <select aria-label="Expiry" value={expiry} onChange={(e) => setExpiry(e.target.value)}>
                <option value={ALL}>All expiries</option>
                {expiries.map((e) => (
                  <option key={e.expiry} value={String(e.expiry)}>
                    {formatUtcDate(e.expiry)} ({e.points.length} strikes)
                  </option>
                ))}
              </select>
            </label>
            <label>
              X axis{' '}
              <select aria-label="Smile x axis" value={axis} onChange={(e) => setAxis(e.target.value as SmileAxis)}>
                <option value="strike">Strike (USD)</option>
                <option value="moneyness">Log-moneyness ln(K/F)</option>
              </select>
            </label>
          </div>
          <EChart option={option} label={`Implied-vol smile of ${smile.value.underlying}, ${expiry === ALL ? 'all expiries' : 'one expiry'}`} className="smile-chart" />
        </>
      )}
    </section>
  );
}
