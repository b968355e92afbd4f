import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Role } from '../../common/auth.ts';
import { COMMITTEE_ACTIONS } from '../../common/committees.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import { inScope, type Principal } from '../auth/principal.ts';
import type { Db, Queryable } from '../db.ts';
import { AppError, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import {
  checkPartyShare,
  checkTemporary,
  countMembers,
  type CommitteeOptions,
} from './committee-rules.ts';
import { supervisionGroupRoutes, supervisionRoutes } from './committee-supervision-routes.ts';
import { findDueDuties, listCommittees, readCommitteeFile } from './committee-views.ts';
import { applyCommitteeAction, type CommitteeActionInput } from './committee-workflow.ts';
import {
  checkSchema,
  committeeActionSchemas,
  committeeIdSchema,
  committeeListSchema,
  disclosureSchema,
  evaluationSchema,
} from './committees-schemas.ts';
import {
  lockCommittee,
  recordDuty,
  writeCommittee,
  type CommitteeRow,
} from './committees-queries.ts';

const READERS: readonly Role[] = [
  'operator',
  'district_admin',
  'street_admin',
  'community_admin',
  'grid_manager',
];
const WRITERS: readonly Role[] = ['district_admin', 'street_admin', 'community_admin'];

export function user(req: Request, mode: 'read' | 'write'): Extract<Principal, { kind: 'user' }> {
  const p = req.principal!;
  const allowed = mode === 'read' ? READERS : WRITERS;
  if (p.kind !== 'user' || !allowed.includes(p.role)) {
    throw forbidden(
      `Owners' committees are ${mode === 'read' ? 'read' : 'changed'} by ${allowed.join(', ')}`,
    );
  }
  return p;
}

export type CommitteesOptions = { rules: CommitteeOptions; today: () => string };

/**
 * Owners' committees (三(一), 三(三)): GET /api/committees (list, filters), GET /api/committees/due,
 * POST /api/committees/check, GET /api/committees/{compoundId} (the file), POST
 * /api/committees/{compoundId}/{action} (the lifecycle), POST …/disclosures and …/evaluations;
 * the supervision records are in committee-supervision-routes.ts.
 * Admins change committees in their area; operators and grid managers read.
 */
export function committeesRouter(db: Db, opts: CommitteesOptions): Router {
  const router = Router();
  const o = opts.rules;

  router.get('/api/committees', requireLogin, async (req, res) => {
    const p = user(req, 'read');
    const q = parseInput(committeeListSchema, req.query);
    const body = await listCommittees(db, p.scope, q, opts.today(), o);
    res.json(body);
  });

  router.get('/api/committees/due', requireLogin, async (req, res) => {
    const p = user(req, 'read');
    parseInput(z.object({}).strict(), req.query);
    const due = await findDueDuties(db, p.scope, opts.today(), o);
    res.json(due);
  });

  router.post('/api/committees/check', requireLogin, async (req, res) => {
    user(req, 'read');
    const body = parseInput(checkSchema, req.body, 'body');
    const counts = countMembers(
      body.members.map((m) => ({
        name: '',
        role: 'member',
        ...m,
        organisation: m.organisation ?? null,
      })),
    );
    res.json(
      body.kind === 'temporary'
        ? checkTemporary(counts)
        : [checkPartyShare(counts, opts.today(), o)],
    );
  });

  router.get('/api/committees/:compoundId', requireLogin, async (req, res) => {
    const p = user(req, 'read');
    const { compoundId } = parseInput(committeeIdSchema, req.params);
    res.json(await readCommitteeFile(db, p, compoundId, opts.today(), o));
  });

  for (const action of COMMITTEE_ACTIONS) {
    const segment = action.replace('_', '-'); // party_group → /party-group
    router.post(`/api/committees/:compoundId/${segment}`, requireLogin, async (req, res) => {
      const p = user(req, 'write');
      const { compoundId } = parseInput(committeeIdSchema, req.params);
      const {
        version: seen,
        note: text,
        ...body
      } = parseInput(committeeActionSchemas[action], req.body ?? {}, 'body');
      const today = opts.today();
      checkDates(body, today);
      await db.withTransaction(async (tx) => {
        const row = await lockInScope(tx, p, compoundId, seen);
        const result = applyCommitteeAction(row, { action, ...body } as CommitteeActionInput, o);
        if (!result.ok && result.kind === 'state')
          throw new AppError(409, 'conflict', result.message);
        if (!result.ok) {
          const checks = result.checks.map(({ rule, section, words, figures }) => ({
            rule,
            section,
            words,
            figures,
          }));
          throw new AppError(422, 'rule_violation', result.message, 'members', checks);
        }
        await writeCommittee(
          tx,
          {
            compoundId,
            before: row,
            next: result.next,
            members: result.members,
            action,
            actor: p.username,
            note: text ?? null,
          },
          o,
        );
      });
      res.json(await readCommitteeFile(db, p, compoundId, opts.today(), o));
    });
  }

  router.post('/api/committees/:compoundId/disclosures', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { compoundId } = parseInput(committeeIdSchema, req.params);
    const b = parseInput(disclosureSchema, req.body, 'body');
    checkDates({ publishedOn: b.publishedOn }, opts.today());
    await recordSittingDuty(p, compoundId, b.version, {
      kind: 'disclosure',
      period: b.quarter,
      doneOn: b.publishedOn,
      details: { workFunds: b.workFunds, commonRevenue: b.commonRevenue },
    });
    res.status(201).json(await readCommitteeFile(db, p, compoundId, opts.today(), o));
  });

  router.post('/api/committees/:compoundId/evaluations', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { compoundId } = parseInput(committeeIdSchema, req.params);
    const b = parseInput(evaluationSchema, req.body, 'body');
    checkDates({ publishedOn: b.publishedOn }, opts.today());
    await recordSittingDuty(p, compoundId, b.version, {
      kind: 'evaluation',
      period: String(b.year),
      doneOn: b.publishedOn,
      details: { score: b.score, comments: b.comments },
    });
    res.status(201).json(await readCommitteeFile(db, p, compoundId, opts.today(), o));
  });

  supervisionRoutes(router, db, opts);
  supervisionGroupRoutes(router, db, opts);

  async function recordSittingDuty(
    p: Extract<Principal, { kind: 'user' }>,
    compoundId: number,
    seen: number,
    duty: Omit<Parameters<typeof recordDuty>[1], 'committee' | 'actor'>,
  ): Promise<void> {
    await db.withTransaction(async (tx) => {
      const row = await lockInScope(tx, p, compoundId, seen);
      if (row.state !== 'elected' && row.state !== 'temporary') {
        throw new AppError(
          409,
          'conflict',
          `A committee in state ${row.state} owes no ${duty.kind}; only elected and temporary committees do`,
        );
      }
      const fresh = await recordDuty(tx, { ...duty, committee: row, actor: p.username });
      if (!fresh)
        throw new AppError(
          409,
          'conflict',
          `The ${duty.kind} for ${duty.period} is already recorded`,
        );
    });
  }

  return router;
}

