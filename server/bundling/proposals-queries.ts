import type {
  BundleEvaluation,
  BundleProposal,
  BundleProposalDetail,
  BundlingOptions,
  ProposalAction,
  ProposalAuditEntry,
  ProposalState,
  ProviderInput,
} from '../../common/bundling.ts';
import type { Queryable } from '../db.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { isOpenProposal, proposalTransition } from './proposal-workflow.ts';

const PROPOSAL_COLUMNS = `
  p.id, p.name, p.state, p.unit_code AS "unitCode", p.street_code AS "streetCode",
  p.anchor_id AS "anchorId", p.households, p.unmanaged_households AS "unmanagedHouseholds",
  p.unmanaged_compounds AS "unmanagedCompounds", p.provider_mode AS "providerMode",
  p.enterprise_id AS "enterpriseId", ent.name AS "enterpriseName",
  to_char(p.contracted_on, 'YYYY-MM-DD') AS "contractedOn", p.created_by AS "createdBy",
  p.created_at AS "createdAt", p.updated_at AS "updatedAt", p.version,
  ARRAY(SELECT pc.compound_id FROM bundle_proposal_compounds pc
        WHERE pc.proposal_id = p.id ORDER BY pc.compound_id) AS "compoundIds"`;
const PROPOSAL_FROM = 'bundle_proposals p LEFT JOIN enterprises ent ON ent.id = p.enterprise_id';

type ProposalRow = Omit<BundleProposal, 'provider' | 'createdAt' | 'updatedAt'> & {
  providerMode: 'professional' | 'street_company' | 'self_managed' | null;
  enterpriseId: number | null;
  enterpriseName: string | null;
  createdAt: Date;
  updatedAt: Date;
};

