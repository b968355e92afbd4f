import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  CATEGORIES,
  EVENT_STATES,
  GRADES,
  LEVELS,
  type EventState,
  type Grade,
} from '../../common/grievances.ts';
import type { WallHistory, WallSummary } from '../../common/wall.ts';
import {
  coverageProgressSchema,
  coverageSummarySchema,
  coverageUnitSchema,
} from '../coverage/coverage-contract.ts';
import {
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  share,
  streetCode,
  timestamp,
  USER,
} from '../openapi/wire-schemas.ts';
import { historyQuerySchema, summaryQuerySchema } from './wall-routes.ts';

const countsBy = <K extends string>(keys: readonly K[]) =>
  z.object(Object.fromEntries(keys.map((k) => [k, count()])) as Record<K, z.ZodNumber>);

const wallEnterpriseSchema = z.object({
  id: int(),
  name: z.string(),
  compounds: count(),
  score: z.number().meta({ description: 'credit score 0–100 when the list was published' }),
});

const wallSummarySchema = z
  .object({
    asOf: timestamp(),
    streetCode: streetCode().nullable(),
    today: isoDate(),
    events: z.object({
      today: z.object({
        total: count(),
        byState: countsBy<EventState>(EVENT_STATES),
        byGrade: countsBy<Grade>(GRADES),
      }),
      open: count(),
      overdue: count(),
      trend: z.array(z.object({ date: isoDate(), reported: count(), resolved: count() })),
      overdueByStreet: z.array(z.object({ code: z.string(), name: z.string(), overdue: count() })),
      topCategories: z.array(z.object({ category: z.enum(CATEGORIES), count: count() })),
      latest: z.array(
        z.object({
          id: int(),
          category: z.enum(CATEGORIES),
          grade: z.enum(GRADES),
          state: z.enum(EVENT_STATES),
          level: z.enum(LEVELS),
          streetCode: z.string(),
          reportedAt: timestamp(),
          overdue: z.boolean(),
          streetName: z.string(),
          communityName: z.string(),
        }),
      ),
    }),
    committees: z.object({
      compounds: count(),
      formed: count(),
      byStatus: countsBy(['elected', 'temporary', 'preparing', 'none'] as const),
      meetingPartyRule: count(),
      partyRuleShare: share(),
    }),
    enterprises: z.object({
      period: z.string().nullable(),
      publishedOn: isoDate().nullable(),
      redMin: z.number().nullable(),
      blackMax: z.number().nullable(),
      red: z.array(wallEnterpriseSchema),
      black: z.array(wallEnterpriseSchema),
    }),
    coverage: z.object({
      summary: coverageSummarySchema,
      focus: coverageUnitSchema,
      progress: coverageProgressSchema,
    }),
    alarmGrades: z.array(z.enum(GRADES)),
  })
  .meta({ id: 'WallSummary' }) satisfies z.ZodType<WallSummary>;

const wallHistorySchema = z
  .object({
    asOf: timestamp(),
    days: int(),
    count: count(),
    positions: z.array(z.number()).meta({ description: 'flat [lng0, lat0, lng1, lat1, …], WGS84' }),
  })
  .meta({ id: 'WallHistory' }) satisfies z.ZodType<WallHistory>;

const DISTRICT_WIDE = 'District-wide readers only (operator, district admin, planner).';

export const wallPaths: ZodOpenApiPathsObject = {
  '/api/wall/summary': {
    get: {
      tags: ['wall'],
      summary: 'Every figure of the command-centre wall, for the district or one street',
      description: DISTRICT_WIDE,
      security: USER,
      requestParams: { query: summaryQuerySchema },
      responses: {
        ...jsonResponse('The wall’s figures', wallSummarySchema),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/wall/history': {
    get: {
      tags: ['wall'],
      summary: 'Where events were reported over the last days (the heat layer)',
      description: DISTRICT_WIDE,
      security: USER,
      requestParams: { query: historyQuerySchema },
      responses: {
        ...jsonResponse('Event positions', wallHistorySchema),
        ...errorResponses(400, 401, 403),
      },
    },
  },
};
