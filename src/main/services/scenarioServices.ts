/** The scenarios services (methods in src/shared/methods/scenarios.ts). */
import type { DomainServices } from '../../shared/api';
import type { SCENARIO_METHODS } from '../../shared/methods/scenarios';
import type { ServiceContext } from './context';

export function createScenarioServices(_ctx: ServiceContext): DomainServices<typeof SCENARIO_METHODS> {
  return {};
}
