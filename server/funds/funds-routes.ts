import { Router, type Request } from 'express';
import { z } from 'zod';
import type { Role } from '../../common/auth.ts';
import { TOPUP_STATUSES, type TopUpStatus } from '../../common/ledgers.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import { inScope, type Principal } from '../auth/principal.ts';
import type { Db } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { lastQuarter } from '../reports/report-rules.ts';
import type { CommitteeOptions } from '../committees/committee-rules.ts';
import { listRevenue, lockRevenue, writeRevenue } from './revenue-queries.ts';
import {
  findCompoundPlace,
  listFunds,
  listTopUpTasks,
  lockFund,
  lockTopUpTask,
  recordFundReading,
  setTopUpStatus,
} from './funds-queries.ts';

const READERS: readonly Role[] = ['operator', 'district_admin', 'street_admin', 'community_admin'];
const WRITERS: readonly Role[] = ['district_admin', 'street_admin', 'community_admin'];

function user(req: Request, mode: 'read' | 'write'): Extract<Principal, { kind: 'user' }> {
  const p = req.principal!;
  const allowed = mode === 'read' ? READERS : WRITERS;
  if (p.kind !== 'user' || !allowed.includes(p.role)) {
    throw forbidden(
      `Maintenance funds are ${mode === 'read' ? 'read' : 'kept'} by ${allowed.join(', ')}`,
    );
  }
  return p;
}

const MONEY_MAX = 1_000_000_000; // ¥1 billion: beyond any compound's fund
const money = (what: string, min: number) =>
  z
    .number({ error: `expected ${what} in yuan, ${min}–${MONEY_MAX}, at most 2 decimals` })
    .min(min, { error: `expected ${what} in yuan, ${min}–${MONEY_MAX}, at most 2 decimals` })
    .max(MONEY_MAX, { error: `expected ${what} in yuan, ${min}–${MONEY_MAX}, at most 2 decimals` })
    .refine((v) => Math.abs(v * 100 - Math.round(v * 100)) < 1e-6, {
      error: `expected ${what} in yuan, ${min}–${MONEY_MAX}, at most 2 decimals`,
    });
export const fundReadingSchema = z
  .object({
    version: z
      .number({ error: 'expected the version you last saw' })
      .int()
      .min(1)
      .max(2_147_483_647)
      .optional(),
    firstDeposit: money('the first deposit', 0.01),
    balance: money('the balance', 0),
    arrearsHouseholds: z
      .number({ error: 'expected households in arrears 0–100000' })
      .int({ error: 'expected households in arrears 0–100000' })
      .min(0, { error: 'expected households in arrears 0–100000' })
      .max(100_000, { error: 'expected households in arrears 0–100000' }),
    asOf: z.iso.date({ error: 'expected a date YYYY-MM-DD' }),
  })
  .strict();
export const compoundIdParam = z
  .object({
    compoundId: z.coerce
      .number({ error: 'expected a compound id' })
      .int()
      .min(1)
      .max(2_147_483_647),
  })
  .strict();
export const taskIdParam = z
  .object({ id: z.coerce.number({ error: 'expected a task id' }).int().min(1).max(2_147_483_647) })
  .strict();
export const listQuery = z
  .object({
    streetCode: z
      .string()
      .regex(/^\d{12}$/, { error: 'expected a 12-digit street code' })
      .optional(),
  })
  .strict();
export const taskQuery = z
  .object({
    status: z
      .enum(TOPUP_STATUSES, { error: `expected one of ${TOPUP_STATUSES.join(', ')}` })
      .optional(),
  })
  .strict();
export const taskStatusSchema = z
  .object({
    version: z
      .number({ error: 'expected the version you last saw' })
      .int()
      .min(1)
      .max(2_147_483_647),
    status: z.enum(['in_progress', 'done'], { error: 'expected in_progress or done' }),
  })
  .strict();

// a task goes open → in progress → done (or straight to done), never back
const NEXT: Record<TopUpStatus, TopUpStatus[]> = {
  open: ['in_progress', 'done'],
  in_progress: ['done'],
  done: [],
};

const QUARTER_ERROR = 'expected a quarter YYYY-Qn (n 1–4)';
const quarter = z.string().regex(/^\d{4}-Q[1-4]$/, { error: QUARTER_ERROR });
export const revenueQuery = z.object({ quarter: quarter.optional() }).strict();
export const revenueParams = z
  .object({
    compoundId: z.coerce
      .number({ error: 'expected a compound id' })
      .int()
      .min(1)
      .max(2_147_483_647),
    quarter,
  })
  .strict();
export const revenueSchema = z
  .object({
    version: z
      .number({ error: 'expected the version you last saw' })
      .int()
      .min(1)
      .max(2_147_483_647)
      .optional(),
    income: money('the income', 0),
    expense: money('the expense', 0),
    publishedOn: z.iso.date({ error: 'expected a date YYYY-MM-DD' }),
    place: z
      .string({ error: 'expected where it was published, 1–200 characters' })
      .trim()
      .min(1, { error: 'expected where it was published, 1–200 characters' })
      .max(200, { error: 'expected where it was published, 1–200 characters' }),
  })
  .strict();

export type FundsOptions = { today: () => string; committees: CommitteeOptions };

