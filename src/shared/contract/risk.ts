/**
 * Schemas of the risk methods (names in ../methods/risk.ts): the Book view's greeks and margin attribution, the
 * what-if margin of edited quantities and added trades, and the Margin view's report, model comparison and presets.
 * Amounts are USD unless a field says otherwise; units of the greeks as in docs/engine/units.md.
 */
import { z } from 'zod';
import type { RISK_METHODS } from '../methods/risk';
import { positionRowSchema } from './app';
import { jobIdSchema, nameText, noArguments, type MethodSchemas } from './common';
import { marginModelSpecSchema, varModelParametersSchema } from './model';

/** A candidate trade: a Deribit symbol (parsed on the Node side) and the signed quantity added to the book. */
export const tradeSchema = z.strictObject({
  symbol: z.string().trim().min(1).max(100),
  quantity: z.number().finite().refine((q) => q !== 0, 'must not be zero'),
});

const bookArgs = z.object({ portfolio: nameText, model: marginModelSpecSchema, jobId: jobIdSchema }).strict();

/** One position with its value, greeks and margin attribution under the chosen model. */
export const positionRiskRowSchema = positionRowSchema.extend({
  /** USD, or coin per unit for inverse options (Deribit quoting). */
  mark: z.number(),
  /** Implied vol used (decimal), options only. */
  vol: z.number().nullable(),
  /** USD value at the mark (0 for perpetuals and futures: their value is their P&L since the mark). */
  valueUsd: z.number(),
  /** dV/dS in coin of the underlying. */
  delta: z.number(),
  /** delta x spot, USD. */
  cashDelta: z.number(),
  /** USD change in cash delta for a 1% spot move. */
  cashGamma: z.number(),
  /** USD per vol point (0.01 of implied vol). */
  vegaPerPoint: z.number(),
  /** USD per calendar day. */
  thetaPerDay: z.number(),
  /** Margin of the position alone; null when the model gives no attribution. */
  standalone: z.number().nullable(),
  /** Margin of the book minus margin without the position. */
  incremental: z.number().nullable(),
  /** Share of the total: components of all positions and collateral lines sum to the initial margin. */
  component: z.number().nullable(),
});

export const collateralRiskRowSchema = z.object({
  asset: z.string(),
  amount: z.number(),
  /** USD per unit. */
  price: z.number(),
  haircut: z.number(),
  /** amount x price x (1 - haircut), USD. */
  value: z.number(),
  /** Component margin of a coin that moves with its risk group (null when the model attributes none to it). */
  component: z.number().nullable(),
});

export const bookRiskSchema = z.object({
  portfolio: z.string(),
  /** UTC ms the book is valued at. */
  valuationTime: z.number(),
  /** Name of the model that ran, e.g. 'deribit-pm-like', 'es-historical-99%-2d'. */
  model: z.string(),
  initialMargin: z.number(),
  maintenanceMargin: z.number(),
  positions: z.array(positionRiskRowSchema),
  collateral: z.array(collateralRiskRowSchema),
  /** Book totals in USD (coin deltas are per underlying and are not summed across underlyings). */
  totals: z.object({ valueUsd: z.number(), cashDelta: z.number(), cashGamma: z.number(), vegaPerPoint: z.number(), thetaPerDay: z.number() }),
  warnings: z.array(z.string()),
});

/** Value and greeks of a what-if trade, as in positionRiskRowSchema. */
export const tradeRiskSchema = z.object({
  symbol: z.string(),
  underlying: z.string(),
  quantity: z.number(),
  expiry: z.number().nullable(),
  mark: z.number(),
  valueUsd: z.number(),
  delta: z.number(),
  cashDelta: z.number(),
  cashGamma: z.number(),
  vegaPerPoint: z.number(),
  thetaPerDay: z.number(),
});

export const whatIfResultSchema = z.object({
  model: z.string(),
  initialBefore: z.number(),
  initialAfter: z.number(),
  initialChange: z.number(),
  maintenanceBefore: z.number(),
  maintenanceAfter: z.number(),
  maintenanceChange: z.number(),
  /** 'incremental' (grid models: only the trades are priced) or 'full' (the edited book recomputed). */
  method: z.enum(['incremental', 'full']),
  /** Wall time in the worker, ms. */
  millis: z.number(),
  /** Value and greeks of each trade (summed per symbol), priced on the same market. */
  trades: z.array(tradeRiskSchema),
});

