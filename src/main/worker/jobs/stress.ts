/** Engine jobs of the stress views (registered in ./index.ts; see ./defineJob.ts). */
import type { JobHandler } from './defineJob';

export const stressJobs: Record<string, JobHandler> = {};
