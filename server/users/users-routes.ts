import { Router, type Request } from 'express';
import type { UserRecord } from '../../common/users.ts';
import { forbidden, requireLogin } from '../auth/auth-routes.ts';
import { findUser } from '../auth/auth-queries.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import type { Principal } from '../auth/principal.ts';
import type { Db, Queryable } from '../db.ts';
import { findEnterprise } from '../enterprises/enterprises-queries.ts';
import { AppError, badRequest, notFound } from '../errors.ts';
import { listRegisterChanges } from '../register-audit.ts';
import { parseInput } from '../validation.ts';
import {
  codesOf,
  mayManage,
  scopeProblem,
  selfChangeProblem,
  unknownCode,
  USER_MANAGERS,
  type ManagedUser,
  type Places,
} from './user-rules.ts';
import {
  findUserRecord,
  insertUser,
  listUsers,
  lockUser,
  placesOf,
  resetPassword,
  updateUser,
} from './users-queries.ts';
import {
  createUserSchema,
  editUserSchema,
  ownPasswordSchema,
  passwordResetSchema,
  userIdParamSchema,
} from './users-schemas.ts';

type UserPrincipal = Extract<Principal, { kind: 'user' }>;

function manager(req: Request): UserPrincipal {
  const p = req.principal!;
  if (p.kind !== 'user' || !USER_MANAGERS.includes(p.role)) {
    throw forbidden(`Users are managed by ${USER_MANAGERS.join(', ')}`);
  }
  return p;
}

export type UsersOptions = {
  /** drops a user's live sockets (their sessions ended, or their rooms changed with their scope) */
  dropSockets: (userId: number) => void;
};

/**
 * The users register: GET /api/users (those the caller may manage), POST /api/users, PATCH
 * /api/users/{id} (name, role, scope, deactivation), POST /api/users/{id}/password (an admin sets
 * a new password), GET /api/users/{id}/history (the user's audit trail), and POST
 * /api/auth/password (anyone changes their own password). Managers act within their area (403 elsewhere, user-rules.ts); every change is
 * versioned (409 when stale), validated (400 naming the field) and audited, never half-written.
 * Deactivation and a new password end the user's sessions.
 */
