import { z } from 'zod';
import { engineValuation } from '../margin/valuationAdapter';
import { loadPreset, modelFromPreset } from '../margin/presets';
import type { GridPreset, MarginPreset, ScenarioSpec } from '../margin/presets/schema';
import { computeInitialMargin, type MarginConfig } from '../margin/types';
import { varMarginModel } from '../margin/var/model';
import { parseVarSpec, varSpecSchema } from '../margin/var/spec';
import { anchoredBookKernel, type BookMarginModel } from './bookBacktest';

/**
 * Margin models a backtest or calibration runs, as plain data (so they cross to worker processes and come from CLI
 * flags), built on the project's margin models:
 * - { kind: 'var', spec }: the VaR/ES models of margin/var (historical, FHS, parametric, Monte Carlo), given the
 *   history up to t at every test date. Scannable: confidence, lookbackDays, ewmaLambda.
 * - { kind: 'preset', name, scanScale }: a shipped margin preset (grid or standard); scanScale multiplies every spot
 *   move of a grid preset's scenario tables (the "grid scan range"). Scannable: scanScale.
 * The backtested amount is the initial margin (the amount meant to cover losses over the MPOR).
 */
export const backtestModelSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('var'), spec: varSpecSchema }),
  z.strictObject({ kind: z.literal('preset'), name: z.string().min(1), scanScale: z.number().positive().default(1) }),
]);
export type BacktestModelSpec = z.infer<typeof backtestModelSchema>;

/** Names of the parameters `offset calibrate --param` may scan, per model kind. */
export const SCANNABLE_PARAMS: Record<BacktestModelSpec['kind'], string[]> = {
  var: ['confidence', 'lookbackDays', 'ewmaLambda'],
  preset: ['scanScale'],
};

/** The spec with one parameter replaced (calibration), validated again so an out-of-range value is a clear error. */
export function withParam(spec: BacktestModelSpec, param: string, value: number): BacktestModelSpec {
  if (!SCANNABLE_PARAMS[spec.kind].includes(param)) {
    throw new RangeError(`model ${spec.kind} has no scannable parameter '${param}' (have ${SCANNABLE_PARAMS[spec.kind].join(', ')})`);
  }
  const candidate = spec.kind === 'var' ? { ...spec, spec: { ...spec.spec, [param]: value } } : { ...spec, [param]: value };
  const parsed = backtestModelSchema.safeParse(candidate);
  if (!parsed.success) throw new RangeError(`model ${spec.kind}: ${param} = ${value} is invalid: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** The confidence a backtest of this model is judged at: the VaR confidence, or `presetConfidence` for presets. */
export function modelConfidence(spec: BacktestModelSpec, presetConfidence = 0.99): number {
  return spec.kind === 'var' ? spec.spec.confidence : presetConfidence;
}

/** MPOR of the model (VaR spec's mporDays; presets are judged over `presetMpor`). */
export function modelMporDays(spec: BacktestModelSpec, presetMpor = 1): number {
  return spec.kind === 'var' ? spec.spec.mporDays : presetMpor;
}

function scaleScenarios(s: ScenarioSpec, k: number): ScenarioSpec {
  switch (s.kind) {
    case 'buckets':
      return { ...s, priceRange: s.priceRange * k };
    case 'explicit':
      return { ...s, priceScanRange: s.priceScanRange * k };
    case 'moves':
      return { ...s, moves: s.moves.map((m) => Math.max(-0.999, m * k)) };
  }
}

/** A grid preset with every spot move multiplied by k (moves floored at -99.9%); standard presets are unchanged. */
export function scaleGridPreset(preset: MarginPreset, k: number): MarginPreset {
  if (preset.kind === 'standard' || k === 1) return preset;
  const grid = preset as GridPreset;
  const scaleGroup = (g: GridPreset['default']) => ({ ...g, tables: g.tables.map((t) => ({ ...t, scenarios: scaleScenarios(t.scenarios, k) })) });
  return { ...grid, default: scaleGroup(grid.default), byUnderlying: Object.fromEntries(Object.entries(grid.byUnderlying).map(([u, g]) => [u, scaleGroup(g)])) };
}

/** EMIR APC option (c): 10 years of daily returns. */
export const TEN_YEAR_LOOKBACK_DAYS = 3650;

/** The model's 10-year-lookback twin for the APC floor (VaR models only; presets have no lookback). */
export function tenYearLookbackModel(spec: BacktestModelSpec): BacktestModelSpec | undefined {
  return spec.kind === 'var' ? withParam(spec, 'lookbackDays', TEN_YEAR_LOOKBACK_DAYS) : undefined;
}

/** Backtests need the initial margin only; the kernel reuses each date's compiled book for the realised P&L. */
const backtestConfig = (): MarginConfig => ({ valuation: engineValuation(), kernel: anchoredBookKernel, attribution: false, liquidation: false });

export function marginModelFor(spec: BacktestModelSpec): BookMarginModel {
  const config = backtestConfig();
  if (spec.kind === 'var') {
    const varSpec = parseVarSpec(spec.spec);
    return (book, market, past) => computeInitialMargin(varMarginModel(varSpec, past), book, market, config);
  }
  const model = modelFromPreset(scaleGridPreset(loadPreset(spec.name), spec.scanScale));
  return (book, market) => computeInitialMargin(model, book, market, config);
}