const liquidationSideSchema = z.object({ spotMove: z.number(), pnl: z.number() }).nullable();

export const marginReportSchema = z.object({
  portfolio: z.string(),
  model: z.string(),
  valuationTime: z.number(),
  initialMargin: z.number(),
  maintenanceMargin: z.number(),
  /** Breakdown lines; their amounts sum to the initial margin. */
  components: z.array(z.object({ name: z.string(), amount: z.number(), description: z.string(), group: z.string().nullable() })),
  account: z.object({
    collateral: z.array(z.object({ asset: z.string(), amount: z.number(), price: z.number(), haircut: z.number(), value: z.number() })),
    collateralValue: z.number(),
    positionsValue: z.number(),
    equity: z.number(),
    availableFunds: z.number(),
    /** equity - maintenance margin. */
    excess: z.number(),
    /** maintenance margin / equity (liquidation at 1); null when equity <= 0. */
    marginRatio: z.number().nullable(),
    /** Uniform spot move of every underlying at which equity falls to maintenance, each way; null side = not reached. */
    liquidation: z.object({ down: liquidationSideSchema, up: liquidationSideSchema, method: z.string() }).nullable(),
  }),
  conventions: z.array(z.string()),
});

export const marginComparisonSchema = z.object({
  portfolio: z.string(),
  headline: z.object({ standardInitialMargin: z.number(), bestPortfolioModel: z.string(), bestInitialMargin: z.number(), saving: z.number(), savingPct: z.number() }),
  models: z.array(
    z.object({
      model: z.string(),
      /** The spec that ran, so the view can switch the workspace to it. */
      spec: marginModelSpecSchema,
      initialMargin: z.number(),
      maintenanceMargin: z.number(),
      savingVsStandard: z.number(),
      /** Percent of standard initial margin. */
      savingPct: z.number(),
    }),
  ),
});

export const marginPresetsSchema = z.object({
  presets: z.array(z.object({ name: z.string(), kind: z.enum(['standard', 'grid']), description: z.string(), parameters: z.record(z.string(), z.unknown()) })),
  /** The VaR/ES parameters with their documented defaults (measure omitted). */
  varDefaults: z.record(z.string(), z.unknown()),
});

export const riskApi = {
  /** Value, greeks and margin attribution per position, under the given model (engine worker, interactive). */
  getBookRisk: { args: bookArgs, result: bookRiskSchema },
  /** Margin before and after adding `trades` to the stored book; nothing is saved. */
  whatIfMargin: {
    args: z.object({ portfolio: nameText, model: marginModelSpecSchema, trades: z.array(tradeSchema).min(1).max(500), jobId: jobIdSchema }).strict(),
    result: whatIfResultSchema,
  },
  /** The model's initial and maintenance margin, breakdown lines, equity, excess, margin ratio and liquidation distance. */
  getMarginReport: { args: bookArgs, result: marginReportSchema },
  /** Standard margin, every grid preset, VaR and ES side by side with the saving over standard margin. */
  compareMarginModels: {
    args: z
      .object({ portfolio: nameText, var: varModelParametersSchema.optional(), jobId: jobIdSchema })
      .strict(),
    result: marginComparisonSchema,
  },
  /** The shipped presets with their parameter documents, and the VaR/ES defaults, for the configuration form. */
  listMarginPresets: { args: noArguments, result: marginPresetsSchema },
} satisfies MethodSchemas<typeof RISK_METHODS>;

export type Trade = z.infer<typeof tradeSchema>;
export type PositionRiskRow = z.infer<typeof positionRiskRowSchema>;
export type CollateralRiskRow = z.infer<typeof collateralRiskRowSchema>;
export type BookRisk = z.infer<typeof bookRiskSchema>;
export type TradeRisk = z.infer<typeof tradeRiskSchema>;
export type WhatIfMargin = z.infer<typeof whatIfResultSchema>;
export type MarginReport = z.infer<typeof marginReportSchema>;
export type MarginComparisonResult = z.infer<typeof marginComparisonSchema>;
export type MarginPresets = z.infer<typeof marginPresetsSchema>;
