/**
 * What every view works on: the selected portfolio and the selected margin model. The top bar picks the
 * portfolio, the Margin view edits the model; both are remembered across sessions (localStorage).
 */
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { DEFAULT_MODEL_SPEC, marginModelSpecSchema, type MarginModelSpec } from '../../shared/api';
import type { ThemeMode } from './theme';

export interface Workspace {
  /** Selected portfolio name; null until the portfolio list has loaded (or when there is none). */
  portfolio: string | null;
  setPortfolio(name: string | null): void;
  model: MarginModelSpec;
  setModel(model: MarginModelSpec): void;
  /** The colour theme, for charts (which cannot read CSS variables). */
  theme: ThemeMode;
}

const WorkspaceContext = createContext<Workspace | null>(null);
const PORTFOLIO_KEY = 'offset.portfolio';
const MODEL_KEY = 'offset.model';

function savedModel(): MarginModelSpec {
  try {
    const parsed = marginModelSpecSchema.safeParse(JSON.parse(window.localStorage.getItem(MODEL_KEY) ?? 'null'));
    return parsed.success ? parsed.data : DEFAULT_MODEL_SPEC;
  } catch {
    return DEFAULT_MODEL_SPEC;
  }
}

export function WorkspaceProvider({ theme, children }: { theme: ThemeMode; children: ReactNode }) {
  const [portfolio, setPortfolio] = useState<string | null>(() => window.localStorage.getItem(PORTFOLIO_KEY));
  const [model, setModel] = useState<MarginModelSpec>(savedModel);
  useEffect(() => {
    if (portfolio === null) window.localStorage.removeItem(PORTFOLIO_KEY);
    else window.localStorage.setItem(PORTFOLIO_KEY, portfolio);
  }, [portfolio]);
  useEffect(() => window.localStorage.setItem(MODEL_KEY, JSON.stringify(model)), [model]);
  return <WorkspaceContext.Provider value={{ portfolio, setPortfolio, model, setModel, theme }}>{children}</WorkspaceContext.Provider>;
}

export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace outside WorkspaceProvider');
  return workspace;
}

/** A short label of a model spec for headers: "grid · deribit-pm-like", "es · historical". */
export function modelLabel(model: MarginModelSpec): string {
  if ('preset' in model) return `${model.kind} · ${model.preset}${model.parameters ? ' (edited)' : ''}`;
  return `${model.kind} · ${model.spec?.method ?? 'historical'}`;
}

const PORTFOLIOS_CHANGED = 'offset:portfolios-changed';

/** Tells the portfolio picker to re-list (after an import or a saved edit). */
export function notifyPortfoliosChanged(): void {
  window.dispatchEvent(new Event(PORTFOLIOS_CHANGED));
}

/** Calls `listener` whenever portfolios may have changed: a notifyPortfoliosChanged() or the window regaining focus. */
export function onPortfoliosChanged(listener: () => void): () => void {
  window.addEventListener('focus', listener);
  window.addEventListener(PORTFOLIOS_CHANGED, listener);
  return () => {
    window.removeEventListener('focus', listener);
    window.removeEventListener(PORTFOLIOS_CHANGED, listener);
  };
}
