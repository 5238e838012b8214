/**
 * The backtest services (methods in src/shared/methods/backtest.ts): the run form's choices, backtests and
 * calibrations as tracked jobs on the worker pool (progress, cancel), and the runs they store. The work is
 * src/main/analysis/backtestRun.ts and calibrationRun.ts, the same code `offset backtest|calibrate` runs; a
 * finished job returns its run read back from the store, so a fresh result and a reopened run are the same value.
 */
import { SCANNABLE_PARAMS } from '../../engine/backtest/modelSpec';
import { PRESET_NAMES } from '../../engine/margin/presets';
import { VAR_METHODS } from '../../engine/margin/var/spec';
import type { DomainServices } from '../../shared/api';
import {
  BACKTEST_SUITES,
  type BacktestReportView,
  type BacktestRunListItem,
  type BacktestRunView,
  type CalibrationRunListItem,
  type CalibrationRunView,
  type CalibrationPointView,
  type DailySeries,
} from '../../shared/contract/backtest';
import type { BACKTEST_METHODS } from '../../shared/methods/backtest';
import { backtestBooks, historyFor, saveBacktestRun, selectBooks, type BacktestOptions, type SuiteName } from '../analysis/backtestRun';
import { calibrateBooks, calibrationModels, saveCalibrationRun, type CalibrationRequest } from '../analysis/calibrationRun';
import { getRun, listRuns, type Db, type RunSummary, type StoredRun } from '../store';
import type { TrackedJob } from './jobTracker';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';

type BacktestModel = BacktestRunView['model'];
type Suite = (typeof BACKTEST_SUITES)[number];

/** What the 'backtest' and 'calibration' runs store (src/main/analysis/*Run.ts document the shapes). */
interface StoredRunInputs {
  book?: string;
  books?: string[];
  from?: string;
  to?: string;
  suite?: Suite;
}
interface StoredBacktestParams {
  model: BacktestModel;
  mporDays?: number;
  apcLookbackFloor?: boolean;
}
interface StoredCalibrationParams {
  model: BacktestModel;
  param: string;
  range: string;
  target: CalibrationRunView['target'];
}

const DEFAULT_LIST_LIMIT = 100;

/** Errors of the user's choices (no such portfolio, dates outside the history, a bad parameter value) are 400s. */
function asUserError(error: unknown): unknown {
  return error instanceof RangeError || (error instanceof Error && error.name === 'Error' && !('code' in error)) ? new ServiceError('bad_request', error.message) : error;
}

/** Progress with a linear ETA from the elapsed time. */
function reporter(job: TrackedJob, stage: string): (fraction: number) => void {
  const started = Date.now();
  return (fraction) => job.progress({ fraction, stage, etaMs: fraction > 0 ? ((Date.now() - started) * (1 - fraction)) / fraction : null });
}

/** The fields every backtest/calibration run view and list item share, from a stored run or a listed one. */
function header(run: Pick<StoredRun | RunSummary, 'id' | 'portfolio' | 'inputs' | 'startedAt' | 'finishedAt'>, params: { model: BacktestModel }) {
  const inputs = run.inputs as StoredRunInputs;
  return {
    id: run.id,
    portfolio: run.portfolio ?? null,
    suite: inputs.suite ?? null,
    from: inputs.from ?? null,
    to: inputs.to ?? null,
    model: params.model,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt ?? null,
  };
}

function storedRun(db: Db, id: number, kind: 'backtest' | 'calibration'): StoredRun {
  const run = getRun(db, id);
  if (!run || run.kind !== kind) throw new ServiceError('not_found', `no ${kind} run #${id}`);
  if (run.results === undefined) throw new ServiceError('not_found', `${kind} run #${id} has no results`);
  return run;
}

export function toBacktestRunView(run: StoredRun): BacktestRunView {
  const params = run.params as StoredBacktestParams;
  const { series, ...report } = run.results as BacktestReportView & { series?: DailySeries };
  return {
    ...header(run, params),
    book: (run.inputs as StoredRunInputs).book ?? run.portfolio ?? `run ${run.id}`,
    mporDays: params.mporDays ?? null,
    apcLookbackFloor: params.apcLookbackFloor === true,
    report,
    series: series ?? null,
  };
}

export function toCalibrationRunView(run: StoredRun): CalibrationRunView {
  const params = run.params as StoredCalibrationParams;
  const results = run.results as { points: CalibrationPointView[]; best: CalibrationPointView | null };
  return {
    ...header(run, params),
    books: (run.inputs as StoredRunInputs).books ?? [],
    param: params.param,
    range: params.range,
    target: params.target,
    points: results.points,
    best: results.best?.value ?? null,
  };
}

