import type {
  CreditRecord,
  EnterpriseRecord,
  Interview,
  ProjectManager,
  Satisfaction,
  ServedCompound,
} from '../../common/enterprises.ts';
import type { Queryable } from '../db.ts';
import { auditRegisterChange, type RegisterChange } from '../register-audit.ts';

// Reads and writes of the enterprise register and its file. Every write bumps the enterprise's
// version and leaves an audit row (enterprise_audit), in the caller's transaction.

const ENTERPRISE_COLUMNS = `id, name, credit_code AS "creditCode", founded, address,
  party_org AS "partyOrg", charter_party_clause AS "charterPartyClause", version`;

export type EnterpriseFields = Omit<EnterpriseRecord, 'id' | 'version'>;

/** Every enterprise of the register, by id. */
export async function findEnterprises(db: Queryable): Promise<EnterpriseRecord[]> {
  return db.query<EnterpriseRecord>(`SELECT ${ENTERPRISE_COLUMNS} FROM enterprises ORDER BY id`);
}

/** One enterprise, or null. */
export async function findEnterprise(db: Queryable, id: number): Promise<EnterpriseRecord | null> {
  const [row] = await db.query<EnterpriseRecord>(
    `SELECT ${ENTERPRISE_COLUMNS} FROM enterprises WHERE id = $1`,
    [id],
  );
  return row ?? null;
}

/** One enterprise locked for a write to its file, or null. */
export async function lockEnterprise(tx: Queryable, id: number): Promise<EnterpriseRecord | null> {
  const [row] = await tx.query<EnterpriseRecord>(
    `SELECT ${ENTERPRISE_COLUMNS} FROM enterprises WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

/** Whether another enterprise holds this name or credit code (its id), or null. */
export async function findClash(
  db: Queryable,
  f: Pick<EnterpriseFields, 'name' | 'creditCode'>,
  except: number | null,
): Promise<{ id: number; field: 'name' | 'creditCode' } | null> {
  const [row] = await db.query<{ id: number; sameName: boolean }>(
    `SELECT id, name = $1 AS "sameName" FROM enterprises
     WHERE (name = $1 OR credit_code = $2) AND id IS DISTINCT FROM $3 LIMIT 1`,
    [f.name, f.creditCode, except],
  );
  return row ? { id: row.id, field: row.sameName ? 'name' : 'creditCode' } : null;
}

/** Registers an enterprise with its audit row; returns its id. */
export async function insertEnterprise(
  tx: Queryable,
  f: EnterpriseFields,
  actor: string,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    // the seed's enterprises keep their ids: start past them
    `INSERT INTO enterprises (id, name, credit_code, founded, address, party_org, charter_party_clause)
     VALUES ((SELECT coalesce(max(id), 0) + 1 FROM enterprises), $1, $2, $3, $4, $5, $6)
     RETURNING id`,
    [f.name, f.creditCode, f.founded, f.address, f.partyOrg, f.charterPartyClause],
  );
  await auditRegisterChange(tx, 'enterprise', {
    id: row!.id,
    action: 'create',
    actor,
    before: null,
    after: f,
    reason: null,
  });
  return row!.id;
}

/** Writes an enterprise's register fields, bumps its version, audits before → after. */
export async function updateEnterprise(
  tx: Queryable,
  before: EnterpriseRecord,
  next: EnterpriseFields,
  actor: string,
): Promise<void> {
  await tx.query(
    `UPDATE enterprises SET name = $2, credit_code = $3, founded = $4, address = $5, party_org = $6,
       charter_party_clause = $7, version = version + 1 WHERE id = $1`,
    [
      before.id,
      next.name,
      next.creditCode,
      next.founded,
      next.address,
      next.partyOrg,
      next.charterPartyClause,
    ],
  );
  const { id: _id, version: _v, ...was } = before;
  await auditRegisterChange(tx, 'enterprise', {
    id: before.id,
    action: 'edit',
    actor,
    before: was,
    after: next,
    reason: null,
  });
}

/** A write to the enterprise's file: bumps its version and audits what was added or changed. */
export async function touchEnterprise(
  tx: Queryable,
  c: Omit<RegisterChange, 'before'> & { before?: object | null },
): Promise<void> {
  await tx.query('UPDATE enterprises SET version = version + 1 WHERE id = $1', [c.id]);
  await auditRegisterChange(tx, 'enterprise', { ...c, before: c.before ?? null });
}

/** The enterprise's project managers, in id order. */
export async function findManagers(db: Queryable, enterpriseId: number): Promise<ProjectManager[]> {
  return db.query<ProjectManager>(
    `SELECT id, name, certificate, compound_ids AS "compoundIds" FROM project_managers
     WHERE enterprise_id = $1 ORDER BY id`,
    [enterpriseId],
  );
}

/** Adds a project manager; returns the id. */
export async function insertManager(
  tx: Queryable,
  enterpriseId: number,
  m: Omit<ProjectManager, 'id'>,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO project_managers (enterprise_id, name, certificate, compound_ids)
     VALUES ($1, $2, $3, $4) RETURNING id`,
    [enterpriseId, m.name, m.certificate, m.compoundIds],
  );
  return row!.id;
}

