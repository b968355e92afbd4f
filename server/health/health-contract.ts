import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { DATA_ORIGINS, type Health } from '../../common/api.ts';
import { ANYONE, errorResponses, int, jsonResponse } from '../openapi/wire-schemas.ts';

export const healthSchema = z
  .object({
    status: z.literal('ok'),
    engine: z.enum(['postgres', 'pglite']),
    postgis: z.string().meta({ description: 'PostGIS library version, e.g. "3.3.2"' }),
    migration: int().meta({ description: 'highest applied migration version' }),
    dataOrigin: z.enum(DATA_ORIGINS).meta({
      description:
        'demonstration: the database holds the synthetic seed; registers: only real records',
    }),
  })
  .meta({ id: 'Health' }) satisfies z.ZodType<Health>;

export const healthPaths: ZodOpenApiPathsObject = {
  '/api/health': {
    get: {
      tags: ['health'],
      summary: 'Liveness and database readiness',
      security: ANYONE,
      responses: { ...jsonResponse('The database answers', healthSchema), ...errorResponses() },
    },
  },
};
