/**
 * Schemas of the stress methods (names in ../methods/stress.ts): scenario sets (stored by src/main/store/scenarios.ts),
 * the historical scenario generator and the stress run (src/main/analysis/stressRun.ts).
 */
import { z } from 'zod';
import type { STRESS_METHODS } from '../methods/stress';
import { isoDaySchema, jobIdSchema, nameText, type MethodSchemas } from './common';
import { marginModelSpecSchema } from './model';

const underlyingName = z.string().regex(/^[A-Za-z0-9_.-]{1,32}$/, 'expected an underlying symbol such as BTC');

/** One underlying's shock: spot multiplier (0.7 = spot -30 %, so > 0), vol shift as a decimal (0.1 = +10 vol points or +10 %). */
export const underlyingShockSchema = z
  .object({
    spotMultiplier: z.number().positive('spot move must be above -100 % (multiplier > 0)').finite(),
    volShift: z.number().finite(),
  })
  .strict();

/** Calendar days the clock moves forward (theta), whole days. */
const timeShiftDaysSchema = z.number().int('time shift: expected whole days').min(0, 'time shift must be 0 days or more').max(365, 'time shift: at most 365 days');

export const stressScenarioSchema = z
  .object({
    name: nameText,
    shocks: z.record(underlyingName, underlyingShockSchema),
    /** This scenario's own time shift, added to the run's; absent = 0. */
    timeShiftDays: timeShiftDaysSchema.optional(),
  })
  .strict();

export const scenarioSetSchema = z
  .object({
    name: nameText,
    description: z.string().max(2000).optional(),
    volShiftMode: z.enum(['absolute', 'relative']),
    scenarios: z.array(stressScenarioSchema).min(1, 'a set needs at least one scenario').max(5000),
  })
  .strict()
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.scenarios.forEach((s, i) => {
      const key = s.name.trim().toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'name'], message: `duplicate scenario name '${s.name}'` });
      seen.add(key);
      if (set.volShiftMode === 'relative') {
        for (const [u, shock] of Object.entries(s.shocks)) {
          if (shock.volShift <= -1) ctx.addIssue({ code: 'custom', path: ['scenarios', i, 'shocks', u, 'volShift'], message: 'a relative vol shift must be above -100 %' });
        }
      }
    });
  });

export const scenarioSetSummarySchema = z.object({ name: z.string(), description: z.string().nullable(), scenarioCount: z.number().int().nonnegative() });

/** What the editor offers: the book's underlyings (positions and coin collateral) and every asset with daily closes. */
export const stressUniverseSchema = z.object({
  bookUnderlyings: z.array(z.string()),
  assets: z.array(z.object({ asset: z.string(), first: z.string(), last: z.string() })),
});

export const historicalScenarioSchema = stressScenarioSchema.extend({ from: z.string(), to: z.string(), missing: z.array(z.string()) });

/** What a stress run needs besides its job id (also the worker job's payload). */
export const stressRunSpecSchema = z
  .object({
    portfolio: nameText,
    model: marginModelSpecSchema,
    /** The set to run (as edited; need not be saved); null runs only the historical groups. */
    set: scenarioSetSchema.nullable(),
    /** Also the built-in crypto crash windows. */
    historicalWindows: z.boolean(),
    /** The book's N worst historical joint moves (0 = none). */
    worstDays: z.number().int().min(0).max(100),
    horizonDays: z.number().int().min(1).max(365),
    /** Calendar days of theta applied to every scenario of the set, on top of each scenario's own time shift. */
    timeShiftDays: timeShiftDaysSchema,
    topContributors: z.number().int().min(1).max(50),
    reverseStress: z.boolean(),
  })
  .strict();

export const runStressArgsSchema = stressRunSpecSchema
  .extend({ jobId: jobIdSchema })
  .refine((a) => a.set !== null || a.historicalWindows || a.worstDays > 0, { message: 'nothing to run: give a set, historical windows or worst days', path: ['set'] });

const contributorSchema = z.object({ instrument: z.string(), pnl: z.number() });

export const stressScenarioResultSchema = z.object({
  scenario: z.string(),
  source: z.string(),
  /** Book P&L, USD (positions and coin collateral). */
  pnl: z.number(),
  equityAfter: z.number(),
  maintenanceMargin: z.number(),
  survives: z.boolean(),
  /** P&L per instrument (and '<COIN> collateral'), USD. */
  positionPnl: z.record(z.string(), z.number()),
  topContributors: z.array(contributorSchema),
  unshocked: z.array(z.string()),
});

