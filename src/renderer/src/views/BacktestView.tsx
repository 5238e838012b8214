import { PlannedView } from './PlannedView';
import { VIEWS } from './catalog';

const entry = VIEWS.find((v) => v.id === 'backtest')!;

export function BacktestView() {
  return <PlannedView label={entry.label} blurb={entry.blurb} />;
}