export async function lockInScope(
  tx: Queryable,
  p: Extract<Principal, { kind: 'user' }>,
  compoundId: number,
  seen: number,
): Promise<CommitteeRow> {
  const row = await lockCommittee(tx, compoundId);
  if (!row) throw notFound(`Unknown compound id: ${compoundId}`);
  if (!inScope(p.scope, row)) throw forbidden(`Compound ${compoundId} is outside your area`);
  // a compound without a committee row reads as version 0 until its first change creates one at 1
  const current = row.version;
  if (seen !== current && !(seen === 0 && current === 1 && row.state === 'none')) {
    throw new AppError(
      409,
      'conflict',
      `Stale version ${seen}: the committee is at version ${current}; reload and retry`,
    );
  }
  return row;
}

const DATES_DONE = [
  'formedOn',
  'electedOn',
  'approvedOn',
  'endedOn',
  'publishedOn',
  'meetingOn',
  'reportedOn',
  'checkedOn',
  'orderedOn',
  'closedOn',
] as const;

// dates of things done cannot lie in the future; a term ends after it starts, within five years
export function checkDates(body: Record<string, unknown>, today: string): void {
  for (const field of DATES_DONE) {
    const value = body[field];
    if (typeof value === 'string' && value > today) {
      throw new AppError(
        400,
        'bad_request',
        `${field}: ${value} is in the future (today is ${today})`,
        field,
      );
    }
  }
  const start = (body.termStart ?? body.formedOn) as string | undefined;
  const end = body.termEnd as string | undefined;
  if (start && end) {
    const latest = `${Number(start.slice(0, 4)) + 5}${start.slice(4)}`;
    if (end <= start || end > latest) {
      throw new AppError(
        400,
        'bad_request',
        `termEnd: ${end} must fall after ${start} and by ${latest} (a term runs up to five years)`,
        'termEnd',
      );
    }
  }
}