export function usersRouter(db: Db, opts: UsersOptions): Router {
  const router = Router();

  router.get('/api/users', requireLogin, async (req, res) => {
    const p = manager(req);
    const users = await listUsers(db);
    const places = await placesOf(db, codesOf(users.map((u) => u.scope)));
    const body: UserRecord[] = users.filter((u) => mayManage(p, u, places));
    res.json(body);
  });

  router.post('/api/users', requireLogin, async (req, res) => {
    const p = manager(req);
    const b = parseInput(createUserSchema, req.body, 'body');
    await checkTarget(db, p, b);
    const passwordHash = await hashPassword(b.password);
    const created = await db.withTransaction(async (tx) => {
      const { password: _password, ...fields } = b;
      const user = await insertUser(tx, { ...fields, passwordHash }, p.username);
      if (!user) {
        throw new AppError(409, 'conflict', `username: ${b.username} is taken`, 'username');
      }
      return user;
    });
    res.status(201).json(created);
  });

  router.patch('/api/users/:id', requireLogin, async (req, res) => {
    const p = manager(req);
    const { id } = parseInput(userIdParamSchema, req.params);
    const b = parseInput(editUserSchema, req.body, 'body');
    const { after, sessionsEnd, roomsChange } = await db.withTransaction(async (tx) => {
      const before = await lockManaged(tx, p, id, b.version);
      const self = selfChangeProblem(p.id, id, b, before);
      if (self) throw forbidden(self);
      const next = {
        displayName: b.displayName ?? before.displayName,
        role: b.role ?? before.role,
        scope: b.scope ?? before.scope,
        active: b.active ?? before.active,
      };
      if (b.role !== undefined || b.scope !== undefined) await checkTarget(tx, p, next);
      const sessionsEnd = before.active && !next.active;
      const roomsChange =
        next.role !== before.role || JSON.stringify(next.scope) !== JSON.stringify(before.scope);
      const after = await updateUser(tx, before, next, sessionsEnd, p.username);
      return { after, sessionsEnd, roomsChange };
    });
    if (sessionsEnd || roomsChange) opts.dropSockets(id);
    res.json(after);
  });

  router.post('/api/users/:id/password', requireLogin, async (req, res) => {
    const p = manager(req);
    const { id } = parseInput(userIdParamSchema, req.params);
    const b = parseInput(passwordResetSchema, req.body, 'body');
    const passwordHash = await hashPassword(b.password);
    const after = await db.withTransaction(async (tx) => {
      const before = await lockManaged(tx, p, id, b.version);
      return resetPassword(tx, before, passwordHash, p.username);
    });
    opts.dropSockets(id);
    res.json(after);
  });

  router.get('/api/users/:id/history', requireLogin, async (req, res) => {
    const p = manager(req);
    const { id } = parseInput(userIdParamSchema, req.params);
    const user = await findUserRecord(db, id);
    if (!user) throw notFound(`Unknown user id: ${id}`);
    if (!mayManage(p, user, await placesOf(db, user.scope))) {
      throw forbidden(`User ${id} is outside what you may manage`);
    }
    res.json(await listRegisterChanges(db, 'user', id));
  });

  // any user, their own password: the current one proves it is them; every session of theirs
  // ends (this one too: log in again with the new password)
  router.post('/api/auth/password', requireLogin, async (req, res) => {
    const p = req.principal!;
    if (p.kind !== 'user') throw forbidden('An API key has no password');
    const b = parseInput(ownPasswordSchema, req.body, 'body');
    const stored = await findUser(db, { id: p.id });
    if (!stored || !(await verifyPassword(b.currentPassword, stored.passwordHash))) {
      throw badRequest('currentPassword', 'currentPassword: not your current password');
    }
    if (b.newPassword === b.currentPassword) {
      throw badRequest('newPassword', 'newPassword: the same as the current password');
    }
    const passwordHash = await hashPassword(b.newPassword);
    await db.withTransaction(async (tx) => {
      const before = (await lockUser(tx, p.id))!;
      await resetPassword(tx, before, passwordHash, p.username);
    });
    opts.dropSockets(p.id);
    res.status(204).end();
  });

  return router;
}

/**
 * A role and scope the manager may give: the scope fits the role (400), names existing units
 * (400), and lies in the manager's area with a role they may grant (403).
 */
async function checkTarget(db: Queryable, p: UserPrincipal, target: ManagedUser): Promise<void> {
  const shape = scopeProblem(target.role, target.scope);
  if (shape) throw badRequest(shape.field, shape.message);
  const places: Places = await placesOf(db, target.scope);
  const unknown = unknownCode(target.scope, places);
  if (unknown) throw badRequest(unknown.field, unknown.message);
  const { enterpriseId } = target.scope;
  if (enterpriseId !== undefined && !(await findEnterprise(db, enterpriseId))) {
    throw badRequest(
      'scope.enterpriseId',
      `scope.enterpriseId: unknown enterprise ${enterpriseId}`,
    );
  }
  if (!mayManage(p, target, places)) {
    throw forbidden(
      `A ${p.role} may not give a user the role ${target.role} with this scope: outside your area or above your role`,
    );
  }
}

/** A user the manager may manage, locked, at the version they saw: else 404, 403 or 409. */
async function lockManaged(
  tx: Queryable,
  p: UserPrincipal,
  id: number,
  seen: number,
): Promise<UserRecord> {
  const user = await lockUser(tx, id);
  if (!user) throw notFound(`Unknown user id: ${id}`);
  if (!mayManage(p, user, await placesOf(tx, user.scope))) {
    throw forbidden(`User ${id} is outside what you may manage`);
  }
  if (user.version !== seen) {
    throw new AppError(
      409,
      'conflict',
      `Stale version ${seen}: the user is at version ${user.version}; reload and retry`,
    );
  }
  return user;
}
