/**
 * The inputs of a run form (runForm.ts): books (workspace portfolio or a suite), model kind and its parameters,
 * from/to dates. Used by the Backtest and Calibration views; each adds its own fields and Run button after these.
 */
import type { ApiResult } from '../../../../shared/api';
import type { BookSource, ModelKind, RunForm, Suite } from './runForm';

type Setup = ApiResult<'getBacktestSetup'>;

const SUITE_LABELS: Record<Suite, string> = {
  hypothetical: 'Hypothetical books (BTC, ETH)',
  portfolios: 'All stored portfolios',
  all: 'Stored portfolios + hypothetical',
};

export function RunFormFields({ form, onChange, setup, portfolio }: { form: RunForm; onChange: (patch: Partial<RunForm>) => void; setup: Setup; portfolio: string | null }) {
  const text = (key: keyof RunForm, label: string, attrs: { min?: number; max?: number; step?: number | 'any'; title?: string } = {}) => (
    <label>
      <span>{label}</span>
      <input type="number" inputMode="decimal" value={form[key]} onChange={(e) => onChange({ [key]: e.target.value })} {...attrs} />
    </label>
  );
  return (
    <>
      <label>
        <span>Books</span>
        <select aria-label="Books" value={form.bookSource} onChange={(e) => onChange({ bookSource: e.target.value as BookSource })}>
          <option value="portfolio">Workspace portfolio{portfolio ? ` (${portfolio})` : ' (none selected)'}</option>
          <option value="suite">A suite</option>
        </select>
      </label>
      {form.bookSource === 'suite' && (
        <label>
          <span>Suite</span>
          <select aria-label="Suite" value={form.suite} onChange={(e) => onChange({ suite: e.target.value as Suite })}>
            {setup.suites.map((s) => (
              <option key={s} value={s}>
                {SUITE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        <span>Model</span>
        <select aria-label="Model" value={form.modelKind} onChange={(e) => onChange({ modelKind: e.target.value as ModelKind })}>
          <option value="preset">Margin preset (grid / standard)</option>
          <option value="var">VaR</option>
          <option value="es">Expected shortfall</option>
        </select>
      </label>
      {form.modelKind === 'preset' ? (
        <>
          <label>
            <span>Preset</span>
            <select aria-label="Preset" value={form.preset} onChange={(e) => onChange({ preset: e.target.value })}>
              {setup.presets.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          {text('scanScale', 'Scan scale (×)', { min: 0.05, step: 0.05, title: 'Multiplies every spot move of a grid preset' })}
        </>
      ) : (
        <>
          <label>
            <span>Method</span>
            <select aria-label="Method" value={form.method} onChange={(e) => onChange({ method: e.target.value })}>
              {setup.varMethods.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </label>
          {text('confidence', 'Confidence', { min: 0.5, max: 0.9999, step: 0.005 })}
          {text('mporDays', 'MPOR (days)', { min: 1, max: 5, step: 1 })}
          {text('lookbackDays', 'Lookback (days)', { min: 20, step: 10 })}
          {text('ewmaLambda', 'EWMA λ', { min: 0.5, max: 0.999, step: 0.01 })}
        </>
      )}
      <label>
        <span>From</span>
        <input type="date" value={form.from} min={setup.history?.first} max={setup.history?.last} onChange={(e) => onChange({ from: e.target.value })} />
      </label>
      <label>
        <span>To</span>
        <input type="date" value={form.to} min={setup.history?.first} max={setup.history?.last} onChange={(e) => onChange({ to: e.target.value })} />
      </label>
    </>
  );
}
