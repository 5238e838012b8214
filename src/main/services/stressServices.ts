/**
 * The stress services (methods in src/shared/methods/stress.ts): scenario sets are read and written here in main
 * (the store's only writer); the historical scenario generator and stress runs go to the engine workers, runs
 * under the caller's job id so the view sees progress and can cancel.
 */
import type { DomainServices } from '../../shared/api';
import type { HistoricalScenarioDto, StoredStressRun, StressReport, StressRunInputs, StressRunListItem, StressRunSpec } from '../../shared/contract/stress';
import type { STRESS_METHODS } from '../../shared/methods/stress';
import { dailyAssets, modelSpecLabel } from '../analysis/stressRun';
import { bookUnderlyings } from '../market/modelInputs';
import { deleteScenarioSet, getPortfolio, getRun, getScenarioSet, listRuns, listScenarioSets, saveRun, saveScenarioSet, type Db, type StoredRun } from '../store';
import { JobError } from '../worker/errors';
import { STRESS_HISTORICAL_JOB, STRESS_RUN_JOB } from '../worker/jobs/stress';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';

/** A job that failed on its input (date outside the history, no prices) is the caller's error, not an internal one. */
function asBadRequest(error: unknown): never {
  if (error instanceof JobError && error.code === 'failed') throw new ServiceError('bad_request', error.message);
  throw error;
}

/** Runs listed when the caller gives no limit. */
const DEFAULT_LIST_LIMIT = 50;

/**
 * Stored shape of a 'stress' run: inputs = StressRunInputs (what was asked, the set by name and size),
 * params = { model } (the margin model spec), results = the StressReport as runStress returned it (its `scenarios`
 * are StressOutcome-shaped, which the XLSX report's fallback in src/main/export/bookReport.ts reads).
 */
function saveStressRun(db: Db, spec: StressRunSpec, report: StressReport, startedAt: number): number {
  const finishedAt = Date.now();
  const inputs: StressRunInputs = {
    set: spec.set ? { name: spec.set.name, volShiftMode: spec.set.volShiftMode, scenarioCount: spec.set.scenarios.length } : null,
    historicalWindows: spec.historicalWindows,
    worstDays: spec.worstDays,
    horizonDays: spec.horizonDays,
    timeShiftDays: spec.timeShiftDays,
    topContributors: spec.topContributors,
    reverseStress: spec.reverseStress,
  };
  return db.transaction(() =>
    saveRun(db, { kind: 'stress', portfolio: spec.portfolio, inputs, params: { model: spec.model }, results: report, startedAt, finishedAt, timings: { 'stress run': finishedAt - startedAt } }),
  )();
}

function toStoredStressRun(run: StoredRun): StoredStressRun {
  return { id: run.id, portfolio: run.portfolio ?? '', startedAt: run.startedAt, finishedAt: run.finishedAt ?? null, inputs: run.inputs as StressRunInputs, report: run.results as StressReport };
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
      const startedAt = Date.now();
      const report = await jobs.run(jobId, 'stress run', (job) =>
        pool.run<StressReport>(STRESS_RUN_JOB, payload, { priority: 'interactive', signal: job.signal, onProgress: job.progress }).catch(asBadRequest),
      );
      return toStoredStressRun(getRun(db, saveStressRun(db, payload, report, startedAt))!);
    },
    listStressRuns: async ({ portfolio, limit }) => {
      requirePortfolio(portfolio);
      return listRuns(db, { kind: 'stress', portfolio, limit: limit ?? DEFAULT_LIST_LIMIT, fields: { model: '$.model', excess: '$.excess' } }).map(
        (run): StressRunListItem => ({
          id: run.id,
          portfolio,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          inputs: run.inputs as StressRunInputs,
          model: typeof run.fields.model === 'string' ? run.fields.model : modelSpecLabel((run.params as { model: StressRunSpec['model'] }).model),
          excess: typeof run.fields.excess === 'number' ? run.fields.excess : null,
        }),
      );
    },
    getStressRun: async ({ id }) => {
      const run = getRun(db, id);
      if (!run || run.kind !== 'stress') throw new ServiceError('not_found', `no stored stress run with id ${id}`);
      return toStoredStressRun(run);
    },
  };
}
