import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import { requireLogin } from '../auth/auth-routes.ts';
import type { Db } from '../db.ts';
import { parseInput } from '../validation.ts';
import {
  findCoverageProgress,
  findCoverageSummary,
  findUnmanagedCompounds,
} from './coverage-queries.ts';

export const coverageQuerySchema = z.object({}).strict();
export const streetQuerySchema = z
  .object({
    streetCode: z
      .string()
      .regex(/^\d{12}$/, { error: 'expected a 12-digit street code' })
      .optional(),
  })
  .strict();

/**
 * GET /api/coverage → CoverageSummary (by mode for district and streets; progress vs targets);
 * GET /api/coverage/progress?streetCode= → CoverageProgress; GET /api/coverage/unmanaged?streetCode=.
 */
export function coverageRouter(db: Db, config: Config, now: () => Date): Router {
  const router = Router();
  const progressOptions = () => ({
    baselineDate: config.coverage.baselineDate,
    targets: config.coverage.targets,
    today: now().toISOString().slice(0, 10),
  });
  router.get('/api/coverage', async (req, res) => {
    parseInput(coverageQuerySchema, req.query);
    const summary = await findCoverageSummary(db, progressOptions());
    res.json(summary);
  });
  router.get('/api/coverage/progress', requireLogin, async (req, res) => {
    const q = parseInput(streetQuerySchema, req.query);
    const progress = await findCoverageProgress(db, progressOptions(), q.streetCode ?? null);
    res.json(progress);
  });
  router.get('/api/coverage/unmanaged', requireLogin, async (req, res) => {
    const q = parseInput(streetQuerySchema, req.query);
    res.json(await findUnmanagedCompounds(db, q.streetCode ?? null));
  });
  return router;
}
