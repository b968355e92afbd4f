import { Router, type Request } from 'express';
import { z } from 'zod';
import { PROPOSAL_STATES, type BundleProposal } from '../../common/bundling.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db, Queryable } from '../db.ts';
import { badRequest, notFound } from '../errors.ts';
import type { GrievanceIo } from '../grievances/grievances-socket.ts';
import { parseInput } from '../validation.ts';
import { resolveOptions } from './bundle.ts';
import { findSelectionGraph } from './bundling-queries.ts';
import { bundlingOptionsSchema, compoundIdsSchema, streetCodeSchema } from './bundling-schemas.ts';
import { evaluateBundle } from './evaluate-bundle.ts';
import {
  actOnProposal,
  createProposal,
  editProposal,
  findProposal,
  findProposalDetail,
  listProposals,
  type CheckedSelection,
  type ProposalActionInput,
} from './proposals-queries.ts';

const name = z
  .string({ error: 'expected a name of 1–100 characters' })
  .trim()
  .min(1, { error: 'expected a name of 1–100 characters' })
  .max(100, { error: 'expected a name of 1–100 characters' });
const note = z.string().max(500, { error: 'at most 500 characters' }).optional();
const version = z.number({ error: 'expected the version you last saw' }).int().positive();
const isoDate = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

export const listSchema = z
  .object({
    streetCode: streetCodeSchema.optional(),
    state: z
      .enum(PROPOSAL_STATES, { error: `expected one of ${PROPOSAL_STATES.join(', ')}` })
      .optional(),
  })
  .strict();
export const createSchema = z
  .object({ name, compoundIds: compoundIdsSchema, options: bundlingOptionsSchema, note })
  .strict();
export const editSchema = z
  .object({
    version,
    name: name.optional(),
    compoundIds: compoundIdsSchema.optional(),
    options: bundlingOptionsSchema,
    note,
  })
  .strict();
const providerSchema = z.discriminatedUnion(
  'mode',
  [
    z
      .object({ mode: z.literal('professional'), enterpriseId: z.number().int().positive() })
      .strict(),
    z.object({ mode: z.literal('street_company') }).strict(),
    z.object({ mode: z.literal('self_managed') }).strict(),
  ],
  { error: 'expected mode professional (with enterpriseId), street_company or self_managed' },
);
export const actionSchemas = {
  approve: z.object({ version, note }).strict(),
  withdraw: z.object({ version, note }).strict(),
  assign: z.object({ version, provider: providerSchema, note }).strict(),
  contract: z.object({ version, contractedOn: isoDate.optional(), note }).strict(),
} as const;
export const idSchema = z
  .object({ id: z.coerce.number().int().positive({ error: 'expected a proposal id' }) })
  .strict();

type PlanningPrincipal = { actor: string; street: string | null };

// planners and district admins plan everywhere; a street admin in their own street; operators read
function planner(req: Request, mode: 'read' | 'write'): PlanningPrincipal {
  const p: Principal = req.principal!;
  if (p.kind !== 'user') throw forbidden('Bundle proposals are for planners and street admins');
  if (p.role === 'planner' || p.role === 'district_admin')
    return { actor: p.username, street: null };
  if (p.role === 'operator' && mode === 'read') return { actor: p.username, street: null };
  if (p.role === 'street_admin') return { actor: p.username, street: p.scope.streets[0] ?? '' };
  throw forbidden(`Role ${p.role} may not ${mode === 'read' ? 'read' : 'change'} bundle proposals`);
}

function ownStreet(who: PlanningPrincipal, streetCode: string): void {
  if (who.street !== null && who.street !== streetCode) {
    throw forbidden(`You plan in street ${who.street} only`);
  }
}

/**
 * Bundle proposals: GET/POST /api/bundles/proposals, GET/PATCH /api/bundles/proposals/{id},
 * POST /api/bundles/proposals/{id}/{approve,assign,contract,withdraw}. Every change is one
 * transaction with its audit record, then a 'proposal:changed' broadcast.
 */
