/** Engine jobs of the risk views (registered in ./index.ts; see ./defineJob.ts). */
import type { JobHandler } from './defineJob';

export const riskJobs: Record<string, JobHandler> = {};
