import type { RequestHandler } from 'express';
import type { z } from 'zod';
import { badRequest } from './errors.ts';

/** What PostgreSQL stores: its `integer` (int4) columns hold ids and counts in this range. */
export const INT4 = { min: -2_147_483_648, max: 2_147_483_647 };

/**
 * Parses input with a zod schema; on failure throws a 400 naming the first offending field and
 * what it accepts (the schema's messages say the range). The parsed value is then checked for what
 * PostgreSQL cannot store (findUnstorable), so no route passes a NUL or an oversized id to the
 * database, whatever its schema says.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where = 'query',
): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const unknownKey = issue.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const path = [...issue.path, ...(unknownKey ? [unknownKey] : [])];
    const field = path.length ? path.join('.') : where;
    throw badRequest(field, `${field}: ${issue.message}`);
  }
  rejectUnstorable(result.data, where);
  return result.data;
}

/** Throws a 400 naming the first value PostgreSQL cannot store (see findUnstorable). */
export function rejectUnstorable(value: unknown, where = 'body'): void {
  const found = findUnstorable(value);
  if (!found) return;
  const field = found.path.length ? found.path.join('.') : where;
  throw badRequest(field, `${field}: ${found.problem}`);
}

/**
 * The first value in a parsed input (walked depth first: objects, arrays, their keys) that
 * PostgreSQL would refuse with an error: a NUL character (text cannot hold it), a lone UTF-16
 * surrogate (not UTF-8; jsonb refuses it and text would store U+FFFD instead), an integer beyond
 * int4 (our ids are `integer`; no input of ours legitimately exceeds it).
 * @example findUnstorable({ a: [1, 'x\u0000'] }) // {path: ['a', 1], problem: 'text must not …'}
 */
export function findUnstorable(
  value: unknown,
  path: (string | number)[] = [],
): { path: (string | number)[]; problem: string } | null {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? { path, problem } : null;
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && (value < INT4.min || value > INT4.max)) {
      return {
        path,
        problem: `${value} is out of range; integers must be in [${INT4.min}, ${INT4.max}]`,
      };
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findUnstorable(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === 'object' && value !== null && !(value instanceof Date)) {
    for (const [key, v] of Object.entries(value)) {
      const problem = textProblem(key);
      if (problem) return { path: [...path, key], problem: `name ${problem}` };
      const found = findUnstorable(v, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

// a lone surrogate: a high one not followed by a low one, or a low one not after a high one
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'text must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(s)) {
    return 'text must not contain a lone UTF-16 surrogate (\\ud800–\\udfff)';
  }
  return null;
}

/**
 * Middleware for bodies and queries that no schema parses as a whole (Open311's form): a 400
 * naming the first parameter PostgreSQL cannot store, before any of it reaches a query.
 */
export const rejectUnstorableRequest: RequestHandler = (req, _res, next) => {
  rejectUnstorable(req.query, 'query');
  if (req.body && typeof req.body === 'object') rejectUnstorable(req.body, 'body');
  next();
};
