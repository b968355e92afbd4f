import type { Router } from 'express';
import type { EnterpriseFile, Interview } from '../../common/enterprises.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import type { Db, Queryable } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { userOf, type EnterprisesOptions } from './enterprise-access.ts';
import { lockCurrent } from './enterprise-views.ts';
import {
  answerInterview,
  closeInterview,
  insertInterview,
  insertRecord,
  lockInterview,
  touchEnterprise,
} from './enterprises-queries.ts';
import {
  answerSchema,
  closeInterviewSchema,
  enterpriseIdSchema,
  interviewIdSchema,
  interviewSchema,
} from './enterprises-schemas.ts';

/**
 * Interviews (约谈) and rectification: the housing bureau opens one with a deadline (POST
 * /api/enterprises/{id}/interviews); the enterprise's own user answers it by the deadline
 * (…/{interviewId}/answer); the bureau closes it with the outcome (…/close): `late` or `escalated`
 * leave a 不良行为 record in the credit file. Versioned on the enterprise, audited; answers the file.
 */
export function interviewRoutes(
  router: Router,
  db: Db,
  opts: EnterprisesOptions,
  file: (id: number) => Promise<EnterpriseFile>,
): void {
  router.post('/api/enterprises/:id/interviews', requireLogin, async (req, res) => {
    const p = userOf(req, ['district_admin'], 'Opening an interview');
    const { id } = parseInput(enterpriseIdSchema, req.params);
    const { version, reason, subject, deadline } = parseInput(interviewSchema, req.body, 'body');
    const today = opts.today();
    if (deadline < today) {
      throw badRequest('deadline', `deadline: ${deadline} is before today (${today})`);
    }
    await db.withTransaction(async (tx) => {
      await lockCurrent(tx, id, version);
      const opened = { reason, subject, openedOn: today, deadline };
      const interviewId = await insertInterview(tx, id, opened, p.username);
      await touchEnterprise(tx, {
        id,
        action: 'interview',
        actor: p.username,
        after: { interviewId, ...opened },
        reason: null,
      });
    });
    res.status(201).json(await file(id));
  });

  router.post(
    '/api/enterprises/:id/interviews/:interviewId/answer',
    requireLogin,
    async (req, res) => {
      const p = userOf(req, ['enterprise'], 'Answering an interview');
      const { id, interviewId } = parseInput(interviewIdSchema, req.params);
      if (p.scope.enterpriseId !== id)
        throw forbidden(`Enterprise ${id}'s interviews are not yours to answer`);
      const { version, answer } = parseInput(answerSchema, req.body, 'body');
      const today = opts.today();
      await db.withTransaction(async (tx) => {
        const interview = await lockOpen(tx, id, interviewId, version);
        if (interview.answer !== null) {
          throw new AppError(
            409,
            'conflict',
            `Interview ${interviewId} was answered on ${interview.answeredOn}`,
          );
        }
        if (today > interview.deadline) {
          throw new AppError(
            409,
            'conflict',
            `Interview ${interviewId}'s deadline ${interview.deadline} has passed (today is ${today})`,
          );
        }
        await answerInterview(tx, interviewId, answer, today);
        await touchEnterprise(tx, {
          id,
          action: 'answer',
          actor: p.username,
          after: { interviewId, answer, answeredOn: today },
          reason: null,
        });
      });
      res.json(await file(id));
    },
  );

  router.post(
    '/api/enterprises/:id/interviews/:interviewId/close',
    requireLogin,
    async (req, res) => {
      const p = userOf(req, ['district_admin'], 'Closing an interview');
      const { id, interviewId } = parseInput(interviewIdSchema, req.params);
      const { version, outcome } = parseInput(closeInterviewSchema, req.body, 'body');
      const today = opts.today();
      await db.withTransaction(async (tx) => {
        const interview = await lockOpen(tx, id, interviewId, version);
        await closeInterview(tx, interviewId, outcome, today);
        const recordId =
          outcome === 'done'
            ? null
            : await insertRecord(tx, id, {
                kind: 'bad_conduct',
                onDate: today,
                compoundId: null,
                managerId: null,
                details: { interviewId, outcome, description: interview.subject },
                recordedBy: p.username,
              });
        await touchEnterprise(tx, {
          id,
          action: 'close',
          actor: p.username,
          before: { interviewId, outcome: null },
          after: { interviewId, outcome, closedOn: today, recordId },
          reason: null,
        });
      });
      res.json(await file(id));
    },
  );
}

// the enterprise at the version seen, and its interview still open: 404 unknown, 409 stale or closed
async function lockOpen(
  tx: Queryable,
  id: number,
  interviewId: number,
  version: number,
): Promise<Interview> {
  await lockCurrent(tx, id, version);
  const interview = await lockInterview(tx, id, interviewId);
  if (!interview) throw notFound(`Unknown interview ${interviewId} of enterprise ${id}`);
  if (interview.outcome !== null) {
    throw new AppError(
      409,
      'conflict',
      `Interview ${interviewId} is already closed (${interview.outcome})`,
    );
  }
  return interview;
}
