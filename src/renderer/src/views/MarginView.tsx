import { PlannedView } from './PlannedView';
import { VIEWS } from './catalog';

const entry = VIEWS.find((v) => v.id === 'margin')!;

export function MarginView() {
  return <PlannedView label={entry.label} blurb={entry.blurb} />;
}
