/** Schemas of the data methods (names in ../methods/data.ts). */
import type { DATA_METHODS } from '../methods/data';
import type { MethodSchemas } from './common';

export const dataApi = {} satisfies MethodSchemas<typeof DATA_METHODS>;
