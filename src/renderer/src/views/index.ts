/**
 * View id -> component. Each view lives in its own module and reads the workspace (portfolio, model) itself. Views
 * other than the Book view (the first shown) load on first use, so the start-up bundle stays small.
 */
import { lazy, type ComponentType } from 'react';
import { BookView } from './BookView';
import type { ViewId } from './catalog';

export const VIEW_COMPONENTS: Record<ViewId, ComponentType> = {
  book: BookView,
  margin: lazy(() => import('./MarginView').then((m) => ({ default: m.MarginView }))),
  scenarios: lazy(() => import('./ScenarioView').then((m) => ({ default: m.ScenarioView }))),
  correlations: lazy(() => import('./CorrelationView').then((m) => ({ default: m.CorrelationView }))),
  stress: lazy(() => import('./StressView').then((m) => ({ default: m.StressView }))),
  backtest: lazy(() => import('./BacktestView').then((m) => ({ default: m.BacktestView }))),
  calibration: lazy(() => import('./CalibrationView').then((m) => ({ default: m.CalibrationView }))),
  data: lazy(() => import('./DataView').then((m) => ({ default: m.DataView }))),
};
