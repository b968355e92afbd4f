import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  INTERVIEW_OUTCOMES,
  INTERVIEW_REASONS,
  PARTY_ORGS,
  RECORD_KINDS,
  SCORE_COMPONENTS,
  type EnterpriseFile,
  type EnterpriseRecord,
  type EnterpriseSummary,
  type InspectionDraw,
  type RedBlackList,
} from '../../common/enterprises.ts';
import {
  ANYONE,
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  streetCode,
  timestamp,
  USER,
} from '../openapi/wire-schemas.ts';
import {
  answerSchema,
  closeInterviewSchema,
  contractIdSchema,
  contractSchema,
  createEnterpriseSchema,
  drawIdSchema,
  drawSchema,
  editEnterpriseSchema,
  enterpriseIdSchema,
  interviewIdSchema,
  interviewSchema,
  managerSchema,
  publishSchema,
  recordSchema,
  resultsSchema,
} from './enterprises-schemas.ts';

const registerFields = {
  id: int(),
  name: z.string(),
  creditCode: z.string().meta({ description: '统一社会信用代码 (GB 32100-2015)' }),
  founded: int(),
  address: z.string(),
  partyOrg: z.enum(PARTY_ORGS),
  charterPartyClause: z.boolean(),
  version: int(),
};
const enterpriseSchema = z
  .object(registerFields)
  .meta({ id: 'Enterprise' }) satisfies z.ZodType<EnterpriseRecord>;

const enterpriseSummarySchema = z
  .object({
    ...registerFields,
    compounds: count(),
    households: count(),
    score: z.number(),
    openInterviews: count(),
  })
  .meta({ id: 'EnterpriseSummary' }) satisfies z.ZodType<EnterpriseSummary>;

const satisfactionSchema = z.object({ satisfied: count(), unsatisfied: count() });
const componentSchema = z.object({
  key: z.enum(SCORE_COMPONENTS),
  points: z.number(),
  source: z.object({
    kind: z.enum(['rule', 'register', 'record', 'interview', 'feedback']),
    id: int().nullable(),
    onDate: isoDate().nullable(),
    note: z.string(),
  }),
});
const scoreFields = {
  score: z.number().meta({ description: '0–100 (docs/enterprises.md)' }),
  components: z.array(componentSchema),
};

const enterpriseFileSchema = z
  .object({
    enterprise: enterpriseSchema,
    managers: z.array(
      z.object({
        id: int(),
        name: z.string(),
        certificate: z.string(),
        compoundIds: z.array(int()),
        ...scoreFields,
      }),
    ),
    compounds: z.array(
      z.object({
        id: int(),
        name: z.string(),
        streetCode: streetCode(),
        communityCode: z.string(),
        households: count(),
        contract: z.object({ startsOn: isoDate(), endsOn: isoDate() }).nullable(),
        stars: int().min(1).max(5),
        satisfaction: satisfactionSchema,
      }),
    ),
    records: z.array(
      z.object({
        id: int(),
        kind: z.enum(RECORD_KINDS),
        onDate: isoDate(),
        compoundId: int().nullable(),
        managerId: int().nullable(),
        details: z.record(z.string(), z.unknown()),
        recordedBy: z.string(),
      }),
    ),
    interviews: z.array(
      z.object({
        id: int(),
        reason: z.enum(INTERVIEW_REASONS),
        subject: z.string(),
        openedOn: isoDate(),
        deadline: isoDate(),
        answer: z.string().nullable(),
        answeredOn: isoDate().nullable(),
        outcome: z.enum(INTERVIEW_OUTCOMES).nullable(),
        closedOn: isoDate().nullable(),
      }),
    ),
    asOf: isoDate(),
    credit: z.object(scoreFields),
    events: z.array(
      z.object({
        id: int(),
        compoundId: int(),
        category: z.string(),
        state: z.string(),
        reportedAt: timestamp(),
      }),
    ),
  })
  .meta({ id: 'EnterpriseFile' }) satisfies z.ZodType<EnterpriseFile>;

const drawSchemaOut = z
  .object({
    id: int(),
    period: z.string(),
    seed: int(),
    stratified: z.boolean(),
    enterpriseCount: int(),
    inspectorCount: int(),
    candidates: z.array(z.object({ id: int(), streetCode: streetCode() })),
    inspectors: z.array(z.string()),
    drawn: z.array(z.object({ enterpriseId: int(), inspectors: z.array(z.string()) })),
    drawnAt: timestamp(),
    results: z.array(
      z.object({
        enterpriseId: int(),
        item: z.string(),
        passed: z.boolean(),
        note: z.string(),
        inspectedOn: isoDate(),
      }),
    ),
  })
  .meta({ id: 'InspectionDraw' }) satisfies z.ZodType<InspectionDraw>;

const listEntrySchema = z.object({
  id: int(),
  name: z.string(),
  score: z.number(),
  compounds: count(),
});
const redBlackListSchema = z
  .object({
    id: int(),
    period: z.string(),
    asOf: isoDate(),
    publishedOn: isoDate(),
    rule: z.record(z.string(), z.number()),
    red: z.array(listEntrySchema),
    black: z.array(listEntrySchema),
  })
  .meta({ id: 'RedBlackList' }) satisfies z.ZodType<RedBlackList>;

