import type { Scope } from '../../common/auth.ts';
import {
  COMMITTEE_COMPLIANCES,
  type CommitteeCompliance,
  type CommitteeFile,
  type CommitteeList,
  type CommitteeState,
  type CommitteeSummary,
  type DueDuty,
} from '../../common/committees.ts';
import { forbidden } from '../auth/auth-routes.ts';
import { inScope } from '../auth/principal.ts';
import type { Queryable } from '../db.ts';
import { notFound } from '../errors.ts';
import {
  checkCommittee,
  complianceOf,
  owedDuties,
  termAlert,
  type CommitteeOptions,
  type DoneDuty,
} from './committee-rules.ts';
import {
  findCommittees,
  findDoneDuties,
  findHistory,
  findMembers,
  type CommitteeFilter,
  type CommitteeRow,
} from './committees-queries.ts';
import { orderDuties, supervisionFile, type SupervisionRow } from './committee-supervision.ts';
import { findGroupMembers, findSupervision } from './committee-supervision-queries.ts';

// The committee reads as the API answers them: rows from the queries, judged by the pure rules
// on the district's day.

const ALL: Scope = { district: true, streets: [], communities: [], grids: [] };
const sitting = (state: CommitteeState) => state === 'elected' || state === 'temporary';

/** What the queries read of one committee's duties and records. */
type Records = { done: DoneDuty[]; supervision: SupervisionRow[] };

/**
 * The duties a committee owes today: the disclosures and evaluation while it sits, and every open
 * order to correct whatever its state (an order outlives the term it was given in).
 */
function dutiesOf(row: CommitteeRow, r: Records, today: string, o: CommitteeOptions) {
  const owed = sitting(row.state)
    ? owedDuties(row.termStart ?? row.electedOn ?? today, r.done, today, o)
    : [];
  return [...owed, ...orderDuties(supervisionFile(r.supervision, today).orders, today)];
}

async function findRecords(db: Queryable, ids: number[]): Promise<(id: number) => Records> {
  const done = await findDoneDuties(db, ids);
  const supervision = await findSupervision(db, ids);
  return (id) => ({ done: done.get(id) ?? [], supervision: supervision.get(id) ?? [] });
}

/** One committee as the list shows it: state, counts, verdict, term alert, late duties, checks. */
export function summariseCommittee(
  row: CommitteeRow,
  records: Records,
  today: string,
  o: CommitteeOptions,
): CommitteeSummary {
  const { gridCode: _grid, approvedOn: _approved, electedOn: _elected, ...rest } = row;
  const duties = dutiesOf(row, records, today, o);
  return {
    ...rest,
    compliance: complianceOf(row, o),
    termAlert: sitting(row.state) ? termAlert(row.termEnd, today, o) : null,
    lateDuties: duties.filter((d) => d.status === 'late' || d.status === 'missing').length,
    checks: checkCommittee(row, today, o),
  };
}

/** GET /api/committees: the committees in scope and filter, with totals by compliance. */
export async function listCommittees(
  db: Queryable,
  scope: Scope,
  q: Omit<CommitteeFilter, 'scope'> & { state?: CommitteeState; compliance?: CommitteeCompliance },
  today: string,
  o: CommitteeOptions,
): Promise<CommitteeList> {
  const rows = await findCommittees(db, { scope, ...q });
  const records = await findRecords(
    db,
    rows.map((r) => r.compoundId),
  );
  const committees = rows
    .map((r) => summariseCommittee(r, records(r.compoundId), today, o))
    .filter(
      (c) => (!q.state || c.state === q.state) && (!q.compliance || c.compliance === q.compliance),
    );
  const totals = Object.fromEntries(COMMITTEE_COMPLIANCES.map((k) => [k, 0])) as Record<
    CommitteeCompliance,
    number
  >;
  for (const c of committees) totals[c.compliance] += 1;
  return { committees, totals };
}

/**
 * GET /api/committees/due: duties late, missing, or due by the end of this month, open orders to
 * correct among them; soonest first.
 */
export async function findDueDuties(
  db: Queryable,
  scope: Scope,
  today: string,
  o: CommitteeOptions,
): Promise<DueDuty[]> {
  const rows = (await findCommittees(db, { scope })).filter((r) => r.state !== 'none');
  const records = await findRecords(
    db,
    rows.map((r) => r.compoundId),
  );
  const monthEnd = endOfMonth(today);
  const due = rows.flatMap((r) =>
    dutiesOf(r, records(r.compoundId), today, o)
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
  return due.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.compoundId - b.compoundId);
}

/** GET /api/committees/{compoundId}: the file; 404 unknown, 403 outside the reader's area. */
export async function readCommitteeFile(
  db: Queryable,
  reader: { scope: Scope },
  compoundId: number,
  today: string,
  o: CommitteeOptions,
): Promise<CommitteeFile> {
  const [row] = await findCommittees(db, { scope: ALL, compoundId });
  if (!row) throw notFound(`Unknown compound id: ${compoundId}`);
  if (!inScope(reader.scope, row)) throw forbidden(`Compound ${compoundId} is outside your area`);
  const records = (await findRecords(db, [compoundId]))(compoundId);
  return {
    ...summariseCommittee(row, records, today, o),
    members: await findMembers(db, compoundId),
    electedOn: row.electedOn,
    approvedOn: row.approvedOn,
    duties: dutiesOf(row, records, today, o),
    ...supervisionFile(records.supervision, today),
    supervisionGroup: await findGroupMembers(db, compoundId),
    history: await findHistory(db, compoundId),
  };
}

function endOfMonth(date: string): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
