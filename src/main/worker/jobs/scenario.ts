/**
 * Engine jobs of the Scenarios and Correlations views (registered in ./index.ts; see ./defineJob.ts).
 *
 * 'scenario.heatmap': a stored book's P&L over a grid preset's price moves x vol shocks, per risk group. The axes
 * are the distinct spot moves and vol shifts of all the preset's tables for that group; every cell of that
 * rectangle is revalued (not only the preset's own scenarios, which are flagged). The revaluation is the grid
 * model's own (prepareGrid): the preset's tables are swapped for one explicit table of the rectangle's cells, so
 * vol dynamics, per-expiry vol scaling, per-symbol aggregation and coin collateral are exactly as in the margin.
 * Instantaneous: table time shifts (theta tables) are not applied.
 *
 * 'correlation.matrix' / 'correlation.rolling': pairwise-complete daily log-return correlations of the stored
 * underlyings (src/engine/stats/correlation.ts), reading only closes up to the as-of day.
 */
import { z } from 'zod';
import { prepareGrid } from '../../../engine/margin/grid';
import { expandScenarios } from '../../../engine/margin/gridScenarios';
import type { GridGroupParams, GridPreset } from '../../../engine/margin/presets/schema';
import { correlationMatrix, logReturnPanel, MIN_PAIR_OBSERVATIONS, rollingCorrelation, type CorrelationMethod } from '../../../engine/stats/correlation';
import { MS_PER_DAY } from '../../../engine/time';
import { marginModelSpecSchema } from '../../../shared/api';
import { correlationMethodSchema, correlationWindowSchema } from '../../../shared/contract/scenarios';
import { defaultMarginConfig, presetOfSpec } from '../../analysis/marginModels';
import { loadBook } from '../../store';
import { closesMatrix } from '../../store/series';
import { defineJob, type JobContext } from './defineJob';

// ---------------------------------------------------------------------------------------------------------------
// Scenario heatmap

/** Axis values equal to 1e-9 are the same move (a preset's +4% written as 0.16 x 1/4 and as 0.04). */
const axisKey = (x: number) => Math.round(x * 1e9);

function sortedDistinct(values: number[]): number[] {
  const byKey = new Map<number, number>();
  for (const v of values) if (!byKey.has(axisKey(v))) byKey.set(axisKey(v), v);
  return [...byKey.values()].sort((a, b) => a - b);
}

export interface HeatmapAxes {
  priceMoves: number[];
  volShocks: number[];
  coreRange: number;
  presetScenarios: { priceIndex: number; volIndex: number; table: string; label: string; weight: number }[];
}

/** The price x vol rectangle of one group's tables, and where each of the preset's own scenarios sits in it. */
export function heatmapAxes(params: GridGroupParams): HeatmapAxes {
  const tables = params.tables.map((table) => ({ name: table.name, scenarios: expandScenarios(table.scenarios) }));
  const all = tables.flatMap((t) => t.scenarios);
  const priceMoves = sortedDistinct(all.map((s) => s.spotMove));
  const volShocks = sortedDistinct(all.map((s) => s.volShift));
  const priceIndex = new Map(priceMoves.map((m, i) => [axisKey(m), i]));
  const volIndex = new Map(volShocks.map((v, i) => [axisKey(v), i]));
  const presetScenarios = tables.flatMap((t) =>
    t.scenarios.map((s) => ({ priceIndex: priceIndex.get(axisKey(s.spotMove))!, volIndex: volIndex.get(axisKey(s.volShift))!, table: t.name, label: s.label, weight: s.weight })),
  );
  const coreRange = Math.max(...tables[0].scenarios.map((s) => Math.abs(s.spotMove)));
  return { priceMoves, volShocks, coreRange, presetScenarios };
}

