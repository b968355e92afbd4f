import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Role } from '../../common/auth.ts';
import {
  COMMITTEE_ACTIONS,
  COMMITTEE_COMPLIANCES,
  COMMITTEE_STATES,
  MEMBER_ORGANISATIONS,
  MEMBER_ROLES,
  type CommitteeAction,
  type CommitteeCompliance,
  type CommitteeFile,
  type CommitteeList,
  type CommitteeSummary,
  type DueDuty,
} from '../../common/committees.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import { inScope, type Principal } from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { AppError, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import {
  checkCommittee,
  checkPartyShare,
  checkTemporary,
  complianceOf,
  countMembers,
  owedDuties,
  termAlert,
  type CommitteeOptions,
  type DoneDuty,
} from './committee-rules.ts';
import { applyCommitteeAction, type CommitteeActionInput } from './committee-workflow.ts';
import {
  findCommittees,
  findDoneDuties,
  findHistory,
  findMembers,
  lockCommittee,
  recordDuty,
  writeCommittee,
  type CommitteeRow,
} from './committees-queries.ts';

const isoDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const version = z
  .number({ error: 'expected the version you last saw (a positive integer)' })
  .int({ error: 'expected the version you last saw (a positive integer)' })
  .min(0, { error: 'expected the version you last saw (a positive integer)' });
const note = z.string().max(500, { error: 'at most 500 characters' }).optional();
const code12 = z.string().regex(/^\d{12}$/, { error: 'expected a 12-digit code' });

const memberSchema = z
  .object({
    name: z
      .string({ error: 'expected a name of 1–50 characters' })
      .trim()
      .min(1, { error: 'expected a name of 1–50 characters' })
      .max(50, { error: 'expected a name of 1–50 characters' }),
    role: z.enum(MEMBER_ROLES, { error: `expected one of ${MEMBER_ROLES.join(', ')}` }),
    owner: z.boolean({ error: 'expected true or false' }),
    partyMember: z.boolean({ error: 'expected true or false' }),
    organisation: z
      .enum(MEMBER_ORGANISATIONS, { error: `expected one of ${MEMBER_ORGANISATIONS.join(', ')}` })
      .nullable()
      .default(null),
  })
  .strict();

// 1–51 members with exactly one chair; on a temporary committee each names its organisation
const membersSchema = (temporary: boolean) =>
  z
    .array(memberSchema, { error: 'expected a list of members' })
    .min(1, { error: 'expected 1–51 members' })
    .max(51, { error: 'expected 1–51 members' })
    .superRefine((members, ctx) => {
      const chairs = members.filter((m) => m.role === 'chair').length;
      if (chairs !== 1)
        ctx.addIssue({ code: 'custom', message: `expected exactly one chair, got ${chairs}` });
      members.forEach((m, i) => {
        if (temporary && m.organisation === null) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'organisation'],
            message: `a temporary committee's member names the organisation: one of ${MEMBER_ORGANISATIONS.join(', ')}`,
          });
        }
        if (!temporary && m.organisation !== null) {
          ctx.addIssue({
            code: 'custom',
            path: [i, 'organisation'],
            message: 'expected null: an elected member is an owner, not a delegate',
          });
        }
      });
    });

export const committeeActionSchemas = {
  prepare: z.object({ version, formedOn: isoDate, note }).strict(),
  elect: z
    .object({
      version,
      electedOn: isoDate,
      termStart: isoDate,
      termEnd: isoDate,
      members: membersSchema(false),
      note,
    })
    .strict(),
  approve: z.object({ version, approvedOn: isoDate, note }).strict(),
  temporary: z
    .object({ version, formedOn: isoDate, termEnd: isoDate, members: membersSchema(true), note })
    .strict(),
  party_group: z.object({ version, formedOn: isoDate, note }).strict(),
  end_term: z.object({ version, endedOn: isoDate, note }).strict(),
} as const satisfies Record<CommitteeAction, z.ZodType>;

export const committeeListSchema = z
  .object({
    streetCode: code12.optional(),
    communityCode: code12.optional(),
    state: z
      .enum(COMMITTEE_STATES, { error: `expected one of ${COMMITTEE_STATES.join(', ')}` })
      .optional(),
    compliance: z
      .enum(COMMITTEE_COMPLIANCES, { error: `expected one of ${COMMITTEE_COMPLIANCES.join(', ')}` })
      .optional(),
  })
  .strict();

export const committeeIdSchema = z.object({
  compoundId: z.coerce
    .number({ error: 'expected a compound id 1–2147483647' })
    .int({ error: 'expected a compound id 1–2147483647' })
    .min(1, { error: 'expected a compound id 1–2147483647' })
    .max(2_147_483_647, { error: 'expected a compound id 1–2147483647' }),
});

const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, { error: 'expected a quarter YYYY-Qn, n 1–4' });
export const disclosureSchema = z
  .object({
    version,
    quarter,
    publishedOn: isoDate,
    workFunds: z.boolean({ error: 'expected true or false' }),
    commonRevenue: z.boolean({ error: 'expected true or false' }),
  })
  .strict();
export const evaluationSchema = z
  .object({
    version,
    year: z
      .number({ error: 'expected a year 2000–2100' })
      .int()
      .min(2000, { error: 'expected a year 2000–2100' })
      .max(2100, { error: 'expected a year 2000–2100' }),
    score: z
      .number({ error: 'expected a score 0–100' })
      .int({ error: 'expected a score 0–100' })
      .min(0, { error: 'expected a score 0–100' })
      .max(100, { error: 'expected a score 0–100' }),
    comments: z
      .string({ error: 'expected comments of 1–1000 characters' })
      .trim()
      .min(1, { error: 'expected comments of 1–1000 characters' })
      .max(1000, { error: 'expected comments of 1–1000 characters' }),
    publishedOn: isoDate,
  })
  .strict();

