/** Building blocks every contract module uses. */
import { z } from 'zod';

/** The schemas of one domain's methods: args (validated before the service runs) and result (the JSON returned). */
export type MethodSchemas<Names extends readonly string[]> = { [M in Names[number]]: { args: z.ZodType; result: z.ZodType } };

export const nameText = z.string().min(1).max(200);

/**
 * Id of a long-running job, chosen by the caller (the renderer uses newJobId()) so it can listen for the job's
 * progress events and cancel it while the call is still pending.
 */
export const jobIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected 8-64 letters, digits, _ or -');

/** An ISO calendar day, YYYY-MM-DD (UTC). */
export const isoDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected an ISO day YYYY-MM-DD');

export const noArguments = z.object({}).strict();
