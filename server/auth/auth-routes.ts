import crypto from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { LoginResult, SessionUser } from '../../common/auth.ts';
import type { Db } from '../db.ts';
import { AppError } from '../errors.ts';
import { parseInput } from '../validation.ts';
import { findUser } from './auth-queries.ts';
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

const loginSchema = z
  .object({
    username: z.string({ error: 'expected text' }).min(1).max(64),
    password: z.string({ error: 'expected text' }).min(1).max(256),
  })
  .strict();

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
      req.principal = (await principalFromToken(db, header.slice(7), options)) ?? undefined;
      if (!req.principal)
        throw new AppError(401, 'unauthorized', 'Session expired or invalid: log in again');
    }
    next();
  };
}

export async function principalFromToken(db: Db, token: string, options: AuthOptions) {
  const payload = verifyToken(token, options.secret, options.now().getTime() / 1000);
  if (!payload) return null;
  const user = await findUser(db, { id: payload.sub });
  if (!user) return null;
  const { passwordHash: _omit, ...principal } = user;
  return principal;
}

/** Refuses anonymous requests; use after authenticate. */
export const requireLogin: RequestHandler = (req, _res, next) => {
  if (!req.principal) throw unauthorized();
  next();
};

/** POST /api/auth/login, GET /api/auth/me */
export function authRouter(db: Db, options: AuthOptions): Router {
  const router = Router();
  router.post('/api/auth/login', async (req, res) => {
    const { username, password } = parseInput(loginSchema, req.body, 'body');
    const user = await findUser(db, { username });
    // same answer for an unknown user and a wrong password
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new AppError(401, 'unauthorized', 'Wrong username or password');
    }
    const exp = Math.floor(options.now().getTime() / 1000 + options.ttlHours * 3600);
    const body: LoginResult = {
      token: signToken({ sub: user.id, exp }, options.secret),
      expiresAt: new Date(exp * 1000).toISOString(),
      user: toSessionUser(user),
    };
    res.json(body);
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
