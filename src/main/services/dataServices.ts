/** The data services (methods in src/shared/methods/data.ts). */
import type { DomainServices } from '../../shared/api';
import type { DATA_METHODS } from '../../shared/methods/data';
import type { ServiceContext } from './context';

export function createDataServices(_ctx: ServiceContext): DomainServices<typeof DATA_METHODS> {
  return {};
}