/** The compounds an enterprise serves (the live register), with their contracts. */
export async function findServedCompounds(
  db: Queryable,
  enterpriseId: number,
): Promise<ServedCompound[]> {
  return db.query<ServedCompound>(
    `SELECT c.id, c.name, c.street_code AS "streetCode", c.community_code AS "communityCode",
            c.households,
            CASE WHEN k.compound_id IS NULL THEN NULL ELSE json_build_object(
              'startsOn', to_char(k.starts_on, 'YYYY-MM-DD'),
              'endsOn', to_char(k.ends_on, 'YYYY-MM-DD')) END AS contract
     FROM compounds c LEFT JOIN enterprise_contracts k
       ON k.compound_id = c.id AND k.enterprise_id = c.enterprise_id
     WHERE c.enterprise_id = $1 ORDER BY c.id`,
    [enterpriseId],
  );
}

/** Registers (or replaces) the contract of a compound the enterprise serves. */
export async function upsertContract(
  tx: Queryable,
  c: { enterpriseId: number; compoundId: number; startsOn: string; endsOn: string },
): Promise<void> {
  await tx.query(
    `INSERT INTO enterprise_contracts (compound_id, enterprise_id, starts_on, ends_on)
     VALUES ($1, $2, $3, $4)
     ON CONFLICT (compound_id) DO UPDATE
       SET enterprise_id = $2, starts_on = $3, ends_on = $4`,
    [c.compoundId, c.enterpriseId, c.startsOn, c.endsOn],
  );
}

const RECORD_COLUMNS = `id, enterprise_id AS "enterpriseId", kind,
  to_char(on_date, 'YYYY-MM-DD') AS "onDate", compound_id AS "compoundId",
  manager_id AS "managerId", details, recorded_by AS "recordedBy"`;

/** The credit records of some enterprises (null: all), oldest first. */
export async function findRecords(
  db: Queryable,
  enterpriseIds: number[] | null,
): Promise<(CreditRecord & { enterpriseId: number })[]> {
  return db.query(
    `SELECT ${RECORD_COLUMNS} FROM enterprise_records
     WHERE $1::int[] IS NULL OR enterprise_id = ANY($1::int[]) ORDER BY on_date, id`,
    [enterpriseIds],
  );
}

/** Adds a credit record; returns its id. */
export async function insertRecord(
  tx: Queryable,
  enterpriseId: number,
  r: Omit<CreditRecord, 'id'>,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO enterprise_records (enterprise_id, kind, on_date, compound_id, manager_id, details, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      enterpriseId,
      r.kind,
      r.onDate,
      r.compoundId,
      r.managerId,
      JSON.stringify(r.details),
      r.recordedBy,
    ],
  );
  return row!.id;
}

const INTERVIEW_COLUMNS = `id, enterprise_id AS "enterpriseId", reason, subject,
  to_char(opened_on, 'YYYY-MM-DD') AS "openedOn", to_char(deadline, 'YYYY-MM-DD') AS deadline,
  answer, to_char(answered_on, 'YYYY-MM-DD') AS "answeredOn", outcome,
  to_char(closed_on, 'YYYY-MM-DD') AS "closedOn"`;

