/**
 * The run form shared by the Backtest and Calibration views, as plain state: which books (the workspace portfolio or
 * a named suite), which model (a shipped preset with its scan scale, or VaR/ES with method, confidence, MPOR,
 * lookback and EWMA lambda) and which dates. `toRunSettings` turns it into the API's arguments; the Node side
 * validates them again and names any bad field.
 */
import type { ApiArgs, MarginModelSpec } from '../../../../shared/api';
import type { BacktestModel } from '../../../../shared/contract/backtest';

export type ModelKind = 'preset' | 'var' | 'es';
export type BookSource = 'portfolio' | 'suite';
export type Suite = 'hypothetical' | 'portfolios' | 'all';

export interface RunForm {
  bookSource: BookSource;
  suite: Suite;
  modelKind: ModelKind;
  preset: string;
  /** Text fields stay strings while typed; parsed when the run starts. */
  scanScale: string;
  method: string;
  confidence: string;
  mporDays: string;
  lookbackDays: string;
  ewmaLambda: string;
  from: string;
  to: string;
}

/** Months of history a new form covers by default: short enough to run in seconds. */
export const DEFAULT_WINDOW_MONTHS = 6;

/** `day` (YYYY-MM-DD) moved by whole months, clamped to the month's length. */
export function addMonths(day: string, months: number): string {
  const [y, m, d] = day.split('-').map(Number);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(d, lastDay));
  return first.toISOString().slice(0, 10);
}

/** A new form: the workspace's model (presets by name, VaR/ES with its parameters) over the last months of history. */
export function initialRunForm(model: MarginModelSpec, lastDay: string | null): RunForm {
  const spec = 'spec' in model ? (model.spec ?? {}) : {};
  const to = lastDay ?? new Date().toISOString().slice(0, 10);
  return {
    bookSource: 'portfolio',
    suite: 'hypothetical',
    modelKind: 'preset' in model ? 'preset' : model.kind,
    preset: 'preset' in model ? model.preset : 'deribit-pm-like',
    scanScale: '1',
    method: spec.method ?? 'historical',
    confidence: String(spec.confidence ?? 0.99),
    mporDays: String(spec.mporDays ?? 1),
    lookbackDays: String(spec.lookbackDays ?? 250),
    ewmaLambda: String(spec.ewmaLambda ?? 0.94),
    from: addMonths(to, -DEFAULT_WINDOW_MONTHS),
    to,
  };
}

/** A form field as a number; text that is not one is sent as NaN so the Node side names the field. */
function numeric(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

export function formModel(form: RunForm): BacktestModel | ApiArgs<'runBacktest'>['model'] {
  if (form.modelKind === 'preset') return { kind: 'preset', name: form.preset, scanScale: numeric(form.scanScale) };
  return {
    kind: 'var',
    spec: {
      measure: form.modelKind,
      method: form.method as NonNullable<Extract<ApiArgs<'runBacktest'>['model'], { kind: 'var' }>['spec']['method']>,
      confidence: numeric(form.confidence),
      mporDays: numeric(form.mporDays),
      lookbackDays: numeric(form.lookbackDays),
      ewmaLambda: numeric(form.ewmaLambda),
    },
  };
}

/** The arguments every run takes (books, model, dates); null books when the form names the portfolio but none is picked. */
export function toRunSettings(form: RunForm, portfolio: string | null): Pick<ApiArgs<'runBacktest'>, 'books' | 'model' | 'from' | 'to'> | null {
  if (form.bookSource === 'portfolio' && !portfolio) return null;
  return {
    books: form.bookSource === 'portfolio' ? { portfolio: portfolio! } : { suite: form.suite },
    model: formModel(form),
    from: form.from || undefined,
    to: form.to || undefined,
  };
}
