import { Router } from 'express';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  BATCH_MAX,
  type ReportBatchItem,
  type ReportBatchResult,
  type ReportEventInput,
} from '../../common/grievances.ts';
import { forbidden, unauthorized } from '../auth/auth-routes.ts';
import { canRead, canReport, type Principal } from '../auth/principal.ts';
import { AppError, toAppError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { eventFor } from './event-view.ts';
import type { ReportResult } from './grievances-intake-queries.ts';
import { reportEventSchema } from './grievances-schemas.ts';
import { broadcastEvent, type GrievanceIo } from './grievances-socket.ts';
import type { IntakeQueue } from './intake-queue.ts';

/** A full batch of the longest descriptions fits; the rest of the API keeps its 100 kB limit. */
export const BATCH_BODY_LIMIT = '4mb';

export const reportBatchSchema = z
  .object({
    events: z
      .array(z.unknown(), { error: `expected an array of 1–${BATCH_MAX} events` })
      .min(1, { error: `expected 1–${BATCH_MAX} events` })
      .max(BATCH_MAX, { error: `expected 1–${BATCH_MAX} events` }),
  })
  .strict();

const actorOf = (p: Principal) => (p.kind === 'user' ? p.username : `api:${p.name}`);

/**
 * POST /api/events:batch — machine intake (the 12345 hotline, the joint command platform) sends
 * up to BATCH_MAX reports in one request. Each item is checked and stored as POST /api/events
 * would (same schema, routing, idempotency per caller), in the same group commit, and answered in
 * its slot: one bad item never fails the good ones beside it. The answer is 200 whenever the
 * batch itself was readable; a malformed envelope is a 400 naming `events`.
 */
export function grievancesBatchRouter(
  io: GrievanceIo,
  intake: IntakeQueue,
  logger: Logger,
): Router {
  const router = Router();
  // Express reads `:` as a parameter, hence the escape; the body was parsed with
  // BATCH_BODY_LIMIT before the app-wide parser (app.ts)
  router.post('/api/events\\:batch', async (req, res) => {
    const p = req.principal;
    if (!p) throw unauthorized();
    if (!canReport(p))
      throw forbidden(`Role ${p.kind === 'user' ? p.role : p.kind} may not report events`);
    const { events } = parseInput(reportBatchSchema, req.body, 'body');
    const parsed = events.map((item): ReportEventInput | AppError => {
      try {
        return parseInput(reportEventSchema, item, 'body');
      } catch (err) {
        if (err instanceof AppError) return err;
        throw err;
      }
    });
    const valid = parsed.filter((x): x is ReportEventInput => !(x instanceof AppError));
    const settled = await Promise.allSettled(
      intake.submitAll(valid.map((input) => ({ input, actor: actorOf(p) }))),
    );
    let k = 0;
    const results = parsed.map((x) =>
      x instanceof AppError ? itemError(x) : answerOf(p, settled[k++]!, logger),
    );
    for (const s of settled) {
      if (s.status === 'fulfilled' && !(s.value instanceof AppError) && s.value.created) {
        broadcastEvent(io, s.value.event, true);
      }
    }
    const body: ReportBatchResult = {
      created: results.filter((r) => r.status === 201).length,
      repeated: results.filter((r) => r.status === 200).length,
      failed: results.filter((r) => r.status >= 400).length,
      results,
    };
    res.json(body);
  });
  return router;
}

/** An item's answer, as POST /api/events would have given it alone. */
function answerOf(
  p: Principal,
  s: PromiseSettledResult<ReportResult | AppError>,
  logger: Logger,
): ReportBatchItem {
  if (s.status === 'rejected') {
    const known = toAppError(s.reason);
    if (!known) logger.error({ err: s.reason }, 'batch intake item failed');
    return itemError(known);
  }
  const result = s.value;
  if (result instanceof AppError) return itemError(result);
  // a repeat of the caller's own report, which has since moved out of its scope (a reroute)
  if (!result.created && p.kind === 'user' && !canRead(p, result.event)) {
    return itemError(
      new AppError(
        409,
        'conflict',
        'idempotencyKey: already used for an event you may no longer read',
        'idempotencyKey',
      ),
    );
  }
  return { status: result.created ? 201 : 200, event: eventFor(p, result.event) };
}

/** An item's error slot; an unexpected failure is a bare 500, as the error middleware answers. */
function itemError(e: AppError | null): ReportBatchItem {
  const err = e ?? new AppError(500, 'internal', 'Internal server error');
  return {
    status: err.status,
    error: { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) },
  };
}
