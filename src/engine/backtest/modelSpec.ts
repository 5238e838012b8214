import { z } from 'zod';
import { historicalSimulationModel, type BookMarginModel, type Revalue } from './bookBacktest';

/**
 * Margin models a backtest or calibration can run, as plain data (so they cross to worker processes and come from
 * CLI flags). Parameters a calibration may scan: confidence, lookbackDays.
 * - hs-var / hs-es: historical-simulation VaR / ES of the book over the overlapping MPOR-day joint moves of the last
 *   lookbackDays days known at t.
 */
export const backtestModelSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.enum(['hs-var', 'hs-es']),
    confidence: z.number().gt(0).lt(1).default(0.99),
    lookbackDays: z.number().int().min(20).default(365),
  }),
]);
export type BacktestModelSpec = z.infer<typeof backtestModelSchema>;

/** Names of the parameters `offset calibrate --param` may scan, per model kind. */
export const SCANNABLE_PARAMS: Record<BacktestModelSpec['kind'], string[]> = {
  'hs-var': ['confidence', 'lookbackDays'],
  'hs-es': ['confidence', 'lookbackDays'],
};

/** The spec with one parameter replaced (calibration), validated again so an out-of-range value is a clear error. */
export function withParam(spec: BacktestModelSpec, param: string, value: number): BacktestModelSpec {
  if (!SCANNABLE_PARAMS[spec.kind].includes(param)) {
    throw new RangeError(`model ${spec.kind} has no scannable parameter '${param}' (have ${SCANNABLE_PARAMS[spec.kind].join(', ')})`);
  }
  const parsed = backtestModelSchema.safeParse({ ...spec, [param]: value });
  if (!parsed.success) throw new RangeError(`model ${spec.kind}: ${param} = ${value} is invalid: ${parsed.error.issues[0].message}`);
  return parsed.data;
}

/** The confidence a backtest of this model is judged at (coverage tests, traffic light). */
export function modelConfidence(spec: BacktestModelSpec): number {
  return spec.confidence;
}

export function marginModelFor(spec: BacktestModelSpec, mporDays: number, revalue: Revalue): BookMarginModel {
  switch (spec.kind) {
    case 'hs-var':
      return historicalSimulationModel('var', spec.confidence, spec.lookbackDays, mporDays, revalue);
    case 'hs-es':
      return historicalSimulationModel('es', spec.confidence, spec.lookbackDays, mporDays, revalue);
  }
}
