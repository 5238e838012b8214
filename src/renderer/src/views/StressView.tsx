import { PlannedView } from './PlannedView';
import { VIEWS } from './catalog';

const entry = VIEWS.find((v) => v.id === 'stress')!;

export function StressView() {
  return <PlannedView label={entry.label} blurb={entry.blurb} />;
}