/** POST /api/committees/check: the rules a proposed membership would meet, for forms' live checks. */
export const checkSchema = z
  .object({
    kind: z.enum(['elected', 'temporary'], { error: 'expected elected or temporary' }),
    members: z
      .array(memberSchema.partial({ name: true, role: true }), {
        error: 'expected a list of members',
      })
      .max(51, { error: 'expected at most 51 members' }),
  })
  .strict();

const READERS: readonly Role[] = [
  'operator',
  'district_admin',
  'street_admin',
  'community_admin',
  'grid_manager',
];
const WRITERS: readonly Role[] = ['district_admin', 'street_admin', 'community_admin'];

function user(req: Request, mode: 'read' | 'write'): Extract<Principal, { kind: 'user' }> {
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
 * /api/committees/{compoundId}/{action} (the lifecycle), POST …/disclosures and …/evaluations.
 * Admins change committees in their area; operators and grid managers read.
 */
export function committeesRouter(db: Db, opts: CommitteesOptions): Router {
  const router = Router();
  const o = opts.rules;

  const summarise = (row: CommitteeRow, done: DoneDuty[], today: string): CommitteeSummary => {
    const { gridCode: _grid, approvedOn: _approved, electedOn, ...rest } = row;
    const sitting = row.state === 'elected' || row.state === 'temporary';
    const duties = sitting ? owedDuties(row.termStart ?? electedOn ?? today, done, today, o) : [];
    return {
      ...rest,
      compliance: complianceOf({ ...row, electedOn }, o),
      termAlert: sitting ? termAlert(row.termEnd, today, o) : null,
      lateDuties: duties.filter((d) => d.status === 'late' || d.status === 'missing').length,
      checks: checkCommittee({ ...row, electedOn }, today, o),
    };
  };

  router.get('/api/committees', requireLogin, async (req, res) => {
    const p = user(req, 'read');
    const q = parseInput(committeeListSchema, req.query);
    const rows = await findCommittees(db, { scope: p.scope, ...q });
    const done = await findDoneDuties(
      db,
      rows.map((r) => r.compoundId),
    );
    const today = opts.today();
    const all = rows.map((r) => summarise(r, done.get(r.compoundId) ?? [], today));
    const committees = all.filter(
      (c) => (!q.state || c.state === q.state) && (!q.compliance || c.compliance === q.compliance),
    );
    const totals = Object.fromEntries(COMMITTEE_COMPLIANCES.map((k) => [k, 0])) as Record<
      CommitteeCompliance,
      number
    >;
    for (const c of committees) totals[c.compliance] += 1;
    const body: CommitteeList = { committees, totals };
    res.json(body);
  });

  router.get('/api/committees/due', requireLogin, async (req, res) => {
    const p = user(req, 'read');
    parseInput(z.object({}).strict(), req.query);
    const rows = (await findCommittees(db, { scope: p.scope })).filter(
      (r) => r.state === 'elected' || r.state === 'temporary',
    );
    const done = await findDoneDuties(
      db,
      rows.map((r) => r.compoundId),
    );
    const today = opts.today();
    const monthEnd = endOfMonth(today);
    const due: DueDuty[] = rows.flatMap((r) =>
      owedDuties(r.termStart ?? r.electedOn ?? today, done.get(r.compoundId) ?? [], today, o)
        .filter(
          (d) =>
            d.status === 'missing' ||
            d.status === 'late' ||
            (d.status === 'due' && d.dueOn <= monthEnd),
        )
        .map((d) => ({
          ...d,
          compoundId: r.compoundId,
          compoundName: r.compoundName,
          communityName: r.communityName,
        })),
    );
    due.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.compoundId - b.compoundId);
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
    res.json(await committeeFile(p, compoundId));
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
        if (!result.ok) throw new AppError(422, 'rule_violation', result.message, 'members');
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
      res.json(await committeeFile(p, compoundId));
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
    res.status(201).json(await committeeFile(p, compoundId));
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
    res.status(201).json(await committeeFile(p, compoundId));
  });

  async function committeeFile(
    p: Extract<Principal, { kind: 'user' }>,
    compoundId: number,
  ): Promise<CommitteeFile> {
    const [row] = await findCommittees(db, { scope: ALL, compoundId });
    if (!row) throw notFound(`Unknown compound id: ${compoundId}`);
    if (!inScope(p.scope, row)) throw forbidden(`Compound ${compoundId} is outside your area`);
    const done = (await findDoneDuties(db, [compoundId])).get(compoundId) ?? [];
    const today = opts.today();
    const sitting = row.state === 'elected' || row.state === 'temporary';
    return {
      ...summarise(row, done, today),
      members: await findMembers(db, compoundId),
      electedOn: row.electedOn,
      approvedOn: row.approvedOn,
      duties: sitting ? owedDuties(row.termStart ?? row.electedOn ?? today, done, today, o) : [],
      history: await findHistory(db, compoundId),
    };
  }

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

const ALL = { district: true, streets: [], communities: [], grids: [] };

async function lockInScope(
  tx: Parameters<Parameters<Db['withTransaction']>[0]>[0],
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

// dates of things done cannot lie in the future; a term ends after it starts, within five years
function checkDates(body: Record<string, unknown>, today: string): void {
  for (const field of ['formedOn', 'electedOn', 'approvedOn', 'endedOn', 'publishedOn'] as const) {
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

function endOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
