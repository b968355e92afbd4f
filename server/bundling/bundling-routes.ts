import { Router, type Request } from 'express';
import { z } from 'zod';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import type { Db } from '../db.ts';
import { parseInput } from '../validation.ts';
import type { GrievanceIo } from '../grievances/grievances-socket.ts';
import { bundleCompounds, bundleCompoundsInSteps, resolveOptions } from './bundle.ts';
import { findNeighbourGraph, findSelectionGraph } from './bundling-queries.ts';
import {
  bundlingOptionsSchema,
  compoundIdsSchema,
  progressIdSchema,
  streetCodeSchema,
} from './bundling-schemas.ts';
import { progressRoom } from './bundling-socket.ts';
import { evaluateBundle } from './evaluate-bundle.ts';

const PROGRESS_INTERVAL_MS = 100; // a progress bar needs no more than 10 updates a second

export const suggestSchema = z
  .object({
    streetCode: streetCodeSchema.optional(),
    options: bundlingOptionsSchema,
    progressId: progressIdSchema.optional(),
  })
  .strict();
export const evaluateSchema = z
  .object({ compoundIds: compoundIdsSchema, options: bundlingOptionsSchema })
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
export function bundlingRouter(db: Db, io: GrievanceIo): Router {
  const router = Router();
  router.post('/api/bundles/suggest', requireLogin, async (req, res) => {
    const body = parseInput(suggestSchema, req.body, 'body');
    const street = planningStreet(req, body.streetCode);
    const opts = resolveOptions(body.options ?? {});
    const graph = await findNeighbourGraph(db, { ...opts, streetCode: street });
    const { progressId } = body;
    const p = req.principal!;
    if (!progressId || p.kind !== 'user') {
      res.json(bundleCompounds(graph, opts));
      return;
    }
    // progress to the watchers, at most every PROGRESS_INTERVAL_MS, and always the last step
    let last = 0;
    const result = await bundleCompoundsInSteps(graph, opts, (done, total) => {
      const now = Date.now();
      if (done < total && now - last < PROGRESS_INTERVAL_MS) return;
      last = now;
      io.to(progressRoom(p.id, progressId)).emit('bundling:progress', { progressId, done, total });
    });
    res.json(result);
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
