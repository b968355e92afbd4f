import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit, type Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import { AppError } from './errors.ts';

// Per-client limits on login (password guessing) and intake (a runaway integration). With
// REDIS_URL the counters live in Redis, shared by every server process, so a limit is the same
// whichever process answers; without it each process counts in its own memory.

/** What the limits need of a node-redis client: raw commands. */
export type RedisClient = { sendCommand(args: string[]): Promise<unknown> };

/** The counters of one limit in Redis (shared by all processes), or undefined for memory. */
export function rateLimitStore(redis: RedisClient | null, name: string): Store | undefined {
  if (!redis) return undefined;
  return new RedisStore({
    prefix: `licheng:rate:${name}:`,
    sendCommand: (...args: string[]) => redis.sendCommand(args) as Promise<RedisReply>,
  });
}

// the 429 goes to the error middleware (the app's, or Open311's list), which adds the request id
const tooMany =
  (what: string, perMinute: number): RequestHandler =>
  (_req, _res, next) =>
    next(
      new AppError(
        429,
        'rate_limited',
        `Too many ${what}: at most ${perMinute} a minute; retry later`,
      ),
    );

const clientAddress = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/**
 * Failed login attempts per client address and username, and minute: someone guessing one
 * user's password does not lock out the others behind the same address (an office's NAT), and a
 * successful login is not counted. The username is folded (trim, lower case) so variants share
 * one count; the counters hold a digest of it. The client address is `req.ip`, which honours
 * TRUST_PROXY (app.ts).
 */
export function loginRateLimit(perMinute: number, store?: Store): RequestHandler {
  return rateLimit({
    store,
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => {
      const name: unknown = (req.body as Record<string, unknown> | undefined)?.username;
      const folded = typeof name === 'string' ? name.trim().toLowerCase() : '';
      const digest = crypto.createHash('sha256').update(folded).digest('hex').slice(0, 16);
      return `${clientAddress(req)}|${digest}`;
    },
    handler: tooMany('login attempts', perMinute),
  });
}

/** Intake requests per API key (or client address) and minute. */
export function intakeRateLimit(perMinute: number, store?: Store): RequestHandler {
  return rateLimit({
    store,
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    // a digest, so the counters never hold a key itself
    keyGenerator: (req) => {
      const key = req.get('x-api-key');
      return key
        ? `key:${crypto.createHash('sha256').update(key).digest('hex').slice(0, 16)}`
        : clientAddress(req);
    },
    handler: tooMany('reports', perMinute),
  });
}

/**
 * Open311 POST requests per api_key (or client address) and minute, counted apart from
 * POST /api/events. Runs after the form is parsed (the key is a form field); its 429 reaches the
 * router's error handler, so Open311 clients get the spec's error list.
 */
export function open311IntakeRateLimit(perMinute: number, store?: Store): RequestHandler {
  return rateLimit({
    store,
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const key: unknown = (req.body as Record<string, unknown> | undefined)?.api_key;
      return typeof key === 'string' && key
        ? `open311:${crypto.createHash('sha256').update(key).digest('hex').slice(0, 16)}`
        : clientAddress(req);
    },
    handler: tooMany('reports', perMinute),
  });
}
