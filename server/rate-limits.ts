import crypto from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ApiError } from '../common/errors.ts';
import { AppError } from './errors.ts';

// Per-client limits on login (password guessing) and intake (a runaway integration). Counters live
// in each process's memory: with several server processes each enforces its own share, which
// bounds abuse without any shared state to lose (a Redis store would make them global).

const tooMany = (what: string, perMinute: number): ApiError => ({
  error: {
    code: 'rate_limited',
    message: `Too many ${what}: at most ${perMinute} a minute; retry later`,
  },
});

const clientAddress = (req: Request) => ipKeyGenerator(req.ip ?? 'unknown');

/** Login attempts per client address and minute. */
export function loginRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit: perMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: clientAddress,
    message: tooMany('login attempts', perMinute),
  });
}

/** Intake requests per API key (or client address) and minute. */
export function intakeRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
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
    message: tooMany('reports', perMinute),
  });
}

/**
 * Open311 POST requests per api_key (or client address) and minute, counted apart from
 * POST /api/events. Runs after the form is parsed (the key is a form field) and hands its 429 to
 * the router's error handler, so Open311 clients get the spec's error list.
 */
export function open311IntakeRateLimit(perMinute: number): RequestHandler {
  return rateLimit({
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
    handler: (_req, _res, next) =>
      next(new AppError(429, 'rate_limited', tooMany('reports', perMinute).error.message)),
  });
}
