import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import type {
  CoverageProgress,
  CoverageSummary,
  CoverageUnit,
  UnmanagedCompound,
} from '../../common/api.ts';
import { COVERAGE_MODES, type CoverageMode } from '../../common/domain.ts';
import {
  ANYONE,
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  share,
  unitRefSchema,
  USER,
} from '../openapi/wire-schemas.ts';
import { coverageQuerySchema, streetQuerySchema } from './coverage-routes.ts';

const modeCounts = z.object({ compounds: count(), households: count() });

export const coverageUnitSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    counts: z.object(
      Object.fromEntries(COVERAGE_MODES.map((m) => [m, modeCounts])) as Record<
        CoverageMode,
        typeof modeCounts
      >,
    ),
    compounds: count(),
    households: count(),
    coveredShare: share().meta({ description: 'compounds with some property service, 0..1' }),
  })
  .meta({ id: 'CoverageUnit' }) satisfies z.ZodType<CoverageUnit>;

export const coverageProgressSchema = z
  .object({
    baselineDate: isoDate(),
    baselineUnmanaged: count(),
    coveredSinceBaseline: count(),
    share: share(),
    timeline: z.array(z.object({ date: isoDate(), covered: count(), share: share() })),
    targets: z.array(z.object({ date: isoDate(), share: share(), met: z.boolean().nullable() })),
  })
  .meta({ id: 'CoverageProgress' }) satisfies z.ZodType<CoverageProgress>;

export const coverageSummarySchema = z
  .object({
    district: coverageUnitSchema,
    streets: z.array(coverageUnitSchema),
    progress: coverageProgressSchema,
  })
  .meta({ id: 'CoverageSummary' }) satisfies z.ZodType<CoverageSummary>;

const unmanagedSchema = z.object({
  id: int(),
  name: z.string(),
  street: unitRefSchema,
  community: unitRefSchema,
  households: count(),
  buildings: count(),
  proposal: z.object({ id: int(), state: z.enum(['draft', 'approved']) }).nullable(),
}) satisfies z.ZodType<UnmanagedCompound>;

export const coveragePaths: ZodOpenApiPathsObject = {
  '/api/coverage': {
    get: {
      tags: ['coverage'],
      summary: 'Coverage by mode for the district and every street, and progress to the targets',
      security: ANYONE,
      requestParams: { query: coverageQuerySchema },
      responses: { ...jsonResponse('Coverage', coverageSummarySchema), ...errorResponses(400) },
    },
  },
  '/api/coverage/progress': {
    get: {
      tags: ['coverage'],
      summary: 'Progress of the district or one street against the plan’s targets',
      security: USER,
      requestParams: { query: streetQuerySchema },
      responses: {
        ...jsonResponse('Progress', coverageProgressSchema),
        ...errorResponses(400, 401),
      },
    },
  },
  '/api/coverage/unmanaged': {
    get: {
      tags: ['coverage'],
      summary: 'Compounds with no property service, for the planner’s table',
      security: USER,
      requestParams: { query: streetQuerySchema },
      responses: {
        ...jsonResponse('Unmanaged compounds', z.array(unmanagedSchema)),
        ...errorResponses(400, 401),
      },
    },
  },
};
