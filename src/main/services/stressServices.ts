/**
 * The stress services (methods in src/shared/methods/stress.ts): scenario sets are read and written here in main
 * (the store's only writer); the historical scenario generator and stress runs go to the engine workers, runs
 * under the caller's job id so the view sees progress and can cancel.
 */
import type { DomainServices } from '../../shared/api';
import type { HistoricalScenarioDto, StressReport, StressRunSpec } from '../../shared/contract/stress';
import type { STRESS_METHODS } from '../../shared/methods/stress';
import { dailyAssets } from '../analysis/stressRun';
import { bookUnderlyings } from '../market/modelInputs';
import { deleteScenarioSet, getPortfolio, getScenarioSet, listScenarioSets, saveScenarioSet } from '../store';
import { JobError } from '../worker/errors';
import { STRESS_HISTORICAL_JOB, STRESS_RUN_JOB } from '../worker/jobs/stress';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';

/** A job that failed on its input (date outside the history, no prices) is the caller's error, not an internal one. */
function asBadRequest(error: unknown): never {
  if (error instanceof JobError && error.code === 'failed') throw new ServiceError('bad_request', error.message);
  throw error;
}

export function createStressServices({ db, pool, jobs }: ServiceContext): DomainServices<typeof STRESS_METHODS> {
  const requirePortfolio = (name: string) => {
    const book = getPortfolio(db, name);
    if (!book) throw new ServiceError('not_found', `portfolio '${name}' does not exist`);
    return book;
  };
  return {
    listStressSets: async () => listScenarioSets(db),
    getStressSet: async ({ name }) => {
      const set = getScenarioSet(db, name);
      if (!set) throw new ServiceError('not_found', `no stress scenario set named '${name}'`);
      return set;
    },
    saveStressSet: async ({ set }) => {
      saveScenarioSet(db, set);
      return { name: set.name, description: set.description ?? null, scenarioCount: set.scenarios.length };
    },
    deleteStressSet: async ({ name }) => deleteScenarioSet(db, name),
    getStressUniverse: async ({ portfolio }) => ({
      bookUnderlyings: portfolio === null ? [] : bookUnderlyings(requirePortfolio(portfolio)).sort(),
      assets: dailyAssets(db),
    }),
    historicalStressScenario: ({ date, horizonDays }) =>
      pool.run<HistoricalScenarioDto>(STRESS_HISTORICAL_JOB, { date, horizonDays }, { priority: 'interactive' }).catch(asBadRequest),
    runStress: async ({ jobId, ...spec }) => {
      requirePortfolio(spec.portfolio);
      const payload: StressRunSpec = spec;
      return jobs.run(jobId, 'stress run', (job) =>
        pool.run<StressReport>(STRESS_RUN_JOB, payload, { priority: 'interactive', signal: job.signal, onProgress: job.progress }).catch(asBadRequest),
      );
    },
  };
}
