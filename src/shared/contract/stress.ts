/** Schemas of the stress methods (names in ../methods/stress.ts). */
import type { STRESS_METHODS } from '../methods/stress';
import type { MethodSchemas } from './common';

export const stressApi = {} satisfies MethodSchemas<typeof STRESS_METHODS>;