export function createBacktestServices({ db, pool, jobs }: ServiceContext): DomainServices<typeof BACKTEST_METHODS> {
  /** Books, history and options of a run form, or a 400 naming what is wrong. */
  const prepare = (args: { books: Parameters<typeof selectBooks>[1]; model: BacktestModel; from?: string; to?: string; mporDays?: number; fallbackVol?: number }) => {
    if (args.model.kind === 'preset' && !PRESET_NAMES.includes(args.model.name)) {
      throw new ServiceError('bad_request', `model.name: unknown margin preset '${args.model.name}' (known: ${PRESET_NAMES.join(', ')})`);
    }
    if (args.from && args.to && args.from > args.to) throw new ServiceError('bad_request', `from ${args.from} is after to ${args.to}`);
    try {
      const books = selectBooks(db, args.books);
      const history = historyFor(db, books, args.to);
      const options: BacktestOptions = { from: args.from, to: args.to, mporDays: args.mporDays, fallbackVol: args.fallbackVol };
      const suite: SuiteName | undefined = 'suite' in args.books ? args.books.suite : undefined;
      return { books, history, options, suite };
    } catch (error) {
      throw asUserError(error);
    }
  };

  return {
    getBacktestSetup: async () => {
      const range = db.prepare("SELECT MIN(ts) AS first, MAX(ts) AS last FROM price_bars WHERE interval = '1d'").get() as { first: number | null; last: number | null };
      const day = (ts: number) => new Date(ts).toISOString().slice(0, 10);
      return {
        presets: [...PRESET_NAMES],
        varMethods: [...VAR_METHODS],
        scannableParams: { var: [...SCANNABLE_PARAMS.var], preset: [...SCANNABLE_PARAMS.preset] },
        suites: [...BACKTEST_SUITES],
        history: range.first !== null && range.last !== null ? { first: day(range.first), last: day(range.last) } : null,
      };
    },

    runBacktest: (args) =>
      jobs.run(args.jobId, 'backtest', async (job) => {
        const startedAt = Date.now();
        const { books, history, options, suite } = prepare(args);
        options.apcLookbackFloor = args.apcLookbackFloor === true;
        const stage = books.length === 1 ? `backtest ${books[0].template.name}` : `backtest of ${books.length} books`;
        const done = await backtestBooks(pool, books, history, args.model, options, { signal: job.signal, onProgress: reporter(job, stage) }).catch((error: unknown) => {
          throw asUserError(error);
        });
        if (job.signal.aborted) throw new ServiceError('cancelled', 'backtest cancelled');
        // Every book's run, report and daily series, saved together or not at all.
        const ids = db.transaction(() => done.map((book) => saveBacktestRun(db, { book, model: args.model, options, suite, startedAt })))();
        return { runs: ids.map((id) => toBacktestRunView(storedRun(db, id, 'backtest'))) };
      }),

    listBacktestRuns: async ({ limit }) =>
      listRuns(db, { kind: 'backtest', limit: limit ?? DEFAULT_LIST_LIMIT, fields: { observations: '$.observations', breaches: '$.breaches', zone: '$.trafficLight.zone' } }).map(
        (run): BacktestRunListItem => {
          const inputs = run.inputs as StoredRunInputs;
          return {
            ...header(run, run.params as StoredBacktestParams),
            book: inputs.book ?? run.portfolio ?? `run ${run.id}`,
            observations: (run.fields.observations as number | undefined) ?? null,
            breaches: (run.fields.breaches as number | undefined) ?? null,
            zone: (run.fields.zone as BacktestRunListItem['zone'] | undefined) ?? null,
          };
        },
      ),

    getBacktestRun: async ({ id }) => toBacktestRunView(storedRun(db, id, 'backtest')),

    runCalibration: (args) =>
      jobs.run(args.jobId, 'calibration', async (job) => {
        const startedAt = Date.now();
        const { books, history, options, suite } = prepare(args);
        const request: CalibrationRequest = {
          base: args.model,
          param: args.param,
          range: `${args.range.start}:${args.range.end}:${args.range.step}`,
          target: args.target,
          options,
        };
        try {
          calibrationModels(request);
        } catch (error) {
          throw asUserError(error);
        }
        const stage = `calibrating ${args.param} on ${books.length} book${books.length === 1 ? '' : 's'}`;
        const result = await calibrateBooks(pool, books, history, request, { signal: job.signal, onProgress: reporter(job, stage) }).catch((error: unknown) => {
          throw asUserError(error);
        });
        if (job.signal.aborted) throw new ServiceError('cancelled', 'calibration cancelled');
        const id = saveCalibrationRun(db, { books, request, result, suite, startedAt });
        return toCalibrationRunView(storedRun(db, id, 'calibration'));
      }),

    listCalibrationRuns: async ({ limit }) =>
      listRuns(db, { kind: 'calibration', limit: limit ?? DEFAULT_LIST_LIMIT, fields: { best: '$.best.value' } }).map((run): CalibrationRunListItem => {
        const params = run.params as StoredCalibrationParams;
        return {
          ...header(run, params),
          books: (run.inputs as StoredRunInputs).books ?? [],
          param: params.param,
          range: params.range,
          target: params.target,
          best: (run.fields.best as number | undefined) ?? null,
        };
      }),

    getCalibrationRun: async ({ id }) => toCalibrationRunView(storedRun(db, id, 'calibration')),
  };
}
