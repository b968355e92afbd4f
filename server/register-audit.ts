import type { Queryable } from './db.ts';

// The audit of the registers' writes (compound_audit, station_audit, enterprise_audit): who, when, before → after, why.

const AUDIT_TABLES = {
  compound: { table: 'compound_audit', key: 'compound_id' },
  station: { table: 'station_audit', key: 'station_id' },
  enterprise: { table: 'enterprise_audit', key: 'enterprise_id' },
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
  register: keyof typeof AUDIT_TABLES,
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
