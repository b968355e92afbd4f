import type { RegisterAuditEntry } from '../common/register-audit.ts';
import type { Queryable } from './db.ts';

// The audit of the registers' writes (compound_audit, station_audit, enterprise_audit): who, when,
// before → after, why; and the read of a record's trail, users' (user_audit, no reason) included.

const AUDIT_TABLES = {
  compound: { table: 'compound_audit', key: 'compound_id', reason: 'reason' },
  station: { table: 'station_audit', key: 'station_id', reason: 'reason' },
  enterprise: { table: 'enterprise_audit', key: 'enterprise_id', reason: 'reason' },
  user: { table: 'user_audit', key: 'user_id', reason: 'NULL::text' },
} as const;

export type RegisterChange = {
  id: number;
  action:
    | 'create'
    | 'edit'
    | 'mode'
    | 'retire'
    // the enterprise file's writes (server/enterprises/)
    | 'manager'
    | 'contract'
    | 'record'
    | 'inspection'
    | 'interview'
    | 'answer'
    | 'close';
  actor: string;
  /** null for a creation */
  before: object | null;
  after: object;
  reason: string | null;
};

/** Writes one audit row of a register's change, in the caller's transaction. */
export async function auditRegisterChange(
  tx: Queryable,
  register: 'compound' | 'station' | 'enterprise',
  c: RegisterChange,
): Promise<void> {
  const { table, key } = AUDIT_TABLES[register];
  await tx.query(
    `INSERT INTO ${table} (${key}, action, actor, before, after, reason)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      c.id,
      c.action,
      c.actor,
      c.before && JSON.stringify(c.before),
      JSON.stringify(c.after),
      c.reason,
    ],
  );
}

/** A record's audit trail, oldest first. */
export async function listRegisterChanges(
  db: Queryable,
  register: keyof typeof AUDIT_TABLES,
  id: number,
): Promise<RegisterAuditEntry[]> {
  const { table, key, reason } = AUDIT_TABLES[register];
  return db.query<RegisterAuditEntry>(
    `SELECT to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at, actor, action,
            before, after, ${reason} AS reason
     FROM ${table} WHERE ${key} = $1 ORDER BY id`,
    [id],
  );
}
