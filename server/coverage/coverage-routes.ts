import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import { parseInput } from '../validation.ts';
import { findCoverageSummary } from './coverage-queries.ts';

const coverageQuerySchema = z.object({}).strict();

/** GET /api/coverage → CoverageSummary (by mode for district and streets; progress vs targets) */
export function coverageRouter(db: Db, config: Config, now: () => Date): Router {
  const router = Router();
  router.get('/api/coverage', async (req, res) => {
    parseInput(coverageQuerySchema, req.query);
    const summary = await findCoverageSummary(db, {
      baselineDate: config.coverage.baselineDate,
      targets: config.coverage.targets,
      today: now().toISOString().slice(0, 10),
    });
    res.json(summary);
  });
  return router;
}
