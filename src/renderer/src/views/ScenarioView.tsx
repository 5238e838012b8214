import { PlannedView } from './PlannedView';
import { VIEWS } from './catalog';

const entry = VIEWS.find((v) => v.id === 'scenarios')!;

export function ScenarioView() {
  return <PlannedView label={entry.label} blurb={entry.blurb} />;
}
