import { z } from 'zod';

/**
 * Parameters of the VaR / expected-shortfall margin models (docs/methodology/var-es.md). Every number the models
 * use is one of these fields; `parseVarSpec` fills defaults and names the bad field of a config file.
 */
export const VAR_METHODS = ['historical', 'fhs-ewma', 'fhs-garch', 'parametric', 'delta-gamma', 'montecarlo'] as const;
export type VarMethod = (typeof VAR_METHODS)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO day YYYY-MM-DD');

export const varSpecSchema = z.strictObject({
  /** 'var': the loss quantile; 'es': the mean loss beyond it (see stats/tailRisk.ts for the tail convention). */
  measure: z.enum(['var', 'es']).default('es'),
  method: z.enum(VAR_METHODS).default('historical'),
  confidence: z.number().gt(0.5).lt(1).default(0.99),
  /** Margin period of risk in days: scenarios are MPOR-day moves and options age by MPOR days. */
  mporDays: z.number().int().min(1).max(5).default(2),
  /** Daily returns in the scenario window (historical, FHS) or the covariance estimate (parametric, Monte Carlo). */
  lookbackDays: z.number().int().min(20).default(750),
  /** Maintenance margin as a fraction of the initial margin. */
  maintenanceRatio: z.number().gt(0).max(1).default(0.75),
  /** Relative vol change per unit log spot return for underlyings without an implied-vol series. */
  spotVolBeta: z.number().default(-0.5),
  /** EWMA decay for FHS-EWMA and the EWMA covariance (RiskMetrics 0.94 daily, 0.97 monthly). */
  ewmaLambda: z.number().gt(0).lt(1).default(0.94),
  /** Covariance estimator of the parametric and Monte Carlo methods. */
  covariance: z.enum(['ewma', 'sample']).default('ewma'),
  /** FHS: today's vol is floored at the highest conditional vol of this period (anti-procyclicality). */
  stressedPeriod: z.strictObject({ from: isoDay, to: isoDay }).optional(),
  monteCarlo: z
    .strictObject({
      paths: z.number().int().min(100).default(10_000),
      seed: z.number().int().default(1),
      distribution: z.enum(['normal', 'student-t']).default('normal'),
      /** Student-t degrees of freedom (> 2 so the variance exists; paths are scaled to unit variance). */
      degreesOfFreedom: z.number().gt(2).default(5),
      /** Paths per random stream; fixed so the result never depends on the worker count. */
      chunkPaths: z.number().int().min(100).default(1_000),
    })
    .prefault({}),
});

export type VarSpec = z.infer<typeof varSpecSchema>;
export type VarSpecInput = z.input<typeof varSpecSchema>;

export function parseVarSpec(input: unknown, source = 'VaR config'): VarSpec {
  const parsed = varSpecSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new RangeError(`${source}: ${issues}`);
  }
  return parsed.data;
}

/** Short model name for results and tables, e.g. 'es-historical-99%-2d'. */
export function varModelName(spec: VarSpec): string {
  return `${spec.measure}-${spec.method}-${+(spec.confidence * 100).toFixed(2)}%-${spec.mporDays}d`;
}
