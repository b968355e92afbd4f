import { Router } from 'express';
import { z } from 'zod';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import type { Principal } from '../auth/principal.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db.ts';
import { badRequest } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { findWallHistory, findWallSummary, streetExists } from './wall-queries.ts';

export const summaryQuerySchema = z
  .object({
    streetCode: z
      .string()
      .regex(/^\d{12}$/, { error: 'expected a 12-digit street code' })
      .optional(),
  })
  .strict();

export const historyQuerySchema = z
  .object({
    days: z.coerce
      .number({ error: 'expected a whole number of days in [1, 3650]' })
      .int({ error: 'expected a whole number of days in [1, 3650]' })
      .min(1, { error: 'expected a whole number of days in [1, 3650]' })
      .max(3650, { error: 'expected a whole number of days in [1, 3650]' })
      .default(90),
  })
  .strict();

/**
 * GET /api/wall/summary?streetCode= → WallSummary: the wall's figures for the district or a street.
 * GET /api/wall/history?days=90 → WallHistory: where events came from, for the heat layer.
 * District-wide readers only (operator, district admin, planner): the wall shows the whole district.
 */
export function wallRouter(db: Db, config: Config, now: () => Date): Router {
  const router = Router();
  router.get('/api/wall/summary', requireLogin, async (req, res) => {
    requireDistrictWide(req.principal!);
    const q = parseInput(summaryQuerySchema, req.query);
    const streetCode = q.streetCode ?? null;
    if (streetCode !== null && !(await streetExists(db, streetCode))) {
      throw badRequest('streetCode', `streetCode: unknown street ${streetCode}`);
    }
    res.json(await findWallSummary(db, streetCode, now(), config.coverage));
  });
  router.get('/api/wall/history', requireLogin, async (req, res) => {
    requireDistrictWide(req.principal!);
    const q = parseInput(historyQuerySchema, req.query);
    res.json(await findWallHistory(db, q.days, now()));
  });
  return router;
}

function requireDistrictWide(p: Principal) {
  if (p.kind !== 'user' || !p.scope.district) {
    throw forbidden('The wall shows the whole district: operators and district-wide roles only');
  }
}
