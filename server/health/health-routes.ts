import { Router } from 'express';
import type { Health } from '../../common/api.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';

/** GET /api/health → engine, PostGIS version and migration version; 503 when the database fails. */
export function healthRouter(db: Db): Router {
  const router = Router();
  router.get('/api/health', async (_req, res) => {
    const [row] = await db
      .query<{ postgis: string; migration: number; demonstration: boolean | null }>(
        `SELECT postgis_lib_version() AS postgis,
                (SELECT coalesce(max(version), 0) FROM schema_migrations)::int AS migration,
                (SELECT demonstration FROM dataset_origin) AS demonstration`,
      )
      .catch((err: unknown) => {
        throw new AppError(503, 'unavailable', `Database unavailable: ${(err as Error).message}`);
      });
    const body: Health = {
      status: 'ok',
      engine: db.engine,
      postgis: row!.postgis,
      migration: row!.migration,
      dataOrigin: row!.demonstration ? 'demonstration' : 'registers',
    };
    res.json(body);
  });
  return router;
}
