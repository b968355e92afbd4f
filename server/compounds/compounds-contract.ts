import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { CompoundDetail, EnterpriseSummary } from '../../common/api.ts';
import { COMMITTEE_COMPLIANCES, COMMITTEE_STATES } from '../../common/committees.ts';
import { COVERAGE_MODES, STATION_KINDS } from '../../common/domain.ts';
import {
  auditEntrySchema,
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  lngLatSchema,
  unitRefSchema,
  USER,
} from '../openapi/wire-schemas.ts';
import {
  createCompoundSchema,
  editCompoundSchema,
  modeChangeSchema,
  retireSchema,
} from './compound-register-routes.ts';
import { compoundIdParamSchema } from './compounds-routes.ts';

const compoundDetailSchema = z
  .object({
    id: int(),
    name: z.string(),
    version: int(),
    street: unitRefSchema,
    community: unitRefSchema,
    grid: unitRefSchema,
    households: count(),
    buildings: count(),
    yearBuilt: int(),
    coverageMode: z.enum(COVERAGE_MODES),
    longTermManaged: z.boolean(),
    enterprise: z.object({ id: int(), name: z.string(), creditCode: z.string() }).nullable(),
    ownersCommittee: z
      .object({
        status: z.enum(COMMITTEE_STATES),
        members: count(),
        ownerMembers: count(),
        partyMembers: count(),
        termStart: isoDate().nullable(),
        termEnd: isoDate().nullable(),
        compliance: z.enum(COMMITTEE_COMPLIANCES),
      })
      .nullable(),
    nearestStation: z
      .object({ id: int(), name: z.string(), kind: z.enum(STATION_KINDS), distanceM: z.number() })
      .nullable(),
    areaM2: z.number(),
    centroid: lngLatSchema,
  })
  .meta({ id: 'CompoundDetail' }) satisfies z.ZodType<CompoundDetail>;

const enterpriseSummarySchema = z.object({
  id: int(),
  name: z.string(),
  creditCode: z.string(),
  compounds: count(),
  households: count(),
}) satisfies z.ZodType<EnterpriseSummary>;

export const compoundsPaths: ZodOpenApiPathsObject = {
  '/api/compounds/{id}': {
    get: {
      tags: ['compounds'],
      summary: 'One compound: its units, service, enterprise, committee and nearest station',
      security: USER,
      requestParams: { path: compoundIdParamSchema },
      responses: {
        ...jsonResponse('The compound', compoundDetailSchema),
        ...errorResponses(400, 401, 404),
      },
    },
    patch: {
      tags: ['compounds'],
      summary:
        'Correct a compound in the register (name, figures, footprint); versioned and audited',
      security: USER,
      requestParams: { path: compoundIdParamSchema },
      requestBody: { content: { 'application/json': { schema: editCompoundSchema } } },
      responses: {
        ...jsonResponse('The compound after the change', compoundDetailSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/compounds': {
    post: {
      tags: ['compounds'],
      summary:
        'Register a compound (a survey’s 摸排 finding): footprint valid, inside the district and its community, overlapping no other',
      security: USER,
      requestBody: { content: { 'application/json': { schema: createCompoundSchema } } },
      responses: {
        ...jsonResponse('The registered compound', compoundDetailSchema, '201'),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/compounds/{id}/mode': {
    post: {
      tags: ['compounds'],
      summary: 'Change one compound’s mode of service directly, with a reason (coverage history)',
      security: USER,
      requestParams: { path: compoundIdParamSchema },
      requestBody: { content: { 'application/json': { schema: modeChangeSchema } } },
      responses: {
        ...jsonResponse('The compound after the change', compoundDetailSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/compounds/{id}/retire': {
    post: {
      tags: ['compounds'],
      summary: 'Retire a compound from the live register (its history stays)',
      security: USER,
      requestParams: { path: compoundIdParamSchema },
      requestBody: { content: { 'application/json': { schema: retireSchema } } },
      responses: {
        '204': { description: 'Retired' },
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/compounds/{id}/history': {
    get: {
      tags: ['compounds'],
      summary:
        'A compound’s audit trail (who, when, before → after, why), retired ones included; for the admins of its area',
      security: USER,
      requestParams: { path: compoundIdParamSchema },
      responses: {
        ...jsonResponse('The audit trail, oldest first', z.array(auditEntrySchema)),
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/enterprises': {
    get: {
      tags: ['compounds'],
      summary: 'The property enterprises (物业企业) and what they serve now',
      security: USER,
      responses: {
        ...jsonResponse('Enterprises', z.array(enterpriseSummarySchema)),
        ...errorResponses(400, 401),
      },
    },
  },
};
