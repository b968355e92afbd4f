import type { Router } from 'express';
import { requireLogin } from '../auth/auth-routes.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db, Queryable } from '../db.ts';
import { AppError, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import {
  closeOrder,
  endGroupMember,
  insertGroupMember,
  lockGroupMember,
  lockOrder,
  recordSupervision,
} from './committee-supervision-queries.ts';
import { readCommitteeFile } from './committee-views.ts';
import type { CommitteeRow } from './committees-queries.ts';
import { checkDates, lockInScope, user, type CommitteesOptions } from './committees-routes.ts';
import {
  accountCheckSchema,
  committeeIdSchema,
  groupMemberEndSchema,
  groupMemberIdSchema,
  groupMemberSchema,
  meetingSchema,
  orderCloseSchema,
  orderIdSchema,
  orderSchema,
  violationSchema,
} from './committees-schemas.ts';

type User = Extract<Principal, { kind: 'user' }>;

/**
 * The supervision records of a sitting committee (三(三)): POST /api/committees/{compoundId}/meetings
 * (重大事项; a meeting not reported beforehand, or without the attendance its matter needs, is
 * recorded and flagged by its checks, not refused), …/account-checks (业账社管), …/violations
 * (negative list, suspension), …/orders (责令限期改正) and …/orders/{orderId}/close. Each is
 * versioned (409 stale), scoped (403) and audited, and answers the committee file.
 */
export function supervisionRoutes(router: Router, db: Db, opts: CommitteesOptions): void {
  const answer = (p: User, compoundId: number) =>
    readCommitteeFile(db, p, compoundId, opts.today(), opts.rules);

  const record = (
    p: User,
    compoundId: number,
    seen: number,
    write: (tx: Queryable, committee: CommitteeRow) => Promise<unknown>,
  ) => recordOnSitting(db, p, compoundId, seen, write);

  router.post('/api/committees/:compoundId/meetings', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { compoundId } = parseInput(committeeIdSchema, req.params);
    const { version, meetingOn, ...details } = parseInput(meetingSchema, req.body, 'body');
    checkDates({ meetingOn, reportedOn: details.reportedOn }, opts.today());
    await record(p, compoundId, version, (tx, committee) =>
      recordSupervision(tx, {
        committee,
        kind: 'meeting',
        onDate: meetingOn,
        details,
        actor: p.username,
        note: `${details.kind} meeting ${meetingOn}, reported ${details.reportedOn ?? 'never'}`,
      }),
    );
    res.status(201).json(await answer(p, compoundId));
  });

  router.post('/api/committees/:compoundId/account-checks', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { compoundId } = parseInput(committeeIdSchema, req.params);
    const { version, checkedOn, ...details } = parseInput(accountCheckSchema, req.body, 'body');
    checkDates({ checkedOn }, opts.today());
    await record(p, compoundId, version, (tx, committee) =>
      recordSupervision(tx, {
        committee,
        kind: 'account_check',
        onDate: checkedOn,
        details,
        actor: p.username,
        note: `checked ${checkedOn}: ${details.compliant ? 'compliant' : 'not compliant'}`,
      }),
    );
    res.status(201).json(await answer(p, compoundId));
  });

  router.post('/api/committees/:compoundId/violations', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { compoundId } = parseInput(committeeIdSchema, req.params);
    const { version, reportedOn, ...details } = parseInput(violationSchema, req.body, 'body');
    checkDates({ reportedOn }, opts.today());
    await record(p, compoundId, version, (tx, committee) =>
      recordSupervision(tx, {
        committee,
        kind: 'violation',
        onDate: reportedOn,
        details,
        actor: p.username,
        note: `${details.memberName} ${reportedOn}${details.suspended ? ', suspended' : ''}`,
      }),
    );
    res.status(201).json(await answer(p, compoundId));
  });

  router.post('/api/committees/:compoundId/orders', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { compoundId } = parseInput(committeeIdSchema, req.params);
    const { version, orderedOn, deadline, subject } = parseInput(orderSchema, req.body, 'body');
    checkDates({ orderedOn }, opts.today());
    if (deadline < orderedOn) {
      throw new AppError(
        400,
        'bad_request',
        `deadline: ${deadline} is before the order of ${orderedOn}`,
        'deadline',
      );
    }
    await record(p, compoundId, version, (tx, committee) =>
      recordSupervision(tx, {
        committee,
        kind: 'order',
        onDate: orderedOn,
        deadline,
        details: { subject },
        actor: p.username,
        note: `ordered ${orderedOn}, correct by ${deadline}`,
      }),
    );
    res.status(201).json(await answer(p, compoundId));
  });

  router.post(
    '/api/committees/:compoundId/orders/:orderId/close',
    requireLogin,
    async (req, res) => {
      const p = user(req, 'write');
      const { compoundId, orderId } = parseInput(orderIdSchema, req.params);
      const { version, outcome, closedOn } = parseInput(orderCloseSchema, req.body, 'body');
      checkDates({ closedOn }, opts.today());
      // an order outlives the term it was given in: it is closed whatever the committee's state
      await db.withTransaction(async (tx) => {
        const committee = await lockInScope(tx, p, compoundId, version);
        const order = await lockOrder(tx, compoundId, orderId);
        if (!order) throw notFound(`Unknown order ${orderId} of compound ${compoundId}`);
        if (order.closed) throw new AppError(409, 'conflict', `Order ${orderId} is already closed`);
        if (closedOn < order.orderedOn) {
          throw new AppError(
            400,
            'bad_request',
            `closedOn: ${closedOn} is before the order of ${order.orderedOn}`,
            'closedOn',
          );
        }
        await closeOrder(tx, { committee, orderId, outcome, closedOn, actor: p.username });
      });
      res.json(await answer(p, compoundId));
    },
  );
}

