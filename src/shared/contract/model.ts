/**
 * Which margin model a view or report runs, as one JSON value shared by the Margin view's configuration form,
 * the scenario heatmap, the what-if and the report export. Node resolves it in src/main/analysis/marginModels.ts.
 */
import { z } from 'zod';
import { varSpecSchema } from '../../engine/margin/var/spec';

export const MARGIN_MODEL_KINDS = ['standard', 'grid', 'var', 'es'] as const;

/** VaR/ES parameters of a model spec (the measure comes from the spec's kind); missing fields take their defaults. */
export const varModelParametersSchema = varSpecSchema.omit({ measure: true }).partial();

export const marginModelSpecSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['standard', 'grid']),
    /** A shipped preset (resources/presets/<name>.json). */
    preset: z.string().min(1).max(100),
    /**
     * An edited copy of that preset's parameter document, validated by the preset schema on the Node side
     * (src/engine/margin/presets/schema.ts); absent = the shipped parameters.
     */
    parameters: z.record(z.string(), z.unknown()).optional(),
  }),
  z.strictObject({
    kind: z.enum(['var', 'es']),
    /** VaR/ES parameters (src/engine/margin/var/spec.ts). */
    spec: varModelParametersSchema.optional(),
  }),
]);

export type MarginModelSpec = z.infer<typeof marginModelSpecSchema>;

/** What the app runs before the user picks anything: the Deribit-style portfolio margin preset. */
export const DEFAULT_MODEL_SPEC: MarginModelSpec = { kind: 'grid', preset: 'deribit-pm-like' };
