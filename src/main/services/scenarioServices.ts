/**
 * The scenarios services (methods in src/shared/methods/scenarios.ts): the grid-model scenario heatmap of a
 * stored book and the return correlations of the stored underlyings. Arguments are checked here against the
 * store (portfolio, preset, underlyings, as-of day) so the user sees a clear 'bad_request'/'not_found'; the
 * computation runs as engine jobs in the worker pool (src/main/worker/jobs/scenario.ts), which return typed
 * arrays that become plain JSON arrays here (NaN -> null).
 */
import type { DomainServices } from '../../shared/api';
import type { SCENARIO_METHODS } from '../../shared/methods/scenarios';
import { presetOfSpec } from '../analysis/marginModels';
import { listPortfolios } from '../store';
import { assetKind } from '../store/instruments';
import type { Db } from '../store/database';
import type { HeatmapResult } from '../worker/jobs/scenario';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';

interface StoredUnderlying {
  name: string;
  firstDate: string;
  lastDate: string;
  days: number;
}

const isoDay = (ts: number) => new Date(ts).toISOString().slice(0, 10);

/** Crypto assets with daily closes, oldest history first (BTC, ETH, ... as listed). */
function storedUnderlyings(db: Db): StoredUnderlying[] {
  const rows = db
    .prepare("SELECT asset, MIN(ts), MAX(ts), COUNT(*) FROM price_bars WHERE interval = '1d' GROUP BY asset ORDER BY MIN(ts), asset")
    .raw()
    .all() as [string, number, number, number][];
  return rows
    .filter(([asset]) => assetKind(asset) === 'crypto')
    .map(([name, first, last, days]) => ({ name, firstDate: isoDay(first), lastDate: isoDay(last), days }));
}

const nullable = (values: ArrayLike<number>) => Array.from(values, (v) => (Number.isFinite(v) ? v : null));

export function createScenarioServices({ db, pool, jobs }: ServiceContext): DomainServices<typeof SCENARIO_METHODS> {
  /** The requested underlyings (default: all stored), each checked to have daily closes, and the as-of day. */
  function correlationInputs(requested: string[] | undefined, asOf: string | undefined): string[] {
    const stored = storedUnderlyings(db);
    const known = new Map(stored.map((u) => [u.name, u]));
    const names = requested ?? stored.map((u) => u.name);
    const unknown = names.filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new ServiceError('bad_request', `no daily closes in the store for ${unknown.join(', ')} (have ${stored.map((u) => u.name).join(', ') || 'none'}): import their price history first`);
    }
    if (new Set(names).size !== names.length) throw new ServiceError('bad_request', `underlyings: ${names.join(', ')} lists one twice`);
    if (names.length < 2) throw new ServiceError('bad_request', `correlations need at least two underlyings with daily closes (have ${names.join(', ') || 'none'})`);
    if (asOf !== undefined) {
      const first = Math.min(...names.map((n) => Date.parse(known.get(n)!.firstDate)));
      if (!(Date.parse(asOf) > first)) throw new ServiceError('bad_request', `asOf ${asOf} is before the second stored close of ${names.join(', ')} (first ${isoDay(first)})`);
    }
    return names;
  }

  return {
    scenarioHeatmap: async ({ jobId, portfolio, model }) => {
      if (model.kind !== 'grid') {
        throw new ServiceError('bad_request', `model: the scenario heatmap needs a grid model (deribit-pm-like, span-16, okx-pm-like), not ${model.kind}`);
      }
      try {
        presetOfSpec(model);
      } catch (error) {
        throw new ServiceError('bad_request', `model: ${(error as Error).message}`);
      }
      if (!listPortfolios(db).some((p) => p.name === portfolio)) throw new ServiceError('not_found', `portfolio '${portfolio}' does not exist`);
      const result = await jobs.run(jobId, 'scenario heatmap', (job) =>
        pool.run<HeatmapResult>('scenario.heatmap', { portfolio, model }, { priority: 'interactive', signal: job.signal, onProgress: job.progress }),
      );
      return {
        ...result,
        groups: result.groups.map((g) => ({ ...g, pnl: Array.from(g.pnl), positionPnl: Array.from(g.positionPnl) })),
      };
    },

    correlationUniverse: async () => ({ underlyings: storedUnderlyings(db) }),

    correlationMatrix: async ({ jobId, window, method, lambda, asOf, underlyings }) => {
      const names = correlationInputs(underlyings, asOf);
      const result = await jobs.run(jobId, 'correlations', (job) =>
        pool.run<{ matrix: Float64Array; observations: Int32Array; minEigenvalue: number; asOf: string; fromDate: string; toDate: string; minObservations: number }>(
          'correlation.matrix',
          { underlyings: names, window, method, lambda, asOf },
          { priority: 'interactive', signal: job.signal, onProgress: job.progress },
        ),
      );
      return {
        underlyings: names,
        asOf: result.asOf,
        fromDate: result.fromDate,
        toDate: result.toDate,
        matrix: nullable(result.matrix),
        observations: Array.from(result.observations),
        minEigenvalue: Number.isFinite(result.minEigenvalue) ? result.minEigenvalue : null,
        minObservations: result.minObservations,
      };
    },

    rollingCorrelation: async ({ jobId, window, method, lambda, asOf, pair }) => {
      if (pair[0] === pair[1]) throw new ServiceError('bad_request', `pair: pick two different underlyings (both are ${pair[0]})`);
      correlationInputs(pair, asOf);
      const result = await jobs.run(jobId, 'rolling correlation', (job) =>
        pool.run<{ dates: string[]; values: Float64Array }>(
          'correlation.rolling',
          { underlyings: pair, window, method, lambda, asOf },
          { priority: 'interactive', signal: job.signal, onProgress: job.progress },
        ),
      );
      return { pair, dates: result.dates, values: nullable(result.values) };
    },
  };
}