/** The interviews of some enterprises (null: all), in id order. */
export async function findInterviews(
  db: Queryable,
  enterpriseIds: number[] | null,
): Promise<(Interview & { enterpriseId: number })[]> {
  return db.query(
    `SELECT ${INTERVIEW_COLUMNS} FROM enterprise_interviews
     WHERE $1::int[] IS NULL OR enterprise_id = ANY($1::int[]) ORDER BY id`,
    [enterpriseIds],
  );
}

/** One interview of an enterprise, locked, or null. */
export async function lockInterview(
  tx: Queryable,
  enterpriseId: number,
  id: number,
): Promise<Interview | null> {
  const [row] = await tx.query<Interview>(
    `SELECT ${INTERVIEW_COLUMNS} FROM enterprise_interviews
     WHERE id = $1 AND enterprise_id = $2 FOR UPDATE`,
    [id, enterpriseId],
  );
  return row ?? null;
}

/** Opens an interview; returns its id. */
export async function insertInterview(
  tx: Queryable,
  enterpriseId: number,
  i: Pick<Interview, 'reason' | 'subject' | 'openedOn' | 'deadline'>,
  actor: string,
): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO enterprise_interviews (enterprise_id, reason, subject, opened_on, deadline, opened_by)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [enterpriseId, i.reason, i.subject, i.openedOn, i.deadline, actor],
  );
  return row!.id;
}

/** Writes the enterprise's answer to an interview. */
export async function answerInterview(
  tx: Queryable,
  id: number,
  answer: string,
  answeredOn: string,
): Promise<void> {
  await tx.query('UPDATE enterprise_interviews SET answer = $2, answered_on = $3 WHERE id = $1', [
    id,
    answer,
    answeredOn,
  ]);
}

/** Closes an interview with its follow-up outcome. */
export async function closeInterview(
  tx: Queryable,
  id: number,
  outcome: string,
  closedOn: string,
): Promise<void> {
  await tx.query('UPDATE enterprise_interviews SET outcome = $2, closed_on = $3 WHERE id = $1', [
    id,
    outcome,
    closedOn,
  ]);
}

/**
 * Residents' feedback on resolved events in the enterprises' compounds over [from, to): closed
 * (satisfied) and reopened (not), per enterprise and compound.
 */
export async function findSatisfaction(
  db: Queryable,
  enterpriseIds: number[] | null,
  from: Date,
  to: Date,
): Promise<({ enterpriseId: number; compoundId: number } & Satisfaction)[]> {
  return db.query(
    `SELECT c.enterprise_id AS "enterpriseId", e.compound_id AS "compoundId",
            count(*) FILTER (WHERE a.action = 'close')::int AS satisfied,
            count(*) FILTER (WHERE a.action = 'reopen')::int AS unsatisfied
     FROM event_audit a JOIN events e ON e.id = a.event_id
     JOIN compounds c ON c.id = e.compound_id
     WHERE a.action IN ('close', 'reopen') AND a.at >= $2::timestamptz AND a.at < $3::timestamptz
       AND c.enterprise_id IS NOT NULL AND ($1::int[] IS NULL OR c.enterprise_id = ANY($1::int[]))
     GROUP BY 1, 2 ORDER BY 1, 2`,
    [enterpriseIds, from.toISOString(), to.toISOString()],
  );
}

/** The newest events in an enterprise's compounds: no reporter, no description. */
export async function findCompoundEvents(db: Queryable, enterpriseId: number, limit = 20) {
  return db.query<{
    id: number;
    compoundId: number;
    category: string;
    state: string;
    reportedAt: string;
  }>(
    `SELECT e.id::int AS id, e.compound_id AS "compoundId", e.category, e.state,
            e.reported_at AS "reportedAt"
     FROM events e JOIN compounds c ON c.id = e.compound_id
     WHERE c.enterprise_id = $1 ORDER BY e.reported_at DESC, e.id DESC LIMIT $2`,
    [enterpriseId, limit],
  );
}

/** Compound counts and households per enterprise (the live register). */
export async function findServedCounts(
  db: Queryable,
): Promise<Map<number, { compounds: number; households: number }>> {
  const rows = await db.query<{ id: number; compounds: number; households: number }>(
    `SELECT enterprise_id AS id, count(*)::int AS compounds, sum(households)::int AS households
     FROM compounds WHERE enterprise_id IS NOT NULL GROUP BY enterprise_id`,
  );
  return new Map(rows.map((r) => [r.id, r]));
}
