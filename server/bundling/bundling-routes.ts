import { Router, type Request } from 'express';
import { z } from 'zod';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import type { Db } from '../db.ts';
import { parseInput } from '../validation.ts';
import { bundleCompounds, resolveOptions } from './bundle.ts';
import { findNeighbourGraph, findSelectionGraph } from './bundling-queries.ts';
import { evaluateBundle } from './evaluate-bundle.ts';

const range = (name: string, min: number, max: number) =>
  z
    .number({ error: `${name} must be a number in [${min}, ${max}]` })
    .min(min, { error: `${name} must be in [${min}, ${max}]` })
    .max(max, { error: `${name} must be in [${min}, ${max}]` });

const optionsSchema = z
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

const streetCode = z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit street code' });

const suggestSchema = z
  .object({ streetCode: streetCode.optional(), options: optionsSchema })
  .strict();
const evaluateSchema = z
  .object({
    compoundIds: z
      .array(z.number().int().positive(), { error: 'expected an array of compound ids' })
      .min(1, { error: 'select at least 1 compound' })
      .max(200, { error: 'at most 200 compounds' }),
    options: optionsSchema,
  })
  .strict();

// planners and district admins plan anywhere; a street admin plans in their own street only
function planningStreet(req: Request, requested: string | undefined): string | null {
  const p = req.principal!;
  if (p.kind === 'user' && (p.role === 'planner' || p.role === 'district_admin'))
    return requested ?? null;
  if (p.kind === 'user' && p.role === 'street_admin') {
    const own = p.scope.streets[0];
    if (requested && requested !== own) throw forbidden(`You plan in street ${own} only`);
    return own ?? null;
  }
  throw forbidden('Bundling is for planners and street admins');
}

/** POST /api/bundles/suggest → BundlingResult; POST /api/bundles/evaluate → BundleEvaluation */
export function bundlingRouter(db: Db): Router {
  const router = Router();
  router.post('/api/bundles/suggest', requireLogin, async (req, res) => {
    const body = parseInput(suggestSchema, req.body, 'body');
    const street = planningStreet(req, body.streetCode);
    const opts = resolveOptions(body.options ?? {});
    const graph = await findNeighbourGraph(db, { ...opts, streetCode: street });
    res.json(bundleCompounds(graph, opts));
  });
  router.post('/api/bundles/evaluate', requireLogin, async (req, res) => {
    const body = parseInput(evaluateSchema, req.body, 'body');
    const street = planningStreet(req, undefined);
    const opts = resolveOptions(body.options ?? {});
    const graph = await findSelectionGraph(db, body.compoundIds, opts.neighbourDistanceM);
    if (street && graph.compounds.some((c) => c.streetCode !== street)) {
      throw forbidden(`You plan in street ${street} only`);
    }
    res.json(evaluateBundle(body.compoundIds, graph, opts));
  });
  return router;
}
