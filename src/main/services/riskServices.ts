/**
 * The risk services (methods in src/shared/methods/risk.ts): the Book view's greeks and attribution, the what-if
 * margin, and the Margin view's report, comparison and presets. Everything that prices the book runs as an engine
 * job (src/main/worker/jobs/risk.ts) at interactive priority under the caller's job id (progress, cancel);
 * this module only checks what is cheap to check here, so bad input fails fast with the field named.
 */
import { parseDeribitSymbol } from '../../engine/instrument';
import { loadPreset, PRESET_NAMES } from '../../engine/margin/presets';
import { parseVarSpec } from '../../engine/margin/var/spec';
import type { DomainServices, MarginModelSpec } from '../../shared/api';
import type { MarginPresets } from '../../shared/contract/risk';
import type { RISK_METHODS } from '../../shared/methods/risk';
import { isPresetSpec, presetOfSpec, varSpecOfSpec } from '../analysis/marginModels';
import { getPortfolio } from '../store';
import type { ServiceContext } from './context';
import { ServiceError } from './errors';

export function createRiskServices(ctx: ServiceContext): DomainServices<typeof RISK_METHODS> {
  /** Runs one risk job for `portfolio` under the caller's job id, ahead of batch work. */
  function runJob<T>(jobId: string, stage: string, type: string, payload: { portfolio: string } & Record<string, unknown>): Promise<T> {
    if (!getPortfolio(ctx.db, payload.portfolio)) throw new ServiceError('not_found', `portfolio '${payload.portfolio}' does not exist`);
    return ctx.jobs.run(jobId, stage, (job) => ctx.pool.run<T>(type, payload, { priority: 'interactive', signal: job.signal, onProgress: job.progress }));
  }

  return {
    getBookRisk: async ({ portfolio, model, jobId }) => runJob(jobId, 'book risk', 'risk.book', { portfolio, model: checkedModel(model) }),
    whatIfMargin: async ({ portfolio, model, trades, jobId }) => {
      // A held instrument keeps its stored terms (a portfolio file may name it its own way); others must parse.
      const held = new Set(getPortfolio(ctx.db, portfolio)?.positions.map((p) => p.instrument.symbol));
      trades.forEach((t, i) => {
        if (held.has(t.symbol)) return;
        try {
          parseDeribitSymbol(t.symbol);
        } catch (e) {
          throw new ServiceError('bad_request', `trades.${i}.symbol: ${(e as Error).message}`);
        }
      });
      return runJob(jobId, 'what-if margin', 'risk.whatIf', { portfolio, model: checkedModel(model), trades });
    },
    getMarginReport: async ({ portfolio, model, jobId }) => runJob(jobId, 'margin', 'risk.margin', { portfolio, model: checkedModel(model) }),
    compareMarginModels: async ({ portfolio, var: varParameters, jobId }) => {
      checkedModel({ kind: 'es', spec: varParameters });
      return runJob(jobId, 'model comparison', 'risk.compare', { portfolio, var: varParameters });
    },
    listMarginPresets: async () => marginPresets(),
  };
}

/** The spec, once its preset parameters or VaR/ES parameters pass their schemas (the error names each bad field). */
function checkedModel(spec: MarginModelSpec): MarginModelSpec {
  try {
    if (isPresetSpec(spec)) presetOfSpec(spec);
    else varSpecOfSpec(spec);
  } catch (e) {
    throw new ServiceError('bad_request', (e as Error).message);
  }
  return spec;
}

/** The shipped presets' parameter documents and the VaR/ES defaults, for the configuration form to start from. */
export function marginPresets(): MarginPresets {
  const presets = PRESET_NAMES.map((name) => {
    const preset = loadPreset(name);
    return { name, kind: preset.kind, description: preset.description, parameters: preset as unknown as Record<string, unknown> };
  });
  const varDefaults: Record<string, unknown> = { ...parseVarSpec({}) };
  delete varDefaults.measure; // the model kind (var or es) decides it
  return { presets, varDefaults };
}
