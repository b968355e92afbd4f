import { Router } from 'express';
import type { GrievanceEvent } from '../../common/grievances.ts';
import { forbidden, requireLogin, unauthorized } from '../auth/auth-routes.ts';
import { canAct, canRead, canReport, type Principal } from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { AppError, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { eventFor } from './event-view.ts';
import {
  actionRequestHash,
  findActionKey,
  saveActionKey,
  type StoredAction,
} from './action-keys-queries.ts';
import { findAudit, findEvent, listEvents } from './grievances-read-queries.ts';
import { transitionEvent } from './grievances-workflow-queries.ts';
import {
  idempotencyKeyHeaderSchema,
  idParamSchema,
  listEventsSchema,
  reportEventSchema,
  transitionSchema,
} from './grievances-schemas.ts';
import { broadcastEvent, type GrievanceIo } from './grievances-socket.ts';
import type { IntakeQueue } from './intake-queue.ts';

const actorOf = (p: Principal) => (p.kind === 'user' ? p.username : `api:${p.name}`);

/**
 * POST /api/events (intake), GET /api/events (scoped list), GET /api/events/{id} (with audit),
 * POST /api/events/{id}/actions (workflow). Every change commits, then broadcasts.
 */
export function grievancesRouter(db: Db, io: GrievanceIo, intake: IntakeQueue): Router {
  const router = Router();

  router.post('/api/events', async (req, res) => {
    const p = req.principal;
    if (!p) throw unauthorized();
    if (!canReport(p))
      throw forbidden(`Role ${p.kind === 'user' ? p.role : p.kind} may not report events`);
    const input = parseInput(reportEventSchema, req.body, 'body');
    const result = await intake.submit({ input, actor: actorOf(p) });
    if (result instanceof AppError) throw result;
    const { event, created } = result;
    // a repeat of the caller's own report, which has since moved out of its scope (a reroute)
    if (!created && p.kind === 'user' && !canRead(p, event)) {
      throw new AppError(
        409,
        'conflict',
        'idempotencyKey: already used for an event you may no longer read',
        'idempotencyKey',
      );
    }
    if (created) broadcastEvent(io, event, true);
    res.status(created ? 201 : 200).json(eventFor(p, event));
  });

  router.get('/api/events', requireLogin, async (req, res) => {
    const p = req.principal!;
    if (p.kind !== 'user') throw forbidden('An API key may only report events');
    const q = parseInput(listEventsSchema, req.query);
    const events = await listEvents(db, {
      scope: p.scope,
      state: q.state,
      grade: q.grade,
      category: q.category,
      overdue: q.overdue === undefined ? undefined : q.overdue === 'true',
      limit: q.limit,
    });
    res.json(events.map((e) => eventFor(p, e)));
  });

  router.get('/api/events/:id', requireLogin, async (req, res) => {
    const event = await readable(req.principal!, Number(parseInput(idParamSchema, req.params).id));
    res.json({ ...eventFor(req.principal!, event), audit: await findAudit(db, event.id) });
  });

  router.post('/api/events/:id/actions', requireLogin, async (req, res) => {
    const p = req.principal!;
    const { id } = parseInput(idParamSchema, req.params);
    const input = parseInput(transitionSchema, req.body, 'body');
    const key = parseInput(
      idempotencyKeyHeaderSchema,
      req.get('idempotency-key'),
      'Idempotency-Key',
    );
    let before: GrievanceEvent | null = null;
    const outcome = await db.withTransaction(async (tx) => {
      const current = (before = await findEvent(tx, id));
      // outside scope reads as absent, so ids do not leak across areas
      if (!current || !canRead(p, current)) throw notFound(`Unknown event id: ${id}`);
      const hash = key === undefined ? '' : actionRequestHash(id, input);
      if (key !== undefined) {
        const prior = await findActionKey(tx, actorOf(p), key, id);
        if (prior) return { replayed: replayOf(prior, id, hash) };
      }
      if (!canAct(p, current)) {
        throw forbidden(
          `Event ${id} is handled at the ${current.level} level, outside what you may act on`,
        );
      }
      const updated = await transitionEvent(tx, id, input, actorOf(p));
      const response = eventFor(p, updated);
      if (key !== undefined) {
        await saveActionKey(tx, actorOf(p), key, {
          eventId: id,
          action: input.action,
          requestHash: hash,
          response,
        });
      }
      return { updated, response };
    });
    if ('replayed' in outcome) {
      res.set('Idempotent-Replayed', 'true').json(outcome.replayed);
      return;
    }
    broadcastEvent(io, outcome.updated, false, before ?? undefined);
    res.json(outcome.response);
  });

  async function readable(p: Principal, id: number): Promise<GrievanceEvent> {
    const event = await findEvent(db, id);
    if (!event || !canRead(p, event)) throw notFound(`Unknown event id: ${id}`);
    return event;
  }

  return router;
}

/**
 * The answer a key got the first time, for the same request again; another request under the key
 * (another event, action or body) is a 409 naming the header.
 */
function replayOf(prior: StoredAction, id: number, hash: string): GrievanceEvent {
  if (prior.eventId !== id || prior.requestHash !== hash) {
    throw new AppError(
      409,
      'conflict',
      `Idempotency-Key: already used for another request (${prior.action} on event ${prior.eventId})`,
      'Idempotency-Key',
    );
  }
  return prior.response;
}