/**
 * Maintenance funds (三(六)): GET /api/funds, PUT /api/funds/{compoundId} (a new reading of the
 * account; the 30% rule may open a top-up task), GET /api/funds/tasks, POST
 * /api/funds/tasks/{id}/status; public revenue: GET /api/funds/revenue?quarter=, PUT
 * /api/funds/revenue/{compoundId}/{quarter}. Readers see their area; admins write in theirs.
 */
export function fundsRouter(db: Db, opts: FundsOptions): Router {
  const router = Router();

  router.get('/api/funds', requireLogin, async (req, res) => {
    const p = user(req, 'read');
    const q = parseInput(listQuery, req.query);
    res.json(await listFunds(db, p.scope, q.streetCode));
  });

  router.get('/api/funds/tasks', requireLogin, async (req, res) => {
    const p = user(req, 'read');
    const q = parseInput(taskQuery, req.query);
    res.json(await listTopUpTasks(db, p.scope, opts.today(), q.status));
  });

  router.get('/api/funds/revenue', requireLogin, async (req, res) => {
    const p = user(req, 'read');
    const q = parseInput(revenueQuery, req.query);
    const theQuarter = q.quarter ?? lastQuarter(opts.today());
    res.json(await listRevenue(db, p.scope, theQuarter, opts.today(), opts.committees));
  });

  router.put('/api/funds/revenue/:compoundId/:quarter', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { compoundId, quarter: theQuarter } = parseInput(revenueParams, req.params, 'path');
    const { version, ...input } = parseInput(revenueSchema, req.body, 'body');
    if (input.publishedOn > opts.today()) {
      throw badRequest(
        'publishedOn',
        `publishedOn: ${input.publishedOn} is in the future (today is ${opts.today()})`,
      );
    }
    await db.withTransaction(async (tx) => {
      const compound = await findCompoundPlace(tx, compoundId);
      if (!compound) throw notFound(`Unknown compound id: ${compoundId}`);
      if (!inScope(p.scope, { ...compound, gridCode: '' }))
        throw forbidden(`Compound ${compoundId} is outside your area`);
      await lockRevenue(tx, compoundId, theQuarter);
      const [before] = await listRevenue(
        tx,
        p.scope,
        theQuarter,
        opts.today(),
        opts.committees,
        compoundId,
      );
      if (before!.version !== (version ?? null)) {
        throw new AppError(
          409,
          'conflict',
          `Stale version ${version ?? 'none'}: the publication is at version ${before!.version ?? 'none'}; reload and retry`,
        );
      }
      await writeRevenue(tx, {
        compoundId,
        quarter: theQuarter,
        before: before!,
        input,
        actor: p.username,
      });
    });
    const [after] = await listRevenue(
      db,
      p.scope,
      theQuarter,
      opts.today(),
      opts.committees,
      compoundId,
    );
    res.json(after);
  });

  router.put('/api/funds/:compoundId', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { compoundId } = parseInput(compoundIdParam, req.params, 'path');
    const { version, ...reading } = parseInput(fundReadingSchema, req.body, 'body');
    if (reading.asOf > opts.today()) {
      throw badRequest('asOf', `asOf: ${reading.asOf} is in the future (today is ${opts.today()})`);
    }
    const created = await db.withTransaction(async (tx) => {
      const compound = await findCompoundPlace(tx, compoundId);
      if (!compound) throw notFound(`Unknown compound id: ${compoundId}`);
      if (!inScope(p.scope, { ...compound, gridCode: '' }))
        throw forbidden(`Compound ${compoundId} is outside your area`);
      const before = await lockFund(tx, compoundId);
      if (before && version !== before.version) {
        throw new AppError(
          409,
          'conflict',
          `Stale version ${version ?? 'none'}: the account is at version ${before.version}; reload and retry`,
        );
      }
      if (!before && version !== undefined) {
        throw new AppError(
          409,
          'conflict',
          `Stale version ${version}: compound ${compoundId} has no account yet`,
        );
      }
      await recordFundReading(tx, {
        compound,
        before,
        reading,
        actor: p.username,
        action: before ? 'edit' : 'create',
        reason: null,
        today: opts.today(),
      });
      return !before;
    });
    const [account] = (await listFunds(db, p.scope)).filter((a) => a.compoundId === compoundId);
    res.status(created ? 201 : 200).json(account);
  });

  router.post('/api/funds/tasks/:id/status', requireLogin, async (req, res) => {
    const p = user(req, 'write');
    const { id } = parseInput(taskIdParam, req.params, 'path');
    const b = parseInput(taskStatusSchema, req.body, 'body');
    await db.withTransaction(async (tx) => {
      const task = await lockTopUpTask(tx, id);
      if (!task || !inScope(p.scope, { ...task, gridCode: '' }))
        throw notFound(`Unknown top-up task id: ${id}`);
      if (task.version !== b.version) {
        throw new AppError(
          409,
          'conflict',
          `Stale version ${b.version}: the task is at version ${task.version}; reload and retry`,
        );
      }
      if (!NEXT[task.status].includes(b.status)) {
        throw new AppError(409, 'conflict', `A ${task.status} task cannot become ${b.status}`);
      }
      await setTopUpStatus(tx, task, b.status, p.username, opts.today());
    });
    const tasks = await listTopUpTasks(db, p.scope, opts.today());
    res.json(tasks.find((t) => t.id === id));
  });

  return router;
}
