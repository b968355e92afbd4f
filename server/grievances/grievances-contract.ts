import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  CATEGORIES,
  CHANNELS,
  EVENT_ACTIONS,
  EVENT_STATES,
  GRADES,
  LEVELS,
  BATCH_MAX,
  type AuditEntry,
  type ReportBatchResult,
  type GrievanceEvent,
} from '../../common/grievances.ts';
import {
  apiErrorSchema,
  count,
  errorResponses,
  int,
  jsonResponse,
  lngLatSchema,
  timestamp,
  USER,
  USER_OR_KEY,
} from '../openapi/wire-schemas.ts';
import {
  idempotencyKeyHeaderSchema,
  idParamSchema,
  listEventsSchema,
  reportEventSchema,
  transitionSchema,
} from './grievances-schemas.ts';

export const grievanceEventSchema = z
  .object({
    id: int(),
    seq: int().meta({ description: 'the change-stream position of this version' }),
    channel: z.enum(CHANNELS),
    category: z.enum(CATEGORIES),
    grade: z.enum(GRADES),
    level: z.enum(LEVELS),
    state: z.enum(EVENT_STATES),
    description: z.string(),
    reporter: z
      .object({ name: z.string().nullable(), phone: z.string().nullable() })
      .nullable()
      .meta({ description: 'masked for roles that do not handle the event' }),
    photos: z.array(z.string()),
    location: lngLatSchema,
    gridCode: z.string(),
    communityCode: z.string(),
    streetCode: z.string(),
    compoundId: int().nullable(),
    outsideGrid: z.boolean(),
    duplicateOf: int().nullable(),
    assignee: z.string().nullable(),
    deadline: timestamp(),
    overdue: z.boolean(),
    reportedAt: timestamp(),
    updatedAt: timestamp(),
  })
  .meta({ id: 'GrievanceEvent' }) satisfies z.ZodType<GrievanceEvent>;

const auditEntrySchema = z
  .object({
    at: timestamp(),
    actor: z.string(),
    action: z.enum([...EVENT_ACTIONS, 'report', 'overdue', 'set_deadline', 'send_down']),
    fromState: z.enum(EVENT_STATES).nullable(),
    toState: z.enum(EVENT_STATES),
    fromLevel: z.enum(LEVELS).nullable(),
    toLevel: z.enum(LEVELS),
    assignee: z.string().nullable(),
    note: z.string().nullable(),
  })
  .meta({ id: 'AuditEntry' }) satisfies z.ZodType<AuditEntry>;

const batchItemSchema = z.union([
  z.object({ status: z.union([z.literal(200), z.literal(201)]), event: grievanceEventSchema }),
  z.object({
    status: int().min(400).max(599),
    error: apiErrorSchema.shape.error,
  }),
]);

const reportBatchResultSchema = z
  .object({
    created: count(),
    repeated: count(),
    failed: count(),
    results: z.array(batchItemSchema).meta({ description: 'one per event sent, in its order' }),
  })
  .meta({ id: 'ReportBatchResult' }) satisfies z.ZodType<ReportBatchResult>;

const eventDetailSchema = grievanceEventSchema
  .extend({ audit: z.array(auditEntrySchema) })
  .meta({ id: 'GrievanceEventDetail' });

export const grievancesPaths: ZodOpenApiPathsObject = {
  '/api/events': {
    post: {
      tags: ['events'],
      summary: 'Report a grievance event (a user who may report, or the integration X-API-Key)',
      description:
        'Routed to its grid, graded by category, and broadcast. A repeat with the same `idempotencyKey` from the same caller answers the first event with 200.',
      security: USER_OR_KEY,
      requestBody: { content: { 'application/json': { schema: reportEventSchema } } },
      responses: {
        ...jsonResponse('Created', grievanceEventSchema, '201'),
        ...jsonResponse(
          'A repeat of an earlier report (same idempotencyKey)',
          grievanceEventSchema,
        ),
        ...errorResponses(400, 401, 403, 409, 413, 429),
      },
    },
    get: {
      tags: ['events'],
      summary: 'Events in your scope, newest first',
      security: USER,
      requestParams: { query: listEventsSchema },
      responses: {
        ...jsonResponse('Events', z.array(grievanceEventSchema)),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/events:batch': {
    post: {
      tags: ['events'],
      summary: `Report up to ${BATCH_MAX} events in one request (machine intake: the hotline, the platform)`,
      description:
        'Each event is checked, routed and stored as `POST /api/events` would, in the same group commit, and answered in its slot: 201 stored, 200 a repeat (same `idempotencyKey` from the same caller), or the 4xx it would have had alone, naming the field inside the item. One bad event never fails the others. The batch counts as one request against the intake rate limit; its body may be up to 4 MB.',
      security: USER_OR_KEY,
      requestBody: {
        content: {
          'application/json': {
            schema: z.object({ events: z.array(reportEventSchema).min(1).max(BATCH_MAX) }),
          },
        },
      },
      responses: {
        ...jsonResponse('Each event’s outcome', reportBatchResultSchema),
        ...errorResponses(400, 401, 403, 413, 429),
      },
    },
  },
  '/api/events/{id}': {
    get: {
      tags: ['events'],
      summary: 'One event with its timeline (audit)',
      security: USER,
      requestParams: { path: idParamSchema },
      responses: {
        ...jsonResponse('The event', eventDetailSchema),
        ...errorResponses(400, 401, 404),
      },
    },
  },
  '/api/events/{id}/actions': {
    post: {
      tags: ['events'],
      summary:
        'A workflow step: accept, dispatch, start, resolve, close, reopen, return, reroute, escalate',
      description:
        "With an `Idempotency-Key` header (the caller's own, as a phone's offline queue sends it) the step applies once: the same key and body again answer the first answer (header `Idempotent-Replayed: true`) and change nothing; the key with another event, action or body is a 409 naming the header.",
      security: USER,
      requestParams: {
        path: idParamSchema,
        header: z.object({ 'idempotency-key': idempotencyKeyHeaderSchema }),
      },
      requestBody: { content: { 'application/json': { schema: transitionSchema } } },
      responses: {
        ...jsonResponse('The event after the step', grievanceEventSchema),
        ...errorResponses(400, 401, 403, 404, 409),
      },
    },
  },
};
