/** Engine jobs of the data views (registered in ./index.ts; see ./defineJob.ts). */
import type { JobHandler } from './defineJob';

export const dataJobs: Record<string, JobHandler> = {};
