import type { Role } from '../../common/auth.ts';
import type { UserRecord, UserScope } from '../../common/users.ts';
import type { Queryable } from '../db.ts';
import type { Places } from './user-rules.ts';

// Reads and writes of the users register; every write with its audit row (never a password hash).

const RECORD_COLUMNS = `id, username, display_name AS "displayName", role,
  jsonb_build_object('streets', scope_streets, 'communities', scope_communities,
                     'grids', scope_grids)
    || CASE WHEN scope_enterprise IS NULL THEN '{}'::jsonb
            ELSE jsonb_build_object('enterpriseId', scope_enterprise) END AS scope,
  active, version`;

/** Every user, by id (the route keeps those the caller may manage). */
export async function listUsers(db: Queryable): Promise<UserRecord[]> {
  return db.query<UserRecord>(`SELECT ${RECORD_COLUMNS} FROM users ORDER BY id`);
}

export async function findUserRecord(db: Queryable, id: number): Promise<UserRecord | null> {
  const [row] = await db.query<UserRecord>(`SELECT ${RECORD_COLUMNS} FROM users WHERE id = $1`, [
    id,
  ]);
  return row ?? null;
}

/** A user, locked for a change; null if there is none. */
export async function lockUser(tx: Queryable, id: number): Promise<UserRecord | null> {
  const [row] = await tx.query<UserRecord>(
    `SELECT ${RECORD_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`,
    [id],
  );
  return row ?? null;
}

/** Where the named streets, communities and grids lie; unknown codes are absent. */
export async function placesOf(db: Queryable, codes: UserScope): Promise<Places> {
  const streets = await db.query<{ code: string; name: string }>(
    'SELECT code, name FROM streets WHERE code = ANY($1::text[])',
    [codes.streets],
  );
  const communities = await db.query<{ code: string; street: string }>(
    'SELECT code, street_code AS street FROM communities WHERE code = ANY($1::text[])',
    [codes.communities],
  );
  const grids = await db.query<{ code: string; community: string; street: string }>(
    `SELECT g.code, g.community_code AS community, c.street_code AS street
     FROM grids g JOIN communities c ON c.code = g.community_code WHERE g.code = ANY($1::text[])`,
    [codes.grids],
  );
  return {
    streets: Object.fromEntries(streets.map((s) => [s.code, { name: s.name }])),
    communities: Object.fromEntries(communities.map((c) => [c.code, { street: c.street }])),
    grids: Object.fromEntries(
      grids.map((g) => [g.code, { community: g.community, street: g.street }]),
    ),
  };
}

export type NewUser = {
  username: string;
  displayName: string;
  role: Role;
  scope: UserScope;
  passwordHash: string;
};

/** Creates a user; null when the username is taken (nothing written). */
export async function insertUser(
  tx: Queryable,
  u: NewUser,
  actor: string,
): Promise<UserRecord | null> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO users (username, display_name, password_hash, role, scope_streets,
       scope_communities, scope_grids, scope_enterprise)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (username) DO NOTHING RETURNING id`,
    [
      u.username,
      u.displayName,
      u.passwordHash,
      u.role,
      u.scope.streets,
      u.scope.communities,
      u.scope.grids,
      u.scope.enterpriseId ?? null,
    ],
  );
  if (!row) return null;
  const created = (await findUserRecord(tx, row.id))!;
  await audit(tx, created.id, 'create', actor, null, created);
  return created;
}

/**
 * Writes a user's new name, role, scope and activity, bumps the version, audits before → after.
 * `endSessions` also bumps the session version: the user's tokens stop verifying.
 */
export async function updateUser(
  tx: Queryable,
  before: UserRecord,
  next: Pick<UserRecord, 'displayName' | 'role' | 'scope' | 'active'>,
  endSessions: boolean,
  actor: string,
): Promise<UserRecord> {
  await tx.query(
    `UPDATE users SET display_name = $2, role = $3, scope_streets = $4, scope_communities = $5,
       scope_grids = $6, active = $7, scope_enterprise = $9, version = version + 1,
       session_version = session_version + CASE WHEN $8::boolean THEN 1 ELSE 0 END
     WHERE id = $1`,
    [
      before.id,
      next.displayName,
      next.role,
      next.scope.streets,
      next.scope.communities,
      next.scope.grids,
      next.active,
      endSessions,
      next.scope.enterpriseId ?? null,
    ],
  );
  const after = (await findUserRecord(tx, before.id))!;
  await audit(tx, before.id, 'edit', actor, before, after);
  return after;
}

/** Sets a new password hash, bumps the version, ends the user's sessions; the audit says only that. */
export async function resetPassword(
  tx: Queryable,
  before: UserRecord,
  passwordHash: string,
  actor: string,
): Promise<UserRecord> {
  await tx.query(
    `UPDATE users SET password_hash = $2, version = version + 1,
       session_version = session_version + 1 WHERE id = $1`,
    [before.id, passwordHash],
  );
  const after = (await findUserRecord(tx, before.id))!;
  await audit(
    tx,
    before.id,
    'password',
    actor,
    { version: before.version },
    { version: after.version, passwordReset: true },
  );
  return after;
}

async function audit(
  tx: Queryable,
  userId: number,
  action: 'create' | 'edit' | 'password',
  actor: string,
  before: object | null,
  after: object,
): Promise<void> {
  await tx.query(
    `INSERT INTO user_audit (user_id, action, actor, before, after) VALUES ($1, $2, $3, $4, $5)`,
    [userId, action, actor, before && JSON.stringify(before), JSON.stringify(after)],
  );
}