/**
 * The 业账社管 supervision group's members (三(三)): POST …/supervision-group (a sitting
 * committee's new member) and …/supervision-group/{memberId}/end. Versioned, scoped, audited.
 */
export function supervisionGroupRoutes(router: Router, db: Db, opts: CommitteesOptions): void {
  const answer = (p: User, compoundId: number) =>
    readCommitteeFile(db, p, compoundId, opts.today(), opts.rules);

  router.post('/api/committees/:compoundId/supervision-group', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { compoundId } = parseInput(committeeIdSchema, req.params);
    const { version, name, role, fromDate } = parseInput(groupMemberSchema, req.body, 'body');
    await recordOnSitting(db, p, compoundId, version, (tx, committee) =>
      insertGroupMember(tx, { committee, name, role, fromDate, actor: p.username }),
    );
    res.status(201).json(await answer(p, compoundId));
  });

  router.post(
    '/api/committees/:compoundId/supervision-group/:memberId/end',
    requireLogin,
    async (req, res) => {
      const p = user(req, 'write');
      const { compoundId, memberId } = parseInput(groupMemberIdSchema, req.params);
      const { version, toDate } = parseInput(groupMemberEndSchema, req.body, 'body');
      // a membership ends whatever the committee's state (its term may be over)
      await db.withTransaction(async (tx) => {
        const committee = await lockInScope(tx, p, compoundId, version);
        const member = await lockGroupMember(tx, compoundId, memberId);
        if (!member) throw notFound(`Unknown member ${memberId} of compound ${compoundId}'s group`);
        if (member.toDate !== null) {
          throw new AppError(409, 'conflict', `Member ${memberId} left on ${member.toDate}`);
        }
        if (toDate < member.fromDate) {
          throw new AppError(
            400,
            'bad_request',
            `toDate: ${toDate} is before the member joined on ${member.fromDate}`,
            'toDate',
          );
        }
        await endGroupMember(tx, { committee, member, toDate, actor: p.username });
      });
      res.json(await answer(p, compoundId));
    },
  );
}

// a new record: the committee sits (elected or temporary) and the version is current
async function recordOnSitting(
  db: Db,
  p: User,
  compoundId: number,
  seen: number,
  write: (tx: Queryable, committee: CommitteeRow) => Promise<unknown>,
): Promise<void> {
  await db.withTransaction(async (tx) => {
    const row = await lockInScope(tx, p, compoundId, seen);
    if (row.state !== 'elected' && row.state !== 'temporary') {
      throw new AppError(
        409,
        'conflict',
        `A committee in state ${row.state} has no supervision records; only elected and temporary committees do`,
      );
    }
    await write(tx, row);
  });
}
