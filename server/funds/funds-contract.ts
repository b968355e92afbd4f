import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  FUND_FLAGS,
  TOPUP_STATUSES,
  type FundAccount,
  type RevenuePublication,
  type TopUpTask,
} from '../../common/ledgers.ts';
import {
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  USER,
} from '../openapi/wire-schemas.ts';
import {
  compoundIdParam,
  fundReadingSchema,
  listQuery,
  revenueParams,
  revenueQuery,
  revenueSchema,
  taskIdParam,
  taskQuery,
  taskStatusSchema,
} from './funds-routes.ts';

const fundAccountSchema = z
  .object({
    compoundId: int(),
    compoundName: z.string(),
    streetCode: z.string(),
    communityCode: z.string(),
    firstDeposit: z.number(),
    balance: z.number(),
    arrearsHouseholds: count(),
    asOf: isoDate(),
    balanceShare: z.number().min(0),
    flags: z.array(z.enum(FUND_FLAGS)),
    breachSince: isoDate().nullable(),
    version: int(),
  })
  .meta({ id: 'FundAccount' }) satisfies z.ZodType<FundAccount>;

const topUpTaskSchema = z
  .object({
    id: int(),
    compoundId: int(),
    compoundName: z.string(),
    streetCode: z.string(),
    communityCode: z.string(),
    breachSince: isoDate(),
    reasons: z.array(z.enum(FUND_FLAGS)),
    openedOn: isoDate(),
    dueOn: isoDate(),
    status: z.enum(TOPUP_STATUSES),
    closedOn: isoDate().nullable(),
    overdue: z.boolean(),
    version: int(),
  })
  .meta({ id: 'TopUpTask' }) satisfies z.ZodType<TopUpTask>;

const revenueSchemaOut = z
  .object({
    compoundId: int(),
    compoundName: z.string(),
    streetCode: z.string(),
    communityCode: z.string(),
    quarter: z.string(),
    dueOn: isoDate(),
    income: z.number().nullable(),
    expense: z.number().nullable(),
    publishedOn: isoDate().nullable(),
    place: z.string().nullable(),
    status: z.enum(['on_time', 'late', 'missing', 'due']),
    version: int().nullable(),
  })
  .meta({ id: 'RevenuePublication' }) satisfies z.ZodType<RevenuePublication>;

export const fundsPaths: ZodOpenApiPathsObject = {
  '/api/funds/revenue': {
    get: {
      tags: ['funds'],
      summary:
        'Every compound in the caller’s area with its public-revenue publication (公共收益) for a quarter (default: the last completed); due as a committee’s quarterly disclosure, late or missing flagged',
      security: USER,
      requestParams: { query: revenueQuery },
      responses: {
        ...jsonResponse('Publications', z.array(revenueSchemaOut)),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/funds/revenue/{compoundId}/{quarter}': {
    put: {
      tags: ['funds'],
      summary:
        'Record a quarter’s publication `{version?, income, expense, publishedOn, place}` (no version for the first); audited',
      security: USER,
      requestParams: { path: revenueParams },
      requestBody: { content: { 'application/json': { schema: revenueSchema } } },
      responses: {
        ...jsonResponse('The publication', revenueSchemaOut),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/funds': {
    get: {
      tags: ['funds'],
      summary: 'Maintenance-fund accounts in the caller’s area, flagged ones first (三(六))',
      security: USER,
      requestParams: { query: listQuery },
      responses: {
        ...jsonResponse('Accounts', z.array(fundAccountSchema)),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/funds/tasks': {
    get: {
      tags: ['funds'],
      summary: 'Top-up plan tasks (补缴/续交方案) in the caller’s area, open ones first',
      security: USER,
      requestParams: { query: taskQuery },
      responses: {
        ...jsonResponse('Tasks', z.array(topUpTaskSchema)),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/funds/{compoundId}': {
    put: {
      tags: ['funds'],
      summary:
        'A new reading of a compound’s account (no version for the first, then the version last seen); below 30% of the first deposit or with arrears a top-up task opens, once per breach',
      security: USER,
      requestParams: { path: compoundIdParam },
      requestBody: { content: { 'application/json': { schema: fundReadingSchema } } },
      responses: {
        ...jsonResponse('The account after the reading', fundAccountSchema),
        ...jsonResponse('The account, created', fundAccountSchema, '201'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/funds/tasks/{id}/status': {
    post: {
      tags: ['funds'],
      summary: 'Move a top-up task open → in_progress → done',
      security: USER,
      requestParams: { path: taskIdParam },
      requestBody: { content: { 'application/json': { schema: taskStatusSchema } } },
      responses: {
        ...jsonResponse('The task', topUpTaskSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
};