/** Group parameters whose only table is the rectangle, price-major (cell = p x volShocks + v), as explicit rows. */
function rectangleParams(params: GridGroupParams, axes: HeatmapAxes): GridGroupParams {
  const rows = axes.priceMoves.flatMap((m) =>
    axes.volShocks.map((v) => ({ label: `${m} ${v}`, price: { mult: 1, num: m, denom: 1 }, vol: { mult: 1, num: v, denom: 1 }, weight: 1 })),
  );
  return {
    ...params,
    tables: [{ name: 'heatmap', description: 'price x vol rectangle', combine: 'scan', timeShiftDays: 0, scenarios: { kind: 'explicit', priceScanRange: 1, volScanRange: 1, rows } }],
  };
}

const heatmapPayload = z.object({ portfolio: z.string().min(1), model: marginModelSpecSchema });

export interface HeatmapGroupResult extends HeatmapAxes {
  underlying: string;
  spot: number;
  pnl: Float64Array;
  worst: { priceIndex: number; volIndex: number; pnl: number };
  positions: { symbol: string; quantity: number }[];
  positionPnl: Float64Array;
}

export interface HeatmapResult {
  portfolio: string;
  preset: string;
  volShiftMode: 'absolute' | 'relative';
  volTermReferenceDays: number | null;
  valuationTime: number;
  groups: HeatmapGroupResult[];
}

