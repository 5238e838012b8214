/** View id -> component. Each view lives in its own module and reads the workspace (portfolio, model) itself. */
import type { ComponentType } from 'react';
import { BacktestView } from './BacktestView';
import { BookView } from './BookView';
import { CalibrationView } from './CalibrationView';
import type { ViewId } from './catalog';
import { CorrelationView } from './CorrelationView';
import { DataView } from './DataView';
import { MarginView } from './MarginView';
import { ScenarioView } from './ScenarioView';
import { StressView } from './StressView';

export const VIEW_COMPONENTS: Record<ViewId, ComponentType> = {
  book: BookView,
  margin: MarginView,
  scenarios: ScenarioView,
  correlations: CorrelationView,
  stress: StressView,
  backtest: BacktestView,
  calibration: CalibrationView,
  data: DataView,
};
