import { PlannedView } from './PlannedView';
import { VIEWS } from './catalog';

const entry = VIEWS.find((v) => v.id === 'correlations')!;

export function CorrelationView() {
  return <PlannedView label={entry.label} blurb={entry.blurb} />;
}
