import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import {
  FEED_CONTRACT_VERSION,
  FEED_HEADERS,
  type FeedMessage,
  type FeedStatus,
} from '../../common/command-feed.ts';
import { CATEGORIES, CHANNELS, EVENT_STATES, GRADES, LEVELS } from '../../common/grievances.ts';
import { grievanceEventSchema } from '../grievances/grievances-contract.ts';
import {
  ANYONE,
  count,
  errorResponses,
  int,
  isoDate,
  jsonResponse,
  lngLatSchema,
  share,
  timestamp,
  USER,
} from '../openapi/wire-schemas.ts';
import { callbackSchema, messageIdSchema } from './command-feed-routes.ts';

// The command feed's contract with the joint command platform (区联合指挥平台), both directions.
// docs/command-feed.schema.json is generated from these schemas (npm run contracts) and a test
// checks the checked-in file is what they generate.

const state = z.enum(EVENT_STATES);
const level = z.enum(LEVELS);

const feedEventSchema = z
  .object({
    id: int(),
    channel: z.enum(CHANNELS),
    category: z.enum(CATEGORIES),
    grade: z.enum(GRADES),
    level,
    state,
    description: z.string(),
    location: lngLatSchema,
    gridCode: z.string(),
    communityCode: z.string(),
    streetCode: z.string(),
    compoundId: int().nullable(),
    assignee: z.string().nullable(),
    deadline: timestamp(),
    overdue: z.boolean(),
    reportedAt: timestamp(),
    updatedAt: timestamp(),
    reporter: z
      .object({ name: z.string().nullable(), phone: z.string().nullable() })
      .optional()
      .meta({ description: 'only when the contract allows personal data' }),
  })
  .meta({ id: 'FeedEvent' });

const feedChangeSchema = z
  .object({
    action: z.string(),
    actor: z.string(),
    fromState: state.nullable(),
    toState: state,
    fromLevel: level.nullable(),
    toLevel: level,
    note: z.string().nullable(),
    at: timestamp(),
  })
  .meta({ id: 'FeedChange' });

const snapshotSchema = z
  .object({
    date: isoDate(),
    compounds: z.array(
      z.object({
        id: int(),
        name: z.string(),
        streetCode: z.string(),
        communityCode: z.string(),
        gridCode: z.string(),
        households: count(),
        coverageMode: z.string(),
        enterprise: z.object({ id: int(), name: z.string(), creditCode: z.string() }).nullable(),
        point: lngLatSchema,
      }),
    ),
    stations: z.array(
      z.object({ id: int(), name: z.string(), kind: z.string(), point: lngLatSchema }),
    ),
    cameras: z.array(
      z.object({
        id: int(),
        compoundId: int(),
        name: z.string(),
        platformCameraId: z.string(),
        streamUrl: z.string(),
        point: lngLatSchema,
      }),
    ),
    coverageByStreet: z.array(
      z.object({ streetCode: z.string(), compounds: count(), covered: count(), share: share() }),
    ),
  })
  .meta({ id: 'PropertySnapshot' });

const envelope = {
  contract: z.literal(FEED_CONTRACT_VERSION),
  id: z.string().min(1),
  createdAt: timestamp(),
};
const sequence = int().min(1).meta({ description: 'orders one event’s messages: 1, 2, …' });

export const feedMessageSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...envelope, kind: z.literal('event.reported'), sequence, event: feedEventSchema }),
    z.object({
      ...envelope,
      kind: z.enum(['event.changed', 'event.takeover']),
      sequence,
      event: feedEventSchema,
      change: feedChangeSchema,
    }),
    z.object({ ...envelope, kind: z.literal('property.snapshot'), snapshot: snapshotSchema }),
  ])
  .meta({ id: 'FeedMessage' }) satisfies z.ZodType<FeedMessage>;

const feedStatusSchema = z
  .object({
    enabled: z.boolean(),
    deliveredLastHour: count(),
    pending: count(),
    oldestPendingAgeS: z.number().nullable(),
    dead: count(),
    deadLetters: z.array(
      z.object({
        id: int(),
        messageId: z.string(),
        kind: z.enum(['event.reported', 'event.changed', 'event.takeover', 'property.snapshot']),
        eventId: int().nullable(),
        attempts: count(),
        lastError: z.string().nullable(),
        createdAt: timestamp(),
        lastAttemptAt: timestamp().nullable(),
      }),
    ),
    asOf: timestamp(),
  })
  .meta({ id: 'FeedStatus' }) satisfies z.ZodType<FeedStatus>;

/** The JSON Schema (2020-12) of both directions, as published in docs/command-feed.schema.json. */
export function buildCommandFeedJsonSchema(): Record<string, unknown> {
  const defs: Record<string, unknown> = {};
  // a schema with a meta id comes back as a $ref into its own $defs: keep the definition
  const define = (name: string, schema: z.ZodType, io: 'input' | 'output') => {
    const { $schema: _, $defs, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' });
    Object.assign(defs, $defs);
    if (!('$ref' in rest)) defs[name] = rest;
  };
  define('FeedMessage', feedMessageSchema, 'output');
  define('FeedCallback', callbackSchema, 'input');
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://licheng.example/schemas/command-feed/v1.json',
    title: `Licheng red-property command feed, contract version ${FEED_CONTRACT_VERSION}`,
    description:
      'Messages the property domain POSTs to the district joint command platform (FeedMessage) and callbacks the platform POSTs back (FeedCallback). Generated from server/command-feed/command-feed-contract.ts (npm run contracts); test/server/command-feed.test.ts checks real messages against this file.',
    $defs: defs,
  };
}

export const commandFeedPaths: ZodOpenApiPathsObject = {
  '/api/command-feed/status': {
    get: {
      tags: ['command feed'],
      summary: 'The outbox to the joint command platform: pending, delivered, dead letters',
      description: 'Operators and district admins.',
      security: USER,
      responses: {
        ...jsonResponse('The queue', feedStatusSchema),
        ...errorResponses(400, 401, 403),
      },
    },
  },
  '/api/command-feed/messages/{id}/retry': {
    post: {
      tags: ['command feed'],
      summary: 'Send a dead letter again',
      description: 'District admins.',
      security: USER,
      requestParams: { path: messageIdSchema },
      responses: {
        ...jsonResponse('Queued again', z.object({ id: int(), state: z.literal('pending') })),
        ...errorResponses(400, 401, 403, 404),
      },
    },
  },
  '/api/command-feed/callbacks': {
    post: {
      tags: ['command feed'],
      summary: 'The platform’s decisions on events it has taken over (signed)',
      description: `\`sha256=\` + hex HMAC-SHA256 over \`<timestamp>.<raw body>\` with the shared secret, in \`${FEED_HEADERS.signature}\`, the Unix time in \`${FEED_HEADERS.timestamp}\`; \`${FEED_HEADERS.idempotencyKey}\`, if sent, must equal the body's id. See docs/command-feed.md.`,
      security: ANYONE,
      requestParams: {
        header: z.object({
          [FEED_HEADERS.timestamp]: z.string(),
          [FEED_HEADERS.signature]: z.string(),
          [FEED_HEADERS.idempotencyKey]: z.string().optional(),
        }),
      },
      requestBody: { content: { 'application/json': { schema: callbackSchema } } },
      responses: {
        ...jsonResponse(
          'The event after the decision (reporter only when personal data is allowed)',
          grievanceEventSchema.extend({ reporter: grievanceEventSchema.shape.reporter.optional() }),
        ),
        ...errorResponses(400, 401, 404, 409),
      },
    },
  },
};
