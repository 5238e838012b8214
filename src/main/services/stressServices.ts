/** The stress services (methods in src/shared/methods/stress.ts). */
import type { DomainServices } from '../../shared/api';
import type { STRESS_METHODS } from '../../shared/methods/stress';
import type { ServiceContext } from './context';

export function createStressServices(_ctx: ServiceContext): DomainServices<typeof STRESS_METHODS> {
  return {};
}
