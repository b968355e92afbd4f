import { Router } from 'express';
import { z } from 'zod';
import { requireLogin } from '../auth/auth-routes.ts';
import type { Db } from '../db.ts';
import { notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { findCompoundDetail, findEnterprises } from './compounds-queries.ts';

export const compoundIdParamSchema = z.object({
  id: z.coerce
    .number({ error: 'expected a positive integer compound id' })
    .int({ error: 'expected a positive integer compound id' })
    .min(1, { error: 'expected a positive integer compound id' })
    .max(2_147_483_647, { error: 'expected a compound id ≤ 2147483647' }),
});

/**
 * GET /api/compounds/{id} → CompoundDetail; GET /api/enterprises → EnterpriseSummary[]. Both for
 * logged-in users: they name enterprises (credit codes) and owners' committees.
 */
export function compoundsRouter(db: Db): Router {
  const router = Router();
  router.get('/api/compounds/:id', requireLogin, async (req, res) => {
    const { id } = parseInput(compoundIdParamSchema, req.params);
    const detail = await findCompoundDetail(db, id);
    if (!detail) throw notFound(`Unknown compound id: ${id}`);
    res.json(detail);
  });
  router.get('/api/enterprises', requireLogin, async (req, res) => {
    parseInput(z.object({}).strict(), req.query);
    res.json(await findEnterprises(db));
  });
  return router;
}