const fileWrite = (summary: string, body: z.ZodType, params: z.ZodObject, status = '201') => ({
  tags: ['enterprises'],
  summary,
  security: USER,
  requestParams: { path: params },
  requestBody: { content: { 'application/json': { schema: body } } },
  responses: {
    ...jsonResponse("The enterprise's file after the write", enterpriseFileSchema, status),
    ...errorResponses(400, 401, 403, 404, 409),
  },
});

export const enterprisesPaths: ZodOpenApiPathsObject = {
  '/api/enterprises/register': {
    get: {
      tags: ['enterprises'],
      summary:
        'The enterprise register with each credit score today (district, operators, streets, communities)',
      security: USER,
      responses: {
        ...jsonResponse('Every enterprise', z.array(enterpriseSummarySchema)),
        ...errorResponses(401, 403),
      },
    },
  },
  '/api/enterprises': {
    post: {
      tags: ['enterprises'],
      summary:
        'Register an enterprise (the housing bureau: district admin); the credit code is checked',
      security: USER,
      requestBody: { content: { 'application/json': { schema: createEnterpriseSchema } } },
      responses: {
        ...jsonResponse('The registered enterprise', enterpriseSchema, '201'),
        ...errorResponses(400, 401, 403, 409),
      },
    },
  },
  '/api/enterprises/{id}': {
    patch: {
      tags: ['enterprises'],
      summary: 'Correct an enterprise; versioned and audited',
      security: USER,
      requestParams: { path: enterpriseIdSchema },
      requestBody: { content: { 'application/json': { schema: editEnterpriseSchema } } },
      responses: {
        ...jsonResponse('The enterprise after the change', enterpriseSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/enterprises/{id}/file': {
    get: {
      tags: ['enterprises'],
      summary:
        "An enterprise's file: register, managers, compounds with contracts and stars, credit records, interviews, the score with its sources (the enterprise role: its own only)",
      security: USER,
      requestParams: { path: enterpriseIdSchema },
      responses: {
        ...jsonResponse('The file', enterpriseFileSchema),
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/enterprises/{id}/managers': {
    post: fileWrite(
      'Register a project manager and the compounds they lead',
      managerSchema,
      enterpriseIdSchema,
    ),
  },
  '/api/enterprises/{id}/contracts/{compoundId}': {
    put: fileWrite(
      'Register the service contract of a compound the enterprise serves',
      contractSchema,
      contractIdSchema,
      '200',
    ),
  },
  '/api/enterprises/{id}/records': {
    post: fileWrite(
      'Add a credit record: 不良行为 (district), an evaluation (district, or a street / community as itself), 党建联建 (district, community)',
      recordSchema,
      enterpriseIdSchema,
    ),
  },
  '/api/enterprises/{id}/interviews': {
    post: fileWrite(
      'Open an interview (约谈) with a rectification deadline',
      interviewSchema,
      enterpriseIdSchema,
    ),
  },
  '/api/enterprises/{id}/interviews/{interviewId}/answer': {
    post: fileWrite(
      "The enterprise's own user answers an interview by its deadline (409 after it)",
      answerSchema,
      interviewIdSchema,
      '200',
    ),
  },
  '/api/enterprises/{id}/interviews/{interviewId}/close': {
    post: fileWrite(
      'Close an interview with its outcome; late or escalated leaves a 不良行为 record',
      closeInterviewSchema,
      interviewIdSchema,
      '200',
    ),
  },
  '/api/inspections/draws': {
    get: {
      tags: ['enterprises'],
      summary:
        'Every inspection draw (双随机、一公开) with its seed, candidates and results: public',
      security: ANYONE,
      responses: {
        ...jsonResponse('The draws, newest first', z.array(drawSchemaOut)),
        ...errorResponses(),
      },
    },
    post: {
      tags: ['enterprises'],
      summary:
        'Draw enterprises and inspectors at random from a seed (given, or chosen and published)',
      security: USER,
      requestBody: { content: { 'application/json': { schema: drawSchema } } },
      responses: {
        ...jsonResponse('The draw', drawSchemaOut, '201'),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/inspections/draws/{drawId}/results': {
    post: {
      tags: ['enterprises'],
      summary: "Record a drawn enterprise's results per item; failures enter its credit file",
      security: USER,
      requestParams: { path: drawIdSchema },
      requestBody: { content: { 'application/json': { schema: resultsSchema } } },
      responses: {
        ...jsonResponse('The draw with its results', drawSchemaOut, '201'),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
  '/api/red-black-lists': {
    get: {
      tags: ['enterprises'],
      summary: 'The published red/black lists with their rule, newest period first: public',
      security: ANYONE,
      responses: { ...jsonResponse('The lists', z.array(redBlackListSchema)), ...errorResponses() },
    },
    post: {
      tags: ['enterprises'],
      summary: "Publish a period's red/black list from the credit scores (once per period)",
      security: USER,
      requestBody: { content: { 'application/json': { schema: publishSchema } } },
      responses: {
        ...jsonResponse('The published list', redBlackListSchema, '201'),
        ...errorResponses(400, 401, 403, 409),
      },
    },
  },
  '/api/red-black-lists/latest': {
    get: {
      tags: ['enterprises'],
      summary: 'The latest published red/black list: public',
      security: ANYONE,
      responses: {
        ...jsonResponse('The list', redBlackListSchema),
        ...errorResponses(404),
      },
    },
  },
};
