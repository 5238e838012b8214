/** Schemas of the scenarios methods (names in ../methods/scenarios.ts). */
import type { SCENARIO_METHODS } from '../methods/scenarios';
import type { MethodSchemas } from './common';

export const scenarioApi = {} satisfies MethodSchemas<typeof SCENARIO_METHODS>;
