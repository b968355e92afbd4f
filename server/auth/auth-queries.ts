import crypto from 'node:crypto';
import type { Role } from '../../common/auth.ts';
import type { Queryable } from '../db.ts';
import { hashPassword } from './passwords.ts';
import { scopeFor, type Principal } from './principal.ts';

type UserRow = {
  id: number;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  scope_streets: string[];
  scope_communities: string[];
  scope_grids: string[];
  scope_enterprise: number | null;
  session_version: number;
  active: boolean;
};

export type StoredUser = Extract<Principal, { kind: 'user' }> & {
  passwordHash: string;
  /** tokens carry it; a logout bumps it, revoking every token issued before */
  sessionVersion: number;
  /** a deactivated user (the users register) cannot log in and has no session */
  active: boolean;
};

export async function findUser(
  db: Queryable,
  by: { username: string } | { id: number },
): Promise<StoredUser | null> {
  const [row] = await db.query<UserRow>(
    `SELECT * FROM users WHERE ${'id' in by ? 'id = $1' : 'username = $1'}`,
    ['id' in by ? by.id : by.username],
  );
  if (!row) return null;
  return {
    kind: 'user',
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    scope: scopeFor(
      row.role,
      {
        streets: row.scope_streets,
        communities: row.scope_communities,
        grids: row.scope_grids,
      },
      row.scope_enterprise,
    ),
    passwordHash: row.password_hash,
    sessionVersion: row.session_version,
    active: row.active,
  };
}

/** Ends every session of a user: tokens issued before no longer verify (see tokens.ts). */
export async function endSessions(db: Queryable, userId: number): Promise<void> {
  await db.query('UPDATE users SET session_version = session_version + 1 WHERE id = $1', [userId]);
}

/** The session-signing secret shared by every server process: created once, race-safe. */
export async function sharedSecret(db: Queryable, name: string): Promise<string> {
  await db.query(
    'INSERT INTO app_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [name, crypto.randomBytes(32).toString('base64url')],
  );
  const [row] = await db.query<{ value: string }>('SELECT value FROM app_secrets WHERE name = $1', [
    name,
  ]);
  return row!.value;
}

export const DEMO_PASSWORD = 'licheng2024';

/**
 * Seeds one demo user per role into an empty users table (README lists them), scoped to real
 * units of the seeded data: the 开元 street, its first community and that community's first two grids;
 * `ent1` for the first demonstration enterprise when the synthetic registers are there.
 */
export async function seedDemoUsers(db: Queryable): Promise<number> {
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users')) as [
    { n: number },
  ];
  if (n > 0) return 0;
  const [unit] = await db.query<{ street: string; community: string; grids: string[] }>(
    `SELECT s.code AS street, m.code AS community,
            ARRAY(SELECT code FROM grids WHERE community_code = m.code ORDER BY code LIMIT 2) AS grids
     FROM streets s JOIN communities m ON m.street_code = s.code
     WHERE s.name = '开元街道' ORDER BY m.code LIMIT 1`,
  );
  if (!unit || unit.grids.length < 2) return 0;
  const hash = await hashPassword(DEMO_PASSWORD);
  const users: [string, string, Role, string[], string[], string[]][] = [
    ['operator', '指挥中心值班员', 'operator', [], [], []],
    ['district', '区级管理员', 'district_admin', [], [], []],
    ['planner', '物业规划员', 'planner', [], [], []],
    ['kaiyuan', '开元街道管理员', 'street_admin', [unit.street], [], []],
    ['community', '社区管理员', 'community_admin', [], [unit.community], []],
    ['grid1', '网格员一', 'grid_manager', [], [], [unit.grids[0]!]],
    ['grid2', '网格员二', 'grid_manager', [], [], [unit.grids[1]!]],
  ];
  for (const [username, displayName, role, streets, communities, grids] of users) {
    await db.query(
      `INSERT INTO users (username, display_name, password_hash, role, scope_streets, scope_communities, scope_grids)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [username, displayName, hash, role, streets, communities, grids],
    );
  }
  // the first demonstration enterprise's own user (the seed's enterprises are plainly fictional)
  const ent = await db.query(
    `INSERT INTO users (username, display_name, password_hash, role, scope_enterprise)
     SELECT 'ent1', '示例物业一号（企业用户）', $1, 'enterprise', id FROM enterprises
     WHERE name = '示例物业一号'
     RETURNING id`,
    [hash],
  );
  return users.length + ent.length;
}

/**
 * Creates the district admin `admin` with the given password when there are no users at all: the
 * first start of a production database (BOOTSTRAP_ADMIN_PASSWORD), which seeds no demo users.
 * @returns whether it created the user
 */
export async function bootstrapAdmin(db: Queryable, password: string): Promise<boolean> {
  const hash = await hashPassword(password);
  const rows = await db.query(
    `INSERT INTO users (username, display_name, password_hash, role, scope_streets, scope_communities, scope_grids)
     SELECT 'admin', '区级管理员', $1, 'district_admin', '{}', '{}', '{}'
     WHERE NOT EXISTS (SELECT 1 FROM users)
     RETURNING id`,
    [hash],
  );
  return rows.length === 1;
}
