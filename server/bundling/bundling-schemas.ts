import { z } from 'zod';

// Input schemas shared by the bundling and proposal routes; each message names the accepted range.

const range = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number in [${min}, ${max}]` })
    .min(min, { error: `${name} must be in [${min}, ${max}]` })
    .max(max, { error: `${name} must be in [${min}, ${max}]` });

export const bundlingOptionsSchema = z
  .object({
    neighbourDistanceM: range('neighbourDistanceM', 1, 1000).optional(),
    minHouseholds: range('minHouseholds', 1, 100_000).optional(),
    maxHouseholds: range('maxHouseholds', 1, 1_000_000).optional(),
    maxCompounds: z
      .number()
      .int()
      .min(1)
      .max(200, { error: 'maxCompounds must be in [1, 200]' })
      .optional(),
    unit: z.enum(['community', 'street'], { error: 'expected community or street' }).optional(),
    allowManagedAnchor: z.boolean({ error: 'expected true or false' }).optional(),
  })
  .strict()
  .refine((o) => (o.minHouseholds ?? 300) <= (o.maxHouseholds ?? 3000), {
    error: 'minHouseholds must not exceed maxHouseholds',
  })
  .optional();

export const streetCodeSchema = z
  .string()
  .regex(/^\d{12}$/, { error: 'expected a 12-digit street code' });

export const compoundIdsSchema = z
  .array(z.number().int().positive(), { error: 'expected an array of compound ids' })
  .min(1, { error: 'select at least 1 compound' })
  .max(200, { error: 'at most 200 compounds' });

/** a client-chosen id for progress events of one long request ('bundling:watch') */
export const progressIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, { error: 'expected 8–64 letters, digits, - or _' });
