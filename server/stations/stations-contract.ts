import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { StationRecord } from '../../common/api.ts';
import { STATION_KINDS, STATION_SERVICES } from '../../common/domain.ts';
import {
  auditEntrySchema,
  errorResponses,
  int,
  jsonResponse,
  lngLatSchema,
  USER,
} from '../openapi/wire-schemas.ts';
import {
  createStationSchema,
  editStationSchema,
  retireStationSchema,
  stationIdSchema,
} from './station-register-routes.ts';

const stationRecordSchema = z
  .object({
    id: int(),
    name: z.string(),
    kind: z.enum(STATION_KINDS),
    services: z.array(z.enum(STATION_SERVICES)),
    streetCode: z.string().nullable(),
    communityCode: z.string().nullable(),
    compoundId: int().nullable(),
    location: lngLatSchema,
    version: int(),
  })
  .meta({ id: 'StationRecord' }) satisfies z.ZodType<StationRecord>;

export const stationsPaths: ZodOpenApiPathsObject = {
  '/api/stations': {
    post: {
      tags: ['stations'],
      summary:
        'Register a party-mass service station; its street, community and compound follow from its location',
      security: USER,
      requestBody: { content: { 'application/json': { schema: createStationSchema } } },
      responses: {
        ...jsonResponse('The registered station', stationRecordSchema, '201'),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/stations/{id}': {
    get: {
      tags: ['stations'],
      summary: 'One live station of the register, with its version (for the admins who keep it)',
      security: USER,
      requestParams: { path: stationIdSchema },
      responses: {
        ...jsonResponse('The station', stationRecordSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
    patch: {
      tags: ['stations'],
      summary: 'Correct a station (name, services, location); versioned and audited',
      security: USER,
      requestParams: { path: stationIdSchema },
      requestBody: { content: { 'application/json': { schema: editStationSchema } } },
      responses: {
        ...jsonResponse('The station after the change', stationRecordSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/stations/{id}/retire': {
    post: {
      tags: ['stations'],
      summary: 'Retire a station from the live register (its history stays)',
      security: USER,
      requestParams: { path: stationIdSchema },
      requestBody: { content: { 'application/json': { schema: retireStationSchema } } },
      responses: {
        '204': { description: 'Retired' },
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/stations/{id}/history': {
    get: {
      tags: ['stations'],
      summary:
        'A station’s audit trail (who, when, before → after, why), retired ones included; for the admins who keep it',
      security: USER,
      requestParams: { path: stationIdSchema },
      responses: {
        ...jsonResponse('The audit trail, oldest first', z.array(auditEntrySchema)),
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
};
