/**
 * The side-by-side comparison of margin models on one book (`offset margin --compare` and the Margin view):
 * which models are compared (standard margin first, then every shipped grid preset, then VaR and ES) and the
 * summary of their results, with the portfolio-margin saving over standard margin as the headline. How each model
 * is run is the caller's choice (the CLI splits VaR revaluation over the worker pool; an engine job runs in-process).
 */
import { loadPreset, PRESET_NAMES } from '../../engine/margin/presets';
import type { MarginResult } from '../../engine/margin/types';
import type { MarginModelSpec } from '../../shared/api';
import { DEFAULT_PRESET } from './marginModels';

/** VaR/ES parameters shared by the VaR and the ES rows of a comparison (measure omitted; defaults fill the rest). */
export type ComparisonVarParameters = Extract<MarginModelSpec, { kind: 'var' | 'es' }>['spec'];

/** The models compared, standard margin first (the baseline every saving is measured against). */
export function comparisonSpecs(varParameters?: ComparisonVarParameters): MarginModelSpec[] {
  const grids = PRESET_NAMES.filter((name) => loadPreset(name).kind === 'grid').map((preset): MarginModelSpec => ({ kind: 'grid', preset }));
  const risk = (['var', 'es'] as const).map((kind): MarginModelSpec => (varParameters ? { kind, spec: varParameters } : { kind }));
  return [{ kind: 'standard', preset: DEFAULT_PRESET.standard }, ...grids, ...risk];
}

export interface ComparedModel {
  model: string;
  initialMargin: number;
  maintenanceMargin: number;
  /** Standard initial margin minus this model's (positive = this model asks for less). */
  savingVsStandard: number;
  /** The saving as a percentage of standard initial margin (0 when standard margin is 0). */
  savingPct: number;
  timings: Record<string, number>;
}

export interface MarginComparison {
  headline: { standardInitialMargin: number; bestPortfolioModel: string; bestInitialMargin: number; saving: number; savingPct: number };
  models: ComparedModel[];
}

/** Summarises results in comparisonSpecs order: results[0] is standard margin, the rest portfolio models. */
export function summariseComparison(results: MarginResult[]): MarginComparison {
  if (results.length < 2) throw new RangeError('a margin comparison needs standard margin and at least one portfolio model');
  const standard = results[0].initialMargin;
  const models = results.map((r) => ({
    model: r.model,
    initialMargin: r.initialMargin,
    maintenanceMargin: r.maintenanceMargin,
    savingVsStandard: standard - r.initialMargin,
    savingPct: standard > 0 ? (100 * (standard - r.initialMargin)) / standard : 0,
    timings: r.timings,
  }));
  const best = models.slice(1).reduce((a, b) => (b.initialMargin < a.initialMargin ? b : a));
  return {
    headline: { standardInitialMargin: standard, bestPortfolioModel: best.model, bestInitialMargin: best.initialMargin, saving: best.savingVsStandard, savingPct: best.savingPct },
    models,
  };
}
