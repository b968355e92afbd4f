import crypto from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { LoginResult, SessionUser } from '../../common/auth.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { endSessions, findUser, type StoredUser } from './auth-queries.ts';
import { verifyPassword } from './passwords.ts';
import type { Principal } from './principal.ts';
import { signToken, verifyToken } from './tokens.ts';

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}

export type AuthOptions = {
  secret: string;
  ttlHours: number;
  integrationApiKey: string | undefined;
  now: () => Date;
};

export const loginSchema = z
  .object({
    username: z
      .string({ error: 'expected text' })
      .min(1, { error: 'expected 1–64 characters' })
      .max(64, { error: 'expected 1–64 characters' }),
    password: z
      .string({ error: 'expected text' })
      .min(1, { error: 'expected 1–256 characters' })
      .max(256, { error: 'expected 1–256 characters' }),
  })
  .strict();

/**
 * A scrypt hash of a random password nobody knows, with the parameters of stored ones
 * (passwords.ts): an unknown username is checked against it, so it costs what a known one does
 * and the answer's timing does not tell which usernames exist.
 */
export const DUMMY_PASSWORD_HASH =
  'scrypt$16384$8$1$/0ATGqbSAEkM9vuE3dI78g==$/jquZg/sYH7p94NQoBAgvYn8d4WNwaPEdmgmMXYF/FM=';

/** Whether a login succeeds: the password of a known, active user; an unknown one costs the same. */
export async function verifyLogin(user: StoredUser | null, password: string): Promise<boolean> {
  const matches = await verifyPassword(password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);
  // a deactivated user is refused like a wrong password, after the same work
  return user !== null && user.active && matches;
}

export const unauthorized = () =>
  new AppError(401, 'unauthorized', 'Log in first (Authorization: Bearer <token>)');
export const forbidden = (message: string) => new AppError(403, 'forbidden', message);

/** Whether a key is the integration API key, in constant time (X-API-Key, Open311's api_key). */
export function isIntegrationApiKey(key: string, options: Pick<AuthOptions, 'integrationApiKey'>) {
  return (
    !!options.integrationApiKey &&
    crypto.timingSafeEqual(digest(key), digest(options.integrationApiKey))
  );
}

/** Resolves the principal from a Bearer token or X-API-Key, once per request (absent = anonymous). */
export function authenticate(db: Db, options: AuthOptions): RequestHandler {
  return async (req, _res, next) => {
    const apiKey = req.get('x-api-key');
    if (apiKey !== undefined) {
      if (!isIntegrationApiKey(apiKey, options)) {
        throw new AppError(401, 'unauthorized', 'Unknown API key (X-API-Key)');
      }
      req.principal = { kind: 'integration', name: 'integration' };
      return next();
    }
    const header = req.get('authorization');
    if (header?.startsWith('Bearer ')) {
      req.principal = (await sessionFromToken(db, header.slice(7), options))?.principal;
      if (!req.principal)
        throw new AppError(401, 'unauthorized', 'Session expired or invalid: log in again');
    }
    next();
  };
}

/** A session: who, and when the token ends (epoch ms). */
export type Session = { principal: Extract<Principal, { kind: 'user' }>; expiresAtMs: number };

/** The session of a well-formed, well-signed, unexpired token not revoked by a logout, else null. */
export async function sessionFromToken(
  db: Db,
  token: string,
  options: AuthOptions,
): Promise<Session | null> {
  const payload = verifyToken(token, options.secret, options.now().getTime() / 1000);
  if (!payload) return null;
  const user = await findUser(db, { id: payload.sub });
  if (!user || !user.active || user.sessionVersion !== payload.ver) return null;
  const { passwordHash: _hash, sessionVersion: _version, active: _active, ...principal } = user;
  return { principal, expiresAtMs: payload.exp * 1000 };
}

/** Refuses anonymous requests; use after authenticate. */
export const requireLogin: RequestHandler = (req, _res, next) => {
  if (!req.principal) throw unauthorized();
  next();
};

/**
 * POST /api/auth/login, POST /api/auth/logout, GET /api/auth/me. `onSessionsEnded` is told the
 * user whose sessions a logout ended (app.ts drops that user's sockets).
 */
export function authRouter(
  db: Db,
  options: AuthOptions,
  onSessionsEnded: (userId: number) => void = () => {},
): Router {
  const router = Router();
  router.post('/api/auth/login', async (req, res) => {
    const { username, password } = parseInput(loginSchema, req.body, 'body');
    const user = await findUser(db, { username });
    // same answer, and the same work, for an unknown user and a wrong password
    if (!(await verifyLogin(user, password)) || !user) {
      throw new AppError(401, 'unauthorized', 'Wrong username or password');
    }
    const exp = Math.floor(options.now().getTime() / 1000 + options.ttlHours * 3600);
    const body: LoginResult = {
      token: signToken({ sub: user.id, exp, ver: user.sessionVersion }, options.secret),
      expiresAt: new Date(exp * 1000).toISOString(),
      user: toSessionUser(user),
    };
    res.json(body);
  });
  // ends every session of the user (a token version per user): simpler than a revocation list,
  // and a user who logs out on one device is logged out on all, which is what a lost phone needs
  router.post('/api/auth/logout', requireLogin, async (req, res) => {
    const p = req.principal!;
    if (p.kind !== 'user') throw forbidden('An API key has no session to end');
    await endSessions(db, p.id);
    onSessionsEnded(p.id);
    res.status(204).end();
  });
  router.get('/api/auth/me', requireLogin, (req, res) => {
    const p = req.principal!;
    if (p.kind !== 'user') throw forbidden('An API key has no user');
    res.json(toSessionUser(p));
  });
  return router;
}

function toSessionUser(u: SessionUser): SessionUser {
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    role: u.role,
    scope: u.scope,
  };
}

function digest(key: string): Buffer {
  return crypto.createHash('sha256').update(key).digest();
}
