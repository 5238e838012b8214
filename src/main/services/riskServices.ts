/** The risk services (methods in src/shared/methods/risk.ts). */
import type { DomainServices } from '../../shared/api';
import type { RISK_METHODS } from '../../shared/methods/risk';
import type { ServiceContext } from './context';

export function createRiskServices(_ctx: ServiceContext): DomainServices<typeof RISK_METHODS> {
  return {};
}
