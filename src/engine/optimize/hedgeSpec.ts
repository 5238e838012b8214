import { z } from 'zod';

/**
 * The hedge-candidates file of `offset optimize --hedges FILE.json`: allowed instruments (Deribit symbols: perpetual,
 * dated futures, listed options that must exist in the chain in the DB), signed quantity bounds and the cost per
 * unit traded in USD. Example:
 *   { "hedges": [ { "symbol": "BTC-PERPETUAL", "min": -50000, "max": 50000, "costPerUnit": 0.005 } ] }
 */
export const hedgeFileSchema = z.object({
  hedges: z
    .array(
      z
        .object({
          symbol: z.string().min(1),
          min: z.number().finite(),
          max: z.number().finite(),
          costPerUnit: z.number().finite().nonnegative().default(0),
        })
        .refine((h) => h.min <= h.max, { message: 'min must be <= max' }),
    )
    .min(1),
});

export type HedgeFile = z.infer<typeof hedgeFileSchema>;

/** Parses the file text; errors name the file, the hedge index and the field. */
export function parseHedgeFile(text: string, fileName: string): HedgeFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`${fileName}: not valid JSON (${(e as Error).message})`, { cause: e });
  }
  const parsed = hedgeFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${fileName}: field '${issue.path.join('.') || '(root)'}': ${issue.message}`);
  }
  return parsed.data;
}