export function proposalsRouter(
  db: Db,
  io: GrievanceIo,
  opts: { baselineDate: string; now: () => Date },
): Router {
  const router = Router();
  const broadcast = (p: BundleProposal) =>
    io.to(['district', `street:${p.streetCode}`]).emit('proposal:changed', p);

  router.get('/api/bundles/proposals', requireLogin, async (req, res) => {
    const who = planner(req, 'read');
    const q = parseInput(listSchema, req.query);
    if (q.streetCode) ownStreet(who, q.streetCode);
    res.json(
      await listProposals(db, {
        streetCode: q.streetCode ?? who.street ?? undefined,
        state: q.state,
      }),
    );
  });

  router.post('/api/bundles/proposals', requireLogin, async (req, res) => {
    const who = planner(req, 'write');
    const body = parseInput(createSchema, req.body, 'body');
    const proposal = await db.withTransaction(async (tx) => {
      const selection = await checkSelection(tx, body.compoundIds, body.options ?? {});
      ownStreet(who, selection.streetCode);
      return createProposal(tx, { name: body.name, selection, note: body.note }, who.actor);
    });
    broadcast(proposal);
    res.status(201).json(proposal);
  });

  router.get('/api/bundles/proposals/:id', requireLogin, async (req, res) => {
    const who = planner(req, 'read');
    const { id } = parseInput(idSchema, req.params, 'id');
    const detail = await findProposalDetail(db, id);
    if (!detail) throw notFound(`Unknown proposal id: ${id}`);
    ownStreet(who, detail.streetCode);
    res.json(detail);
  });

  router.patch('/api/bundles/proposals/:id', requireLogin, async (req, res) => {
    const who = planner(req, 'write');
    const { id } = parseInput(idSchema, req.params, 'id');
    const body = parseInput(editSchema, req.body, 'body');
    const proposal = await db.withTransaction(async (tx) => {
      await ownProposal(tx, who, id);
      const selection = body.compoundIds
        ? await checkSelection(tx, body.compoundIds, body.options ?? {})
        : undefined;
      if (selection) ownStreet(who, selection.streetCode);
      return editProposal(tx, id, { ...body, selection }, who.actor);
    });
    broadcast(proposal);
    res.json(proposal);
  });

  for (const action of ['approve', 'assign', 'contract', 'withdraw'] as const) {
    router.post(`/api/bundles/proposals/:id/${action}`, requireLogin, async (req, res) => {
      const who = planner(req, 'write');
      const { id } = parseInput(idSchema, req.params, 'id');
      const body = parseInput(actionSchemas[action], req.body ?? {}, 'body');
      const input = { action, ...body } as ProposalActionInput;
      if (input.action === 'contract') {
        input.contractedOn = checkContractDate(input.contractedOn, opts);
      }
      const proposal = await db.withTransaction(async (tx) => {
        await ownProposal(tx, who, id);
        return actOnProposal(tx, id, input, who.actor);
      });
      broadcast(proposal);
      res.json(proposal);
    });
  }
  return router;
}

// the selection's evaluation; anything short of viable is a 400 naming every broken rule
async function checkSelection(
  tx: Queryable,
  compoundIds: number[],
  options: Parameters<typeof resolveOptions>[0],
): Promise<CheckedSelection> {
  const opts = resolveOptions(options);
  const graph = await findSelectionGraph(tx, compoundIds, opts.neighbourDistanceM);
  const evaluation = evaluateBundle(compoundIds, graph, opts);
  if (!evaluation.viable || evaluation.unitCode === null) {
    throw badRequest('compoundIds', evaluation.violations.map((v) => v.message).join('; '));
  }
  return {
    evaluation: { ...evaluation, unitCode: evaluation.unitCode },
    streetCode: graph.compounds[0]!.streetCode,
    options: opts,
  };
}

async function ownProposal(tx: Queryable, who: PlanningPrincipal, id: number): Promise<void> {
  const p = await findProposal(tx, id);
  if (!p) throw notFound(`Unknown proposal id: ${id}`);
  ownStreet(who, p.streetCode);
}

// a contract takes effect on a day between the baseline survey and today (default today)
function checkContractDate(
  date: string | undefined,
  opts: { baselineDate: string; now: () => Date },
): string {
  const today = opts.now().toISOString().slice(0, 10);
  const day = date ?? today;
  if (day < opts.baselineDate || day > today) {
    throw badRequest(
      'contractedOn',
      `contractedOn: ${day} is outside [${opts.baselineDate}, ${today}] (the baseline date to today)`,
    );
  }
  return day;
}
