import { PlannedView } from './PlannedView';
import { VIEWS } from './catalog';

const entry = VIEWS.find((v) => v.id === 'data')!;

export function DataView() {
  return <PlannedView label={entry.label} blurb={entry.blurb} />;
}
