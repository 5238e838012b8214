/** Schemas of the risk methods (names in ../methods/risk.ts). */
import type { RISK_METHODS } from '../methods/risk';
import type { MethodSchemas } from './common';

export const riskApi = {} satisfies MethodSchemas<typeof RISK_METHODS>;
