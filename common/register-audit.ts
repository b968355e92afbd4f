// The audit trail of a register's record (compound, station, user) as the API answers it:
// who changed what, when, before → after, and why. Never a password or its hash.

export const REGISTER_AUDIT_ACTIONS = ['create', 'edit', 'mode', 'retire', 'password'] as const;
export type RegisterAuditAction = (typeof REGISTER_AUDIT_ACTIONS)[number];

/** GET /api/{compounds|stations|users}/{id}/history → RegisterAuditEntry[], oldest first. */
export type RegisterAuditEntry = {
  at: string;
  actor: string;
  action: RegisterAuditAction;
  /** null for a creation */
  before: Record<string, unknown> | null;
  after: Record<string, unknown>;
  /** the reason given (users' changes carry none) */
  reason: string | null;
};
