import { z } from 'zod';

/**
 * Schemas of the margin parameter files in resources/presets/. Every number a model uses comes from one of these
 * files (never from code); docs/methodology/standard-margin.md and grid-margin.md explain each field.
 */
const fraction = z.number().min(0).max(1);
const nonNegative = z.number().min(0);

const futuresRates = z.strictObject({
  /** IM as a fraction of notional = initialBase + initialPerCoin x position size in coin. */
  initialBase: fraction,
  initialPerCoin: nonNegative,
  maintenanceBase: fraction,
  maintenancePerCoin: nonNegative,
});

export const standardPresetSchema = z.strictObject({
  kind: z.literal('standard'),
  name: z.string().min(1),
  description: z.string(),
  sources: z.array(z.string()),
  futures: z.strictObject({ default: futuresRates, byUnderlying: z.record(z.string(), futuresRates).default({}) }),
  options: z.strictObject({
    /** Short IM / underlying = max(initialOtmBase - OTM amount / underlying, initialFloor) + mark / underlying. */
    initialOtmBase: fraction,
    initialFloor: fraction,
    /** Short MM / underlying = maintenance + mark / underlying (puts: max(maintenance, maintenance x mark in coin)). */
    maintenance: fraction,
    /** Long options: IM = MM = mark value when true, 0 when false. */
    longChargesMark: z.boolean(),
  }),
  /** Spot positions as a fraction of notional (long spot held outright needs 0; shorts are borrowed coin). */
  spot: z.strictObject({ initialLong: fraction, maintenanceLong: fraction, initialShort: fraction, maintenanceShort: fraction }),
});
export type StandardPreset = z.infer<typeof standardPresetSchema>;

/** A SPAN price or vol scan definition: mult x num / denom of the scan range (CME's Mult/Num/Denom fields). */
const scanFraction = z.strictObject({ mult: z.number(), num: z.number(), denom: z.number().positive() });

const scenarioSpec = z.discriminatedUnion('kind', [
  /** priceRange split into `buckets` evenly spaced moves incl. zero, each with vol up, (same), down. */
  z.strictObject({
    kind: z.literal('buckets'),
    priceRange: z.number().positive(),
    buckets: z.number().int().min(1),
    volUp: nonNegative,
    volDown: nonNegative,
    volSame: z.boolean(),
    weight: fraction.default(1),
  }),
  /** Explicit rows in units of the scan ranges (the SPAN risk array). */
  z.strictObject({
    kind: z.literal('explicit'),
    priceScanRange: z.number().positive(),
    volScanRange: nonNegative,
    rows: z.array(z.strictObject({ label: z.string(), price: scanFraction, vol: scanFraction, weight: fraction })).min(1),
  }),
  /** Listed relative spot moves, all with one vol shift; a weight and a dampener (USD) per scenario. */
  z.strictObject({
    kind: z.literal('moves'),
    moves: z.array(z.number().gt(-1)).min(1),
    volShift: z.number(),
    weight: fraction,
    dampener: nonNegative.default(0),
  }),
]);
export type ScenarioSpec = z.infer<typeof scenarioSpec>;

const table = z.strictObject({
  name: z.string().min(1),
  description: z.string(),
  /** 'scan': pooled into the scan risk (worst over all scan tables); 'add': its own worst loss is added. */
  combine: z.enum(['scan', 'add']),
  timeShiftDays: nonNegative.default(0),
  scenarios: scenarioSpec,
});
export type GridTable = z.infer<typeof table>;

const addOns = z.strictObject({
  shortOptionMinimum: z
    .strictObject({
      name: z.string(),
      /** Charge per coin of net short options per (expiry, strike), as a fraction of spot. */
      perCoin: nonNegative,
      /** 'floor': risk = max(scan, minimum) (SPAN); 'add': added (Deribit contingency). */
      mode: z.enum(['floor', 'add']),
    })
    .optional(),
  deltaShock: z.strictObject({ name: z.string(), fraction: nonNegative }).optional(),
  roll: z
    .discriminatedUnion('kind', [
      /** rate x min(long, short) futures notional across different expiries (Deribit contingency). */
      z.strictObject({ kind: z.literal('offsetting'), name: z.string(), rate: nonNegative }),
      /** annualMove x |sum_i dollarDelta_i x T_i|: a basis shift growing with time to expiry (OKX MR4). */
      z.strictObject({ kind: z.literal('term'), name: z.string(), annualMove: nonNegative }),
    ])
    .optional(),
  liquidity: z
    .strictObject({
      name: z.string(),
      /** charge = coefficient x |net dollar delta| x (|net delta in coin| / liquidity) ^ power. */
      coefficient: nonNegative,
      power: z.number().min(0).max(2),
      /** Coin volume the market absorbs (e.g. daily volume or open interest) per underlying. */
      liquidityCoin: z.record(z.string(), z.number().positive()),
    })
    .optional(),
});
export type GridAddOns = z.infer<typeof addOns>;

const groupParams = z.strictObject({
  tables: z.array(table).min(1),
  addOns: addOns.default({}),
  /** IM = initialFactor x risk margin, MM = maintenanceFactor x risk margin. */
  initialFactor: z.number().positive(),
  maintenanceFactor: z.number().positive(),
});
export type GridGroupParams = z.infer<typeof groupParams>;

export const gridPresetSchema = z.strictObject({
  kind: z.literal('grid'),
  name: z.string().min(1),
  description: z.string(),
  sources: z.array(z.string()),
  volShiftMode: z.enum(['absolute', 'relative']),
  volDynamics: z.enum(['sticky-strike', 'sticky-moneyness']).default('sticky-strike'),
  volTermScaling: z
    .strictObject({ referenceDays: z.number().positive(), power: z.number(), cap: z.number().positive(), floor: nonNegative.optional() })
    .optional(),
  /** Relative spot bump for the finite-difference dollar deltas the add-ons use. */
  deltaBump: z.number().positive().max(0.1).default(0.001),
  default: groupParams,
  byUnderlying: z.record(z.string(), groupParams).default({}),
});
export type GridPreset = z.infer<typeof gridPresetSchema>;

export const presetSchema = z.discriminatedUnion('kind', [standardPresetSchema, gridPresetSchema]);
export type MarginPreset = z.infer<typeof presetSchema>;

/** Validates a parsed preset file; the error names the file and each bad field. */
export function parsePreset(json: unknown, source: string): MarginPreset {
  const parsed = presetSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new RangeError(`margin preset ${source}: ${issues}`);
  }
  return parsed.data;
}
