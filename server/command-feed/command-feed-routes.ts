import express, { Router, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  FEED_CONTRACT_VERSION,
  FEED_DEADLINE_MAX_DAYS,
  FEED_HEADERS,
} from '../../common/command-feed.ts';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import type { Db, Queryable } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import {
  applyPlatformDecision,
  transitionEvent,
} from '../grievances/grievances-workflow-queries.ts';
import { broadcastEvent, type GrievanceIo } from '../grievances/grievances-socket.ts';
import { platformMayDecide } from '../grievances/workflow.ts';
import { parseInput } from '../validation.ts';
import { verifyFeedSignature } from './feed-signature.ts';
import { findFeedStatus, retryDeadLetter } from './outbox-queries.ts';

const PLATFORM_ACTOR = 'platform'; // 区联合指挥平台, in audit trails

const note = z.string().max(500, { error: 'at most 500 characters' }).optional();
const base = {
  contract: z.literal(FEED_CONTRACT_VERSION, { error: `expected ${FEED_CONTRACT_VERSION}` }),
  id: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,100}$/, { error: 'expected 1–100 letters, digits, . _ : -' }),
  eventId: z.number().int().positive({ error: 'expected an event id' }),
  note,
};
export const callbackSchema = z.discriminatedUnion(
  'type',
  [
    z.object({ ...base, type: z.enum(['accept', 'resolve', 'close', 'send_down']) }).strict(),
    z
      .object({
        ...base,
        type: z.literal('reassign'),
        department: z.string().trim().min(1).max(100, { error: 'expected 1–100 characters' }),
      })
      .strict(),
    z
      .object({
        ...base,
        type: z.literal('set_deadline'),
        deadline: z.iso.datetime({ offset: true, error: 'expected an ISO timestamp with a zone' }),
      })
      .strict(),
  ],
  { error: 'expected one of accept, reassign, set_deadline, resolve, close, send_down' },
);
type Callback = z.infer<typeof callbackSchema>;

export type CommandFeedOptions = {
  secret: string | undefined;
  enabled: boolean;
  /** the contract carries reporters' names and phones (COMMAND_FEED_PERSONAL_DATA) */
  personalData: boolean;
  logger: Logger;
};

/**
 * POST /api/command-feed/callbacks: the platform's signed decisions, each applied once (a
 * repeated id is a replay: 409) with its audit record, then broadcast. Only events the platform
 * has taken over (district level) take decisions. The answer is the event as the feed carries it
 * (no reporter unless personal data is allowed). Mounted before the JSON parser: the signature
 * covers the raw body.
 */
export function callbacksHandler(
  db: Db,
  io: GrievanceIo,
  opts: CommandFeedOptions,
): RequestHandler[] {
  const handler: RequestHandler = async (req, res) => {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : '';
    if (!opts.secret)
      throw new AppError(503, 'unavailable', 'The command feed has no secret configured');
    const check = verifyFeedSignature(
      opts.secret,
      { timestamp: req.get(FEED_HEADERS.timestamp), signature: req.get(FEED_HEADERS.signature) },
      raw,
    );
    if (!check.ok) {
      opts.logger.warn({ reason: check.reason, ip: req.ip }, 'command feed: callback rejected');
      throw new AppError(401, 'unauthorized', check.reason, 'signature');
    }
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw badRequest('body', 'Request body is not valid JSON');
    }
    const callback = parseInput(callbackSchema, json, 'body');
    if (callback.type === 'set_deadline') checkDeadline(callback.deadline, Date.now());
    const key = req.get(FEED_HEADERS.idempotencyKey);
    if (key !== undefined && key !== callback.id) {
      throw badRequest('id', `id: ${callback.id} differs from the Idempotency-Key header ${key}`);
    }
    const event = await db.withTransaction(async (tx) => {
      const fresh = await tx.query(
        `INSERT INTO feed_inbox (callback_id, event_id, type)
         SELECT $1, id, $3 FROM events WHERE id = $2
         ON CONFLICT (callback_id) DO NOTHING RETURNING callback_id`,
        [callback.id, callback.eventId, callback.type],
      );
      if (fresh.length === 0) {
        const [seen] = await tx.query('SELECT 1 FROM feed_inbox WHERE callback_id = $1', [
          callback.id,
        ]);
        if (seen) {
          throw new AppError(
            409,
            'conflict',
            `Callback ${callback.id} was already applied (a replay)`,
            'id',
          );
        }
        throw notFound(`Unknown event id: ${callback.eventId}`);
      }
      // a refusal rolls back the inbox row too: the same id may come again after a takeover
      const [{ level }] = (await tx.query<{ level: GrievanceEvent['level'] }>(
        'SELECT level FROM events WHERE id = $1 FOR UPDATE',
        [callback.eventId],
      )) as [{ level: GrievanceEvent['level'] }];
      if (!platformMayDecide(level)) {
        throw new AppError(
          409,
          'conflict',
          `Event ${callback.eventId} is handled at the ${level} level: the platform decides only on events it has taken over (district level)`,
          'eventId',
        );
      }
      return applyCallback(tx, callback);
    });
    broadcastEvent(io, event, false);
    opts.logger.info(
      { callback: callback.id, type: callback.type, event: event.id },
      'command feed: callback applied',
    );
    const { reporter: _reporter, ...withoutReporter } = event;
    res.json(opts.personalData ? event : withoutReporter);
  };
  return [express.raw({ type: () => true, limit: '100kb' }), handler];
}

