import type { z } from 'zod';
import { badRequest } from './errors.ts';

/**
 * Parses input with a zod schema; on failure throws a 400 naming the first offending field and
 * what it accepts (the schema's messages say the range).
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where = 'query',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
  const path = [...issue.path, ...(unknownKey ? [unknownKey] : [])];
  const field = path.length ? path.join('.') : where;
  throw badRequest(field, `${field}: ${issue.message}`);
}