async function scenarioHeatmap(payload: z.infer<typeof heatmapPayload>, ctx: JobContext): Promise<HeatmapResult> {
  const model = payload.model;
  if (model.kind !== 'grid') throw new RangeError(`scenario heatmap: a ${model.kind} model has no scenario grid (pick a grid preset)`);
  const preset = presetOfSpec(model);
  if (preset.kind !== 'grid') throw new RangeError(`scenario heatmap: preset ${model.preset} is not a grid preset`);
  const { book, market } = loadBook(ctx.db, payload.portfolio);
  ctx.progress(0.1, 'loading the book');
  await ctx.checkpoint();
  const underlyings = new Set(book.positions.map((p) => p.instrument.underlying));
  for (const asset of Object.keys(book.collateral)) if (asset in market.underlyings) underlyings.add(asset);
  const axesByGroup = new Map<string, HeatmapAxes>();
  const byUnderlying: Record<string, GridGroupParams> = {};
  for (const u of underlyings) {
    const params = preset.byUnderlying[u] ?? preset.default;
    const axes = heatmapAxes(params);
    axesByGroup.set(u, axes);
    byUnderlying[u] = rectangleParams(params, axes);
  }
  const rectanglePreset: GridPreset = { ...preset, byUnderlying };
  const state = prepareGrid(rectanglePreset, book, market, defaultMarginConfig());
  ctx.progress(0.9, 'revaluing');
  await ctx.checkpoint();
  const groups: HeatmapGroupResult[] = [];
  for (const [u, group] of state.groups) {
    const axes = axesByGroup.get(u)!;
    const cells = axes.priceMoves.length * axes.volShocks.length;
    const pnl = new Float64Array(cells);
    const positionPnl = new Float64Array(group.rows.length * cells);
    group.rows.forEach((row, r) => {
      positionPnl.set(row.pnl[0], r * cells);
      for (let c = 0; c < cells; c++) pnl[c] += row.pnl[0][c];
    });
    let worstCell = 0;
    for (let c = 1; c < cells; c++) if (pnl[c] < pnl[worstCell]) worstCell = c;
    const V = axes.volShocks.length;
    groups.push({
      underlying: u,
      spot: group.spot,
      ...axes,
      pnl,
      worst: { priceIndex: Math.floor(worstCell / V), volIndex: worstCell % V, pnl: pnl[worstCell] },
      positions: group.rows.map((row) => ({ symbol: row.symbol, quantity: row.quantity })),
      positionPnl,
    });
  }
  groups.sort((a, b) => a.underlying.localeCompare(b.underlying));
  return {
    portfolio: book.name,
    preset: model.preset,
    volShiftMode: preset.volShiftMode,
    volTermReferenceDays: preset.volTermScaling?.referenceDays ?? null,
    valuationTime: market.valuationTime,
    groups,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Correlations

const WINDOW_DAYS: Record<z.infer<typeof correlationWindowSchema>, number | null> = { '30d': 30, '90d': 90, '365d': 365, full: null };

const correlationOptions = {
  underlyings: z.array(z.string().min(1)).min(1),
  window: correlationWindowSchema,
  method: correlationMethodSchema,
  lambda: z.number().gt(0).lt(1),
  asOf: z.string().optional(),
};

function methodOf(p: { method: 'sample' | 'ewma'; lambda: number }): CorrelationMethod {
  return p.method === 'ewma' ? { kind: 'ewma', lambda: p.lambda } : { kind: 'sample' };
}

/**
 * Daily log returns of `underlyings` from the store up to the end of the as-of day (the union of their dates;
 * NaN where one has no close), with returnDates[t] = the day the return ends on.
 */
function returnsUpTo(ctx: JobContext, underlyings: string[], asOf: string | undefined, windowDays: number | null) {
  const to = asOf === undefined ? Number.MAX_SAFE_INTEGER : Date.parse(`${asOf}T00:00:00Z`) + MS_PER_DAY - 1;
  if (Number.isNaN(to)) throw new RangeError(`asOf '${asOf}' is not a valid day`);
  // One extra close before the window gives its first return.
  const from = windowDays === null || asOf === undefined ? -Number.MAX_SAFE_INTEGER : to - (windowDays + 1) * MS_PER_DAY;
  const history = closesMatrix(ctx.db, underlyings, from, to);
  if (history.dates.length < 2) throw new RangeError(`no daily closes of ${underlyings.join(', ')} on or before ${asOf ?? 'the latest day'}`);
  const returns = logReturnPanel(history.closes, underlyings.length);
  return { returns, returnDates: history.dates.slice(1) };
}

const matrixPayload = z.object(correlationOptions);

async function correlationMatrixJob(p: z.infer<typeof matrixPayload>, ctx: JobContext) {
  const windowDays = WINDOW_DAYS[p.window];
  const { returns, returnDates } = returnsUpTo(ctx, p.underlyings, p.asOf, windowDays);
  const rows = returnDates.length;
  const from = windowDays === null ? 0 : Math.max(0, rows - windowDays);
  ctx.progress(0.5, 'correlations');
  await ctx.checkpoint();
  const result = correlationMatrix(returns, p.underlyings.length, methodOf(p), from, rows);
  return { ...result, asOf: returnDates[rows - 1], fromDate: returnDates[from], toDate: returnDates[rows - 1], minObservations: MIN_PAIR_OBSERVATIONS };
}

const rollingPayload = z.object({ ...correlationOptions, underlyings: z.tuple([z.string().min(1), z.string().min(1)]) });

async function rollingCorrelationJob(p: z.infer<typeof rollingPayload>, ctx: JobContext) {
  // The whole history up to as-of: each point looks back its own window.
  const { returns, returnDates } = returnsUpTo(ctx, p.underlyings, p.asOf, null);
  ctx.progress(0.3, 'rolling correlation');
  await ctx.checkpoint();
  // Each point of a fixed window needs that many common returns (a full window); the expanding one the minimum.
  const windowDays = WINDOW_DAYS[p.window];
  const values = rollingCorrelation(returns, 2, 0, 1, windowDays, methodOf(p), windowDays ?? MIN_PAIR_OBSERVATIONS);
  // Start at the first point that has a value (before it the pair has no common history).
  const first = values.findIndex((v) => !Number.isNaN(v));
  const start = first < 0 ? values.length : first;
  return { dates: returnDates.slice(start), values: values.subarray(start) };
}

export const scenarioJobs = {
  'scenario.heatmap': defineJob(heatmapPayload, scenarioHeatmap),
  'correlation.matrix': defineJob(matrixPayload, correlationMatrixJob),
  'correlation.rolling': defineJob(rollingPayload, rollingCorrelationJob),
};