// each decision as steps of our workflow, audited as the platform's
async function applyCallback(tx: Queryable, c: Callback): Promise<GrievanceEvent> {
  const step = (action: Parameters<typeof transitionEvent>[2]['action'], assignee?: string) =>
    transitionEvent(tx, c.eventId, { action, note: c.note, assignee }, PLATFORM_ACTOR);
  switch (c.type) {
    case 'accept':
      return step('accept');
    case 'reassign':
      return step('dispatch', c.department);
    case 'resolve': {
      const [row] = await tx.query<{ state: string }>('SELECT state FROM events WHERE id = $1', [
        c.eventId,
      ]);
      if (row?.state === 'dispatched') await step('start');
      return step('resolve');
    }
    case 'close':
      return step('close');
    case 'set_deadline':
      return applyPlatformDecision(
        tx,
        c.eventId,
        { type: 'set_deadline', deadline: c.deadline },
        PLATFORM_ACTOR,
        c.note ?? null,
      );
    case 'send_down':
      return applyPlatformDecision(
        tx,
        c.eventId,
        { type: 'send_down' },
        PLATFORM_ACTOR,
        c.note ?? null,
      );
  }
}

/** A platform's deadline: in the future, and at most FEED_DEADLINE_MAX_DAYS ahead. */
function checkDeadline(deadline: string, nowMs: number): void {
  const at = Date.parse(deadline);
  if (at <= nowMs) throw badRequest('deadline', `deadline: ${deadline} is not in the future`);
  if (at > nowMs + FEED_DEADLINE_MAX_DAYS * 86_400_000) {
    throw badRequest(
      'deadline',
      `deadline: ${deadline} is more than ${FEED_DEADLINE_MAX_DAYS} days ahead`,
    );
  }
}

export const messageIdSchema = z
  .object({ id: z.coerce.number().int().positive({ error: 'expected a message id' }) })
  .strict();

/** GET /api/command-feed/status (operators, district admins); POST …/messages/{id}/retry (district admins). */
export function commandFeedRouter(db: Db, opts: CommandFeedOptions): Router {
  const router = Router();
  router.get('/api/command-feed/status', requireLogin, async (req, res) => {
    const p = req.principal!;
    if (p.kind !== 'user' || (p.role !== 'operator' && p.role !== 'district_admin')) {
      throw forbidden('The command feed status is for operators and district admins');
    }
    parseInput(z.object({}).strict(), req.query);
    res.json(await findFeedStatus(db, opts.enabled));
  });
  router.post('/api/command-feed/messages/:id/retry', requireLogin, async (req, res) => {
    const p = req.principal!;
    if (p.kind !== 'user' || p.role !== 'district_admin') {
      throw forbidden('Only district admins retry dead letters');
    }
    const { id } = parseInput(messageIdSchema, req.params, 'id');
    const retried = await retryDeadLetter(db, id);
    if (!retried) throw notFound(`No dead letter with id ${id}`);
    opts.logger.info({ id, by: p.username }, 'command feed: dead letter retried');
    res.json(retried);
  });
  return router;
}