function toProposal(row: ProposalRow): BundleProposal {
  const { providerMode, enterpriseId, enterpriseName, ...rest } = row;
  return {
    ...rest,
    provider:
      providerMode === 'professional'
        ? { mode: 'professional', enterpriseId: enterpriseId!, enterpriseName: enterpriseName! }
        : providerMode
          ? { mode: providerMode }
          : null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Proposals, newest first, optionally of one street and/or state. */
export async function listProposals(
  db: Queryable,
  f: { streetCode?: string; state?: ProposalState },
): Promise<BundleProposal[]> {
  const rows = await db.query<ProposalRow>(
    `SELECT ${PROPOSAL_COLUMNS} FROM ${PROPOSAL_FROM}
     WHERE ($1::text IS NULL OR p.street_code = $1) AND ($2::text IS NULL OR p.state = $2)
     ORDER BY p.id DESC`,
    [f.streetCode ?? null, f.state ?? null],
  );
  return rows.map(toProposal);
}

export async function findProposal(db: Queryable, id: number): Promise<BundleProposal | null> {
  const [row] = await db.query<ProposalRow>(
    `SELECT ${PROPOSAL_COLUMNS} FROM ${PROPOSAL_FROM} WHERE p.id = $1`,
    [id],
  );
  return row ? toProposal(row) : null;
}

/** A proposal with its audit trail, oldest entry first. */
export async function findProposalDetail(
  db: Queryable,
  id: number,
): Promise<BundleProposalDetail | null> {
  const proposal = await findProposal(db, id);
  if (!proposal) return null;
  const audit = await db.query<Omit<ProposalAuditEntry, 'at'> & { at: Date }>(
    `SELECT at, actor, action, from_state AS "fromState", to_state AS "toState", note
     FROM bundle_proposal_audit WHERE proposal_id = $1 ORDER BY id`,
    [id],
  );
  return { ...proposal, audit: audit.map((a) => ({ ...a, at: a.at.toISOString() })) };
}

/** A viable evaluation of the selection, as the routes checked it; its street comes along. */
export type CheckedSelection = {
  evaluation: BundleEvaluation & { unitCode: string };
  streetCode: string;
  options: BundlingOptions;
};

/** Saves a checked selection as a draft proposal, in the caller's transaction. */
export async function createProposal(
  tx: Queryable,
  input: { name: string; selection: CheckedSelection; note?: string },
  actor: string,
): Promise<BundleProposal> {
  const { evaluation: e, streetCode, options } = input.selection;
  const [{ id }] = (await tx.query<{ id: number }>(
    `INSERT INTO bundle_proposals (name, unit_code, street_code, anchor_id, households,
       unmanaged_households, unmanaged_compounds, options, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [
      input.name,
      e.unitCode,
      streetCode,
      e.anchorId,
      e.households,
      e.unmanagedHouseholds,
      e.unmanagedCompounds,
      JSON.stringify(options),
      actor,
    ],
  )) as [{ id: number }];
  await reserveCompounds(tx, id, e.compoundIds);
  await audit(tx, id, actor, 'create', null, 'draft', input.note, { compoundIds: e.compoundIds });
  return (await findProposal(tx, id))!;
}

/** Renames a draft and/or replaces its compounds with a new checked selection. */
export async function editProposal(
  tx: Queryable,
  id: number,
  input: { version: number; name?: string; selection?: CheckedSelection; note?: string },
  actor: string,
): Promise<BundleProposal> {
  const current = await lockProposal(tx, id, input.version, 'edit');
  const s = input.selection;
  await tx.query(
    `UPDATE bundle_proposals SET name = coalesce($2, name), version = version + 1, updated_at = now(),
       unit_code = coalesce($3, unit_code), street_code = coalesce($4, street_code),
       anchor_id = CASE WHEN $9 THEN $5 ELSE anchor_id END,
       households = coalesce($6, households), unmanaged_households = coalesce($7, unmanaged_households),
       unmanaged_compounds = coalesce($8, unmanaged_compounds),
       options = coalesce($10::jsonb, options)
     WHERE id = $1`,
    [
      id,
      input.name ?? null,
      s?.evaluation.unitCode ?? null,
      s?.streetCode ?? null,
      s?.evaluation.anchorId ?? null,
      s?.evaluation.households ?? null,
      s?.evaluation.unmanagedHouseholds ?? null,
      s?.evaluation.unmanagedCompounds ?? null,
      s !== undefined,
      s ? JSON.stringify(s.options) : null,
    ],
  );
  if (s) {
    await tx.query('DELETE FROM bundle_proposal_compounds WHERE proposal_id = $1', [id]);
    await reserveCompounds(tx, id, s.evaluation.compoundIds);
  }
  await audit(tx, id, actor, 'edit', current.state, current.state, input.note, {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(s ? { compoundIds: s.evaluation.compoundIds } : {}),
  });
  return (await findProposal(tx, id))!;
}

export type ProposalActionInput =
  | { action: 'approve' | 'withdraw'; version: number; note?: string }
  | { action: 'assign'; version: number; provider: ProviderInput; note?: string }
  | { action: 'contract'; version: number; contractedOn: string; note?: string };

/**
 * Approves, assigns a provider, contracts or withdraws, with its audit record, in the caller's
 * transaction. Contracting gives the bundle's unmanaged compounds the provider's coverage mode and
 * writes their coverage history (naming the proposal), so coverage progress moves with it.
 */
export async function actOnProposal(
  tx: Queryable,
  id: number,
  input: ProposalActionInput,
  actor: string,
): Promise<BundleProposal> {
  const current = await lockProposal(tx, id, input.version, input.action);
  const to = (proposalTransition(current.state, input.action) as { to: ProposalState }).to;
  let details: Record<string, unknown> | undefined;
  if (input.action === 'assign') {
    const enterpriseId =
      input.provider.mode === 'professional' ? input.provider.enterpriseId : null;
    if (enterpriseId !== null) {
      const [known] = await tx.query('SELECT 1 FROM enterprises WHERE id = $1', [enterpriseId]);
      if (!known)
        throw badRequest('provider.enterpriseId', `Unknown enterprise id: ${enterpriseId}`);
    }
    await tx.query(
      'UPDATE bundle_proposals SET provider_mode = $2, enterprise_id = $3 WHERE id = $1',
      [id, input.provider.mode, enterpriseId],
    );
    details = { provider: input.provider };
  } else if (input.action === 'contract') {
    if (!current.provider) {
      throw new AppError(409, 'conflict', 'Assign a provider before contracting', 'provider');
    }
    details = {
      contractedOn: input.contractedOn,
      ...(await contractCompounds(tx, current, input)),
    };
  }
  await tx.query(
    `UPDATE bundle_proposals SET state = $2, version = version + 1, updated_at = now(),
       contracted_on = CASE WHEN $2 = 'contracted' THEN $3::date ELSE contracted_on END
     WHERE id = $1`,
    [id, to, input.action === 'contract' ? input.contractedOn : null],
  );
  if (!isOpenProposal(to)) {
    await tx.query('UPDATE bundle_proposal_compounds SET open = false WHERE proposal_id = $1', [
      id,
    ]);
  }
  await audit(tx, id, actor, input.action, current.state, to, input.note, details);
  return (await findProposal(tx, id))!;
}

// the bundle's compounds other than the anchor get the provider's mode; each must still be
// unmanaged, else the proposal no longer says what it did when approved
async function contractCompounds(
  tx: Queryable,
  p: BundleProposal,
  input: { contractedOn: string },
): Promise<{ covered: number[] }> {
  const members = p.compoundIds.filter((c) => c !== p.anchorId);
  const rows = await tx.query<{ id: number; mode: string; name: string }>(
    `SELECT id, coverage_mode AS mode, name FROM compounds WHERE id = ANY($1)
     ORDER BY id FOR UPDATE`,
    [members],
  );
  const served = rows.filter((r) => r.mode !== 'none');
  if (served.length) {
    throw new AppError(
      409,
      'conflict',
      `Compound ${served[0]!.id} (${served[0]!.name}) already has property service (${served[0]!.mode}); withdraw this proposal and bundle again`,
      'compoundIds',
    );
  }
  const provider = p.provider!;
  const enterpriseId = provider.mode === 'professional' ? provider.enterpriseId : null;
  await tx.query(
    `INSERT INTO coverage_history (compound_id, mode_before, mode_after, changed_on, proposal_id)
     SELECT id, 'none', $2, $3::date, $4 FROM compounds WHERE id = ANY($1) ORDER BY id`,
    [members, provider.mode, input.contractedOn, p.id],
  );
  await tx.query(
    `UPDATE compounds SET coverage_mode = $2, enterprise_id = $3, version = version + 1, updated_at = now()
     WHERE id = ANY($1)`,
    [members, provider.mode, enterpriseId],
  );
  return { covered: members };
}

// the proposal, locked, at the version the caller saw, in a state that allows the action
async function lockProposal(
  tx: Queryable,
  id: number,
  version: number,
  action: Exclude<ProposalAction, 'create'>,
): Promise<BundleProposal> {
  const [row] = await tx.query<{ version: number }>(
    'SELECT version FROM bundle_proposals WHERE id = $1 FOR UPDATE',
    [id],
  );
  if (!row) throw notFound(`Unknown proposal id: ${id}`);
  if (row.version !== version) {
    throw new AppError(
      409,
      'conflict',
      `Proposal ${id} changed meanwhile: version ${version} is stale (now ${row.version}); reload it`,
      'version',
    );
  }
  const proposal = (await findProposal(tx, id))!;
  const t = proposalTransition(proposal.state, action);
  if (!t.ok) throw new AppError(409, 'conflict', t.reason, 'action');
  return proposal;
}

// a compound may sit in one open proposal only: name the one that holds it
async function reserveCompounds(tx: Queryable, id: number, compoundIds: number[]): Promise<void> {
  const [taken] = await tx.query<{ compoundId: number; proposalId: number; name: string }>(
    `SELECT pc.compound_id AS "compoundId", p.id AS "proposalId", p.name
     FROM bundle_proposal_compounds pc JOIN bundle_proposals p ON p.id = pc.proposal_id
     WHERE pc.open AND pc.compound_id = ANY($1) AND pc.proposal_id <> $2
     ORDER BY pc.compound_id LIMIT 1`,
    [compoundIds, id],
  );
  if (taken) {
    throw new AppError(
      409,
      'conflict',
      `Compound ${taken.compoundId} is already in open proposal ${taken.proposalId} (${taken.name})`,
      'compoundIds',
    );
  }
  // a concurrent reservation between the check and here trips the unique index: the transaction
  // rolls back and the caller gets a 409 (errors.ts), never a compound in two open proposals
  await tx.query(
    `INSERT INTO bundle_proposal_compounds (proposal_id, compound_id)
     SELECT $1, unnest($2::int[])`,
    [id, compoundIds],
  );
}

async function audit(
  tx: Queryable,
  id: number,
  actor: string,
  action: ProposalAction,
  from: ProposalState | null,
  to: ProposalState,
  note: string | undefined,
  details: Record<string, unknown> | undefined,
): Promise<void> {
  await tx.query(
    `INSERT INTO bundle_proposal_audit (proposal_id, actor, action, from_state, to_state, note, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, actor, action, from, to, note ?? null, details ? JSON.stringify(details) : null],
  );
}
