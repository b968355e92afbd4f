import type { Queryable } from '../db.ts';
import type { SupervisionGroupMember } from '../../common/committees.ts';
import type { SupervisionRow } from './committee-supervision.ts';
import { recordChange, type CommitteeRow } from './committees-queries.ts';

// Reads and writes of committee_records: meetings, 业账社管 checks, violations, orders to correct.
// Every write bumps the committee's version and leaves an audit row, like recordDuty.

/** The supervision records of the given compounds' committees, by compound. */
export async function findSupervision(
  db: Queryable,
  compoundIds: number[],
): Promise<Map<number, SupervisionRow[]>> {
  const rows = await db.query<SupervisionRow>(
    `SELECT id, compound_id AS "compoundId", kind, to_char(on_date, 'YYYY-MM-DD') AS "onDate",
            details, to_char(deadline, 'YYYY-MM-DD') AS deadline, outcome,
            to_char(closed_on, 'YYYY-MM-DD') AS "closedOn"
     FROM committee_records WHERE compound_id = ANY($1::int[]) ORDER BY compound_id, id`,
    [compoundIds],
  );
  const byCompound = new Map<number, SupervisionRow[]>();
  for (const r of rows) byCompound.set(r.compoundId, [...(byCompound.get(r.compoundId) ?? []), r]);
  return byCompound;
}

/** Records one supervision record with its audit row; returns its id. */
export async function recordSupervision(
  tx: Queryable,
  r: {
    committee: CommitteeRow;
    kind: SupervisionRow['kind'];
    onDate: string;
    deadline?: string;
    details: Record<string, unknown>;
    actor: string;
    note: string;
  },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO committee_records (compound_id, kind, on_date, deadline, details, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      r.committee.compoundId,
      r.kind,
      r.onDate,
      r.deadline ?? null,
      JSON.stringify(r.details),
      r.actor,
    ],
  );
  await recordChange(tx, r.committee, r.kind, r.actor, `#${row!.id} ${r.note}`);
  return row!.id;
}

/** An open order of this committee, locked for closing; null if there is none by that id. */
export async function lockOrder(
  tx: Queryable,
  compoundId: number,
  orderId: number,
): Promise<{ id: number; orderedOn: string; closed: boolean; subject: string } | null> {
  const [row] = await tx.query<{ id: number; orderedOn: string; closed: boolean; subject: string }>(
    `SELECT id, to_char(on_date, 'YYYY-MM-DD') AS "orderedOn", outcome IS NOT NULL AS closed,
            details->>'subject' AS subject
     FROM committee_records WHERE id = $1 AND compound_id = $2 AND kind = 'order' FOR UPDATE`,
    [orderId, compoundId],
  );
  return row ?? null;
}

/** Closes an order with its outcome, with the audit row. */
export async function closeOrder(
  tx: Queryable,
  c: {
    committee: CommitteeRow;
    orderId: number;
    outcome: string;
    closedOn: string;
    actor: string;
  },
): Promise<void> {
  await tx.query(
    'UPDATE committee_records SET outcome = $2, closed_on = $3 WHERE id = $1 AND outcome IS NULL',
    [c.orderId, c.outcome, c.closedOn],
  );
  await recordChange(
    tx,
    c.committee,
    'order_closed',
    c.actor,
    `#${c.orderId} ${c.outcome} ${c.closedOn}`,
  );
}

/** The committee's 业账社管 supervision group, past members included, in the order they joined. */
export async function findGroupMembers(
  db: Queryable,
  compoundId: number,
): Promise<SupervisionGroupMember[]> {
  return db.query<SupervisionGroupMember>(
    `SELECT id, name, role, to_char(from_date, 'YYYY-MM-DD') AS "fromDate",
            to_char(to_date, 'YYYY-MM-DD') AS "toDate"
     FROM supervision_group_members WHERE compound_id = $1 ORDER BY id`,
    [compoundId],
  );
}

/** A member joins the supervision group, with the audit row. */
export async function insertGroupMember(
  tx: Queryable,
  m: { committee: CommitteeRow; name: string; role: string; fromDate: string; actor: string },
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO supervision_group_members (compound_id, name, role, from_date, recorded_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [m.committee.compoundId, m.name, m.role, m.fromDate, m.actor],
  );
  await recordChange(
    tx,
    m.committee,
    'group_member',
    m.actor,
    `#${row!.id} ${m.name} (${m.role}) from ${m.fromDate}`,
  );
  return row!.id;
}

/** A member of this committee's group, locked; null if there is none by that id. */
export async function lockGroupMember(
  tx: Queryable,
  compoundId: number,
  memberId: number,
): Promise<SupervisionGroupMember | null> {
  const [row] = await tx.query<SupervisionGroupMember>(
    `SELECT id, name, role, to_char(from_date, 'YYYY-MM-DD') AS "fromDate",
            to_char(to_date, 'YYYY-MM-DD') AS "toDate"
     FROM supervision_group_members WHERE id = $1 AND compound_id = $2 FOR UPDATE`,
    [memberId, compoundId],
  );
  return row ?? null;
}

/** Ends a membership on toDate, with the audit row. */
export async function endGroupMember(
  tx: Queryable,
  m: { committee: CommitteeRow; member: SupervisionGroupMember; toDate: string; actor: string },
): Promise<void> {
  await tx.query('UPDATE supervision_group_members SET to_date = $2 WHERE id = $1', [
    m.member.id,
    m.toDate,
  ]);
  await recordChange(
    tx,
    m.committee,
    'group_member_end',
    m.actor,
    `#${m.member.id} ${m.member.name} until ${m.toDate}`,
  );
}
