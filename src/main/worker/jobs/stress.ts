/**
 * Engine jobs of the Stress view (registered in ./index.ts; see ./defineJob.ts): a whole stress run of a stored
 * book and the editor's single-date historical scenario, both reading the store read-only through ctx.db.
 * The logic lives in src/main/analysis/stressRun.ts, shared with `offset stress`.
 */
import { z } from 'zod';
import { historicalScenario, runStress } from '../../analysis/stressRun';
import { stressRunSpecSchema } from '../../../shared/contract/stress';
import { defineJob, type JobHandler } from './defineJob';

export const STRESS_RUN_JOB = 'stress.run';
export const STRESS_HISTORICAL_JOB = 'stress.historicalScenario';


const historicalPayloadSchema = z.object({ date: z.string(), horizonDays: z.number().int().positive() });

export const stressJobs: Record<string, JobHandler> = {
  [STRESS_RUN_JOB]: defineJob(stressRunSpecSchema, (p, ctx) =>
    runStress(
      ctx.db,
      p.portfolio,
      { model: p.model, set: p.set ?? undefined, historicalWindows: p.historicalWindows, worstDays: p.worstDays, horizonDays: p.horizonDays, timeShiftDays: p.timeShiftDays, topContributors: p.topContributors, reverseStress: p.reverseStress },
      { progress: (f, stage) => ctx.progress(f, stage), checkpoint: () => ctx.checkpoint() },
    ),
  ),
  [STRESS_HISTORICAL_JOB]: defineJob(historicalPayloadSchema, (p, ctx) => historicalScenario(ctx.db, p.date, p.horizonDays)),
};
