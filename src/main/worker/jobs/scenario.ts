/** Engine jobs of the scenario views (registered in ./index.ts; see ./defineJob.ts). */
import type { JobHandler } from './defineJob';

export const scenarioJobs: Record<string, JobHandler> = {};
