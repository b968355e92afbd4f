import type { Scope } from '../../common/auth.ts';
import type {
  CommitteeChange,
  CommitteeMember,
  CommitteeState,
  DisclosureDetails,
  DutyKind,
  EvaluationDetails,
} from '../../common/committees.ts';
import type { Queryable } from '../db.ts';
import { complianceOf, type CommitteeOptions, type DoneDuty } from './committee-rules.ts';
import type { CommitteeRecord } from './committee-workflow.ts';

// Reads and writes of owners' committees. A compound without a committee row reads as state
// `none`; the first action on it creates the row.

export type CommitteeRow = CommitteeRecord & {
  compoundId: number;
  compoundName: string;
  streetCode: string;
  streetName: string;
  communityCode: string;
  communityName: string;
  gridCode: string;
  version: number;
};

export type CommitteeFilter = {
  scope: Scope;
  streetCode?: string;
  communityCode?: string;
  compoundId?: number;
};

const SELECT_COMMITTEE = `
  SELECT c.id AS "compoundId", c.name AS "compoundName", s.code AS "streetCode",
         s.name AS "streetName", m.code AS "communityCode", m.name AS "communityName",
         c.grid_code AS "gridCode",
         coalesce(oc.status, 'none') AS state, coalesce(oc.version, 0) AS version,
         json_build_object('members', coalesce(oc.members, 0),
                           'ownerMembers', coalesce(oc.owner_members, 0),
                           'partyMembers', coalesce(oc.party_members, 0)) AS counts,
         coalesce(oc.party_group, false) AS "partyGroup",
         to_char(coalesce(oc.elected_on, oc.term_start), 'YYYY-MM-DD') AS "electedOn",
         to_char(oc.approved_on, 'YYYY-MM-DD') AS "approvedOn",
         to_char(oc.term_start, 'YYYY-MM-DD') AS "termStart",
         to_char(oc.term_end, 'YYYY-MM-DD') AS "termEnd"
  FROM compounds c
  JOIN streets s ON s.code = c.street_code
  JOIN communities m ON m.code = c.community_code
  LEFT JOIN owners_committees oc ON oc.compound_id = c.id`;

const IN_SCOPE = `($1::boolean OR c.street_code = ANY($2::text[])
                  OR c.community_code = ANY($3::text[]) OR c.grid_code = ANY($4::text[]))`;

const scopeParams = (s: Scope) => [s.district, s.streets, s.communities, s.grids];

/** The committees of the compounds in scope (and filter), by street, community and compound. */
export async function findCommittees(db: Queryable, f: CommitteeFilter): Promise<CommitteeRow[]> {
  return db.query<CommitteeRow>(
    `${SELECT_COMMITTEE}
     WHERE ${IN_SCOPE} AND ($5::text IS NULL OR c.street_code = $5)
       AND ($6::text IS NULL OR c.community_code = $6) AND ($7::int IS NULL OR c.id = $7)
     ORDER BY c.street_code, c.community_code, c.id`,
    [...scopeParams(f.scope), f.streetCode ?? null, f.communityCode ?? null, f.compoundId ?? null],
  );
}

/** The duties done by the committees of the given compounds. */
export async function findDoneDuties(
  db: Queryable,
  compoundIds: number[],
): Promise<Map<number, DoneDuty[]>> {
  const rows = await db.query<DoneDuty & { compoundId: number }>(
    `SELECT compound_id AS "compoundId", kind, period, to_char(done_on, 'YYYY-MM-DD') AS "doneOn",
            details
     FROM committee_duties WHERE compound_id = ANY($1::int[]) ORDER BY compound_id, kind, period`,
    [compoundIds],
  );
  const byCompound = new Map<number, DoneDuty[]>();
  for (const { compoundId, ...duty } of rows) {
    byCompound.set(compoundId, [...(byCompound.get(compoundId) ?? []), duty]);
  }
  return byCompound;
}

/** A committee's named members, in their recorded order. */
export async function findMembers(db: Queryable, compoundId: number): Promise<CommitteeMember[]> {
  return db.query<CommitteeMember>(
    `SELECT name, role, owner, party_member AS "partyMember", organisation
     FROM committee_members WHERE compound_id = $1 ORDER BY position`,
    [compoundId],
  );
}

/** A committee's changes, oldest first. */
export async function findHistory(db: Queryable, compoundId: number): Promise<CommitteeChange[]> {
  return db.query<CommitteeChange>(
    `SELECT action, actor, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at,
            state_before AS "stateBefore", state_after AS "stateAfter", note
     FROM committee_audit WHERE compound_id = $1 ORDER BY id`,
    [compoundId],
  );
}

/**
 * Locks a compound's committee row for a change, creating a `none` row first if there is none.
 * @returns the row, or null if the compound does not exist
 */
export async function lockCommittee(
  tx: Queryable,
  compoundId: number,
): Promise<CommitteeRow | null> {
  await tx.query(
    `INSERT INTO owners_committees (compound_id, status, members, owner_members, party_members, compliance)
     SELECT id, 'none', 0, 0, 0, 'not_formed' FROM compounds WHERE id = $1
     ON CONFLICT (compound_id) DO NOTHING`,
    [compoundId],
  );
  const [row] = await tx.query<CommitteeRow>(
    // the row exists now, so an inner join: FOR UPDATE cannot lock the nullable side of an outer one
    `${SELECT_COMMITTEE.replace('LEFT JOIN owners_committees', 'JOIN owners_committees')}
     WHERE c.id = $1 FOR UPDATE OF oc`,
    [compoundId],
  );
  return row ?? null;
}