const reverseSideSchema = z.object({ logMove: z.number(), pctMove: z.number(), pnl: z.number() }).nullable();
const reverseResultSchema = z.object({ down: reverseSideSchema, up: reverseSideSchema });
const reverseReportSchema = z.object({ underlying: z.string(), spotOnly: reverseResultSchema, spotAndVol: reverseResultSchema.nullable(), volPerLogMove: z.number().nullable() });

export const stressReportSchema = z.object({
  portfolio: z.string(),
  model: z.string(),
  equity: z.number(),
  maintenanceMargin: z.number(),
  excess: z.number(),
  scenarios: z.array(stressScenarioResultSchema),
  skippedWindows: z.array(z.string()),
  reverseStress: z.object({ perUnderlying: z.array(reverseReportSchema), joint: reverseReportSchema.nullable() }).nullable(),
});

/** What a stored stress run was asked to do (the runs table's inputs; params hold { model }). */
export const stressRunInputsSchema = z.object({
  set: z.object({ name: z.string(), volShiftMode: z.enum(['absolute', 'relative']), scenarioCount: z.number().int().nonnegative() }).nullable(),
  historicalWindows: z.boolean(),
  worstDays: z.number().int(),
  horizonDays: z.number().int(),
  timeShiftDays: z.number().int(),
  topContributors: z.number().int(),
  reverseStress: z.boolean(),
});

const storedRunHeader = {
  id: z.number().int().positive(),
  portfolio: z.string(),
  /** UTC ms. */
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  inputs: stressRunInputsSchema,
};

/** One line of the book's run history: the margin model's label and the excess (equity - maintenance margin, USD) it ran against. */
export const stressRunListItemSchema = z.object({ ...storedRunHeader, model: z.string(), excess: z.number().nullable() });

/** A stored stress run with its full report (what runStress returns, and what reopening a run shows). */
export const storedStressRunSchema = z.object({ ...storedRunHeader, report: stressReportSchema });

export const stressApi = {
  listStressSets: { args: z.object({}).strict(), result: z.array(scenarioSetSummarySchema) },
  getStressSet: { args: z.object({ name: nameText }).strict(), result: scenarioSetSchema },
  /** Creates or replaces the named set. */
  saveStressSet: { args: z.object({ set: scenarioSetSchema }).strict(), result: scenarioSetSummarySchema },
  /** False when no set had that name. */
  deleteStressSet: { args: z.object({ name: nameText }).strict(), result: z.boolean() },
  getStressUniverse: { args: z.object({ portfolio: nameText.nullable() }).strict(), result: stressUniverseSchema },
  /** The realised joint move of every stored underlying over horizonDays ending at the close of `date`. */
  historicalStressScenario: { args: z.object({ date: isoDaySchema, horizonDays: z.number().int().min(1).max(365) }).strict(), result: historicalScenarioSchema },
  /** Runs and stores the run (kind 'stress'); returns it as stored. */
  runStress: { args: runStressArgsSchema, result: storedStressRunSchema },
  /** The portfolio's stored stress runs, most recent first. */
  listStressRuns: { args: z.object({ portfolio: nameText, limit: z.number().int().min(1).max(500).optional() }).strict(), result: z.array(stressRunListItemSchema) },
  getStressRun: { args: z.object({ id: z.number().int().positive() }).strict(), result: storedStressRunSchema },
} satisfies MethodSchemas<typeof STRESS_METHODS>;

export type StressScenarioDto = z.infer<typeof stressScenarioSchema>;
export type ScenarioSetDto = z.infer<typeof scenarioSetSchema>;
export type ScenarioSetSummary = z.infer<typeof scenarioSetSummarySchema>;
export type StressUniverse = z.infer<typeof stressUniverseSchema>;
export type HistoricalScenarioDto = z.infer<typeof historicalScenarioSchema>;
export type RunStressArgs = z.infer<typeof runStressArgsSchema>;
export type StressRunSpec = z.infer<typeof stressRunSpecSchema>;
export type StressScenarioResult = z.infer<typeof stressScenarioResultSchema>;
export type StressReport = z.infer<typeof stressReportSchema>;
export type StressRunInputs = z.infer<typeof stressRunInputsSchema>;
export type StressRunListItem = z.infer<typeof stressRunListItemSchema>;
export type StoredStressRun = z.infer<typeof storedStressRunSchema>;
