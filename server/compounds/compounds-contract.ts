import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type { CompoundDetail, EnterpriseSummary } from '../../common/api.ts';
import { COMMITTEE_COMPLIANCES, COMMITTEE_STATES } from '../../common/committees.ts';
import { COVERAGE_MODES, STATION_KINDS } from '../../common/domain.ts';
import {
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  lngLatSchema,
  unitRefSchema,
  USER,
} from '../openapi/wire-schemas.ts';
import { compoundIdParamSchema } from './compounds-routes.ts';

const compoundDetailSchema = z
  .object({
    id: int(),
    name: z.string(),
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