export type CommitteeWrite = {
  compoundId: number;
  before: CommitteeRow;
  next: CommitteeRecord;
  /** the new member list, or null to keep the old one */
  members: CommitteeMember[] | null;
  action: string;
  actor: string;
  note: string | null;
};

/** Writes a committee's new state, its members and the audit row; bumps the version. */
export async function writeCommittee(
  tx: Queryable,
  w: CommitteeWrite,
  o: CommitteeOptions,
): Promise<void> {
  const n = w.next;
  await tx.query(
    `UPDATE owners_committees
     SET status = $2, members = $3, owner_members = $4, party_members = $5, party_group = $6,
         elected_on = $7, approved_on = $8, term_start = $9, term_end = $10, compliance = $11,
         version = version + 1, updated_at = now()
     WHERE compound_id = $1`,
    [
      w.compoundId,
      n.state,
      n.counts.members,
      n.counts.ownerMembers,
      n.counts.partyMembers,
      n.partyGroup,
      n.electedOn,
      n.approvedOn,
      n.termStart,
      n.termEnd,
      complianceOf(n, o),
    ],
  );
  if (w.members !== null) {
    await tx.query('DELETE FROM committee_members WHERE compound_id = $1', [w.compoundId]);
    await tx.query(
      `INSERT INTO committee_members (compound_id, position, name, role, owner, party_member, organisation)
       SELECT $1, e.ord - 1, e.m->>'name', e.m->>'role', (e.m->>'owner')::boolean,
              (e.m->>'partyMember')::boolean, e.m->>'organisation'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS e(m, ord)`,
      [w.compoundId, JSON.stringify(w.members)],
    );
  }
  await audit(tx, w.compoundId, w.action, w.actor, w.before, n, w.note);
}

/** Records a duty done (a quarter's disclosure, a year's evaluation) with its audit row. */
export async function recordDuty(
  tx: Queryable,
  d: {
    committee: CommitteeRow;
    kind: DutyKind;
    period: string;
    doneOn: string;
    details: DisclosureDetails | EvaluationDetails;
    actor: string;
  },
): Promise<boolean> {
  const inserted = await tx.query(
    `INSERT INTO committee_duties (compound_id, kind, period, done_on, details, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING 1`,
    [d.committee.compoundId, d.kind, d.period, d.doneOn, JSON.stringify(d.details), d.actor],
  );
  if (inserted.length === 0) return false;
  await recordChange(tx, d.committee, d.kind, d.actor, `${d.period} done ${d.doneOn}`);
  return true;
}

/** A record that leaves the committee's state as it is: bumps the version, writes the audit row. */
export async function recordChange(
  tx: Queryable,
  committee: CommitteeRow,
  action: string,
  actor: string,
  note: string,
): Promise<void> {
  await tx.query('UPDATE owners_committees SET version = version + 1 WHERE compound_id = $1', [
    committee.compoundId,
  ]);
  await audit(tx, committee.compoundId, action, actor, committee, committee, note);
}

async function audit(
  tx: Queryable,
  compoundId: number,
  action: string,
  actor: string,
  before: CommitteeRecord,
  after: CommitteeRecord,
  note: string | null,
): Promise<void> {
  await tx.query(
    `INSERT INTO committee_audit (compound_id, action, actor, state_before, state_after, before, after, note)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [
      compoundId,
      action,
      actor,
      before.state,
      after.state,
      JSON.stringify(recordOf(before)),
      JSON.stringify(recordOf(after)),
      note,
    ],
  );
}

const recordOf = (r: CommitteeRecord): CommitteeRecord => ({
  state: r.state,
  counts: r.counts,
  partyGroup: r.partyGroup,
  electedOn: r.electedOn,
  approvedOn: r.approvedOn,
  termStart: r.termStart,
  termEnd: r.termEnd,
});

/**
 * Fills `compliance` where it is not yet computed (rows loaded from a seed or an import), with the
 * same rules every write uses. Returns how many rows it set.
 */
export async function fillCompliance(db: Queryable, o: CommitteeOptions): Promise<number> {
  const rows = await db.query<{
    compoundId: number;
    state: CommitteeState;
    members: number;
    ownerMembers: number;
    partyMembers: number;
    electedOn: string | null;
  }>(
    `SELECT compound_id AS "compoundId", status AS state, members, owner_members AS "ownerMembers",
            party_members AS "partyMembers",
            to_char(coalesce(elected_on, term_start), 'YYYY-MM-DD') AS "electedOn"
     FROM owners_committees WHERE compliance IS NULL`,
  );
  if (rows.length === 0) return 0;
  const verdicts = rows.map((r) => ({
    id: r.compoundId,
    compliance: complianceOf(
      {
        state: r.state,
        counts: { members: r.members, ownerMembers: r.ownerMembers, partyMembers: r.partyMembers },
        electedOn: r.electedOn,
      },
      o,
    ),
  }));
  await db.query(
    `UPDATE owners_committees oc SET compliance = v.compliance
     FROM jsonb_to_recordset($1::jsonb) AS v(id int, compliance text)
     WHERE oc.compound_id = v.id AND oc.compliance IS NULL`,
    [JSON.stringify(verdicts)],
  );
  return verdicts.length;
}
