import { PlannedView } from './PlannedView';
import { VIEWS } from './catalog';

const entry = VIEWS.find((v) => v.id === 'calibration')!;

export function CalibrationView() {
  return <PlannedView label={entry.label} blurb={entry.blurb} />;
}
